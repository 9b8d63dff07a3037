// The clerks' message screens through the real routes (issue 6): the letters print queue (letter PDF recorded
// with its SHA-256, leaflets alongside, mark as posted), a patient's messages and resend (double submit queues
// once), the overview, the batch send of a day list with its progress, and the in-app mailbox.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailDirTransport } from '~/communications/mail-transport.server';
import { getPrisma } from '~/db.server';
import { action as lettersAction, loader as lettersLoader } from '~/routes/letters._index';
import { loader as letterPdfLoader } from '~/routes/letters.$messageId.pdf';
import { loader as mailboxLoader } from '~/routes/mailbox._index';
import { loader as mailboxMessageLoader } from '~/routes/mailbox.$messageId';
import { loader as mailboxAttachmentLoader } from '~/routes/mailbox.$messageId_.attachments.$index';
import { loader as overviewLoader } from '~/routes/messages._index';
import { action as patientMessagesAction, loader as patientMessagesLoader } from '~/routes/patients.$patientId_.messages';
import { action as sendAction, loader as sendLoader, meta as sendMeta } from '~/routes/lists.$listId_.send';
import { bookConsultation } from '~/consultations/book-consultation.server';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { moveProcedureBooking } from '~/scheduling/procedures/move-procedure-booking.server';
import {
  approveCurrentLeafletParts,
  createClinicWithSlots,
  createPatient,
  createProcedureList,
  createProcedureRequest,
  createReferral,
  createSite,
  createStaff,
} from '../factories';
import { getRequest, respond, routeArgs } from './helpers';
import { load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

// Rule 10: leaflets go only from approved parts; here the unit's doctors have approved the current ones.
beforeAll(async () => {
  await approveCurrentLeafletParts(await getPrisma());
});

useFixedClock('2027-03-22T10:00:00.000Z');

const IP = '192.0.2.30';

async function maidstone() {
  const prisma = await getPrisma();
  return (await prisma.site.findUnique({ where: { code: 'MAIDSTONE' } })) ?? createSite(prisma, { code: 'MAIDSTONE', hasInterventionalSuite: true });
}

async function bookCase(options: { email: boolean; listId?: string; date?: string }) {
  const prisma = await getPrisma();
  const site = await maidstone();
  const actor = await createStaff(prisma, { role: 'CLERK' });
  const patient = await createPatient(prisma, {
    firstName: 'Agnieszka',
    lastName: 'Dąbrowska',
    email: options.email ? `a.${newKey().slice(0, 6)}@example.com` : null,
    emailConsent: options.email,
  });
  const listId = options.listId ?? (await createProcedureList(prisma, { siteId: site.id, date: options.date ?? '2027-04-01' })).id;
  const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'FACET_JOINT_INJECTION', minutes: 30 });
  const { appointmentId } = await bookProcedure(
    { requestId: request.id, listId, idempotencyKey: newKey() },
    { id: actor.id, role: 'CLERK' },
    IP,
    new Date(),
  );
  return { patient, listId, appointmentId, actor };
}

async function download(messageId: string, cookie: string) {
  return respond(() => letterPdfLoader(routeArgs(getRequest(`/letters/${messageId}/pdf`, cookie), { messageId }) as never));
}

function pdfText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-letter-'));
  try {
    const file = path.join(dir, 'letter.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('letters to print', () => {
  it('lists a letter, makes and records it on download (the same bytes again), and marks it posted', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const { patient, appointmentId } = await bookCase({ email: false });
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, channel: 'LETTER' } });

    const queue = await load<{ letters: { messageId: string; patient: { name: string }; documents: unknown[] }[] }>(lettersLoader, '/letters', cookie);
    expect(queue.status).toBe(200);
    const row = queue.data.letters.find((l) => l.messageId === message.id)!;
    expect(row).toMatchObject({ patient: { name: 'Agnieszka Dąbrowska' }, documents: [] });

    // Marking it posted before it was printed is refused and changes nothing.
    const early = await post(lettersAction, '/letters', { intent: 'posted', messageId: message.id }, cookie);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ formError: 'Download and print the letter before marking it as posted.' });
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe('QUEUED');

    const first = await download(message.id, cookie);
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toBe('application/pdf');
    const bytes = Buffer.from(await first.arrayBuffer());
    const text = pdfText(bytes);
    expect(text).toContain('Agnieszka Dąbrowska');
    expect(text).toContain('Your day-case appointment');
    expect(text).toMatch(/Thursday 1 April 2027 at 9am/);
    expect(text).toMatch(/Please arrive at 8:30am/);
    expect(text).toContain('Enclosed');
    // The leaflets are in the same file, after the letter: one thing to print, nothing to forget.
    expect(text).toContain('Before your procedure');
    expect(text).toContain('After your procedure');
    expect(text.indexOf('Your day-case appointment')).toBeLessThan(text.indexOf('This leaflet is for:'));
    expect(text.match(/This leaflet is for:/g)).toHaveLength(2);

    const attachments = await prisma.outboxAttachment.findMany({
      where: { messageId: message.id },
      select: { sha256: true, filename: true, document: { select: { kind: true, sha256: true, byteSize: true, patientId: true } } },
    });
    expect(attachments.map((a) => a.document?.kind).sort()).toEqual(['AFTER_PROCEDURE', 'BEFORE_PROCEDURE', 'LETTER']);
    const letterAttachment = attachments.find((a) => a.document?.kind === 'LETTER')!;
    expect(letterAttachment.sha256).toBe(sha256(bytes));
    expect(letterAttachment.document).toMatchObject({ sha256: sha256(bytes), byteSize: bytes.byteLength, patientId: patient.id });
    for (const a of attachments) expect(a.sha256).toBe(a.document!.sha256);

    // A second download gives the stored bytes; nothing new is recorded.
    const again = Buffer.from(await (await download(message.id, cookie)).arrayBuffer());
    expect(sha256(again)).toBe(sha256(bytes));
    expect(await prisma.sentDocument.count({ where: { patientId: patient.id, kind: 'LETTER' } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'letter.download', patientId: patient.id } })).toBe(2);

    const posted = await post(lettersAction, '/letters', { intent: 'posted', messageId: message.id }, cookie);
    expect(posted).toMatchObject({ status: 302, location: '/letters?posted=1' });
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(await prisma.task.findFirstOrThrow({ where: { messageId: message.id, kind: 'PRINT_LETTER' } })).toMatchObject({ status: 'DONE', doneById: staff.id });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'letter.posted', entityId: message.id } });
    expect(audit).toMatchObject({ actorId: staff.id, patientId: patient.id, ipAddress: '192.0.2.10' });

    const twice = await post(lettersAction, '/letters', { intent: 'posted', messageId: message.id }, cookie);
    expect(twice).toMatchObject({ status: 302, location: '/letters?posted=again' });
    expect(await prisma.auditEvent.count({ where: { action: 'letter.posted', entityId: message.id } })).toBe(1);
    const after = await load<{ letters: { messageId: string }[] }>(lettersLoader, '/letters', cookie);
    expect(after.data.letters.some((l) => l.messageId === message.id)).toBe(false);
  });

  it('writes a telephone consultation letter without leaflets, and refuses a cancelled letter', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const site = await maidstone();
    const patient = await createPatient(prisma, { firstName: 'Ngozi', lastName: 'Okafor' });
    const referral = await createReferral(prisma, { patientId: patient.id });
    const clinic = await createClinicWithSlots(prisma, { siteId: site.id, date: '2027-03-31', startTime: '14:00', endTime: '15:00' });
    const actor = await createStaff(prisma, { role: 'CLERK' });
    const { appointmentId } = await bookConsultation({ slotId: clinic.slots[1].id, referralId: referral.id, idempotencyKey: newKey() }, { id: actor.id, role: 'CLERK' }, IP, new Date());
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId } });
    const text = pdfText(Buffer.from(await (await download(message.id, cookie)).arrayBuffer()));
    expect(text).toContain('Ngozi Okafor');
    expect(text).toMatch(/telephone appointment is on Wednesday 31 March 2027 at 2:20pm/);
    expect(text).not.toContain('Enclosed');
    expect(await prisma.outboxAttachment.count({ where: { messageId: message.id } })).toBe(1);

    await prisma.outboxMessage.update({ where: { id: message.id }, data: { status: 'CANCELLED' } });
    // The download leads back to the queue, which says why (an error is never saved as a PDF).
    const refused = await download(message.id, cookie);
    expect(refused.status).toBe(302);
    expect(refused.headers.get('Location')).toBe(`/letters?problem=${message.id}`);
    const queue = await load<{ problem: string }>(lettersLoader, `/letters?problem=${message.id}`, cookie);
    expect(queue.data.problem).toBe('The letter for Ngozi Okafor could not be downloaded. This letter was cancelled because the appointment changed. Do not post it.');
    const reply = await post(lettersAction, '/letters', { intent: 'posted', messageId: message.id }, cookie);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ formError: 'This letter was cancelled because the appointment changed. Do not post it.' });
  });

  it('says why a letter cannot be made when the leaflets cannot be made for the booking', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    // A list at a site whose interventional suite has since been recorded as gone.
    const elsewhere = await createSite(prisma, { hasInterventionalSuite: true });
    const list = await createProcedureList(prisma, { siteId: elsewhere.id, date: '2027-04-02' });
    const { appointmentId } = await bookCase({ email: false, listId: list.id });
    await prisma.site.update({ where: { id: elsewhere.id }, data: { hasInterventionalSuite: false } });
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, channel: 'LETTER' } });
    const reply = await download(message.id, cookie);
    expect(reply.headers.get('Location')).toBe(`/letters?problem=${message.id}`);
    const queue = await load<{ problem: string }>(lettersLoader, `/letters?problem=${message.id}`, cookie);
    expect(queue.data.problem).toMatch(/^The letter for Agnieszka Dąbrowska could not be downloaded\. The leaflets cannot be made for this booking: ./);
    expect(await prisma.outboxAttachment.count({ where: { messageId: message.id } })).toBe(0);
    expect(await prisma.sentDocument.count({ where: { appointmentId, kind: 'LETTER' } })).toBe(0);
  });

  it('is for clerks and admins only', async () => {
    const { cookie } = await signedIn('DOCTOR');
    expect((await load(lettersLoader, '/letters', cookie)).status).toBe(403);
  });
});

describe('a patient’s messages', () => {
  it('lists every message with its attachments’ SHA-256 and flags failures; a resend queues once and closes the failure task', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const { patient, appointmentId } = await bookCase({ email: true });
    const leaflet = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, purpose: 'PRE_PROCEDURE_LEAFLET' } });
    // As the worker leaves a message it gave up on: failed, with an open task for the clerks.
    await prisma.outboxMessage.update({ where: { id: leaflet.id }, data: { status: 'FAILED', attempts: 5, lastError: 'SMTP_EENVELOPE' } });
    await prisma.outboxAttachment.create({ data: { messageId: leaflet.id, filename: 'before.pdf', contentType: 'application/pdf', sha256: 'a'.repeat(64) } });
    const task = await prisma.task.create({
      data: { kind: 'MESSAGE_FAILED', title: 'A message could not be sent', patientId: patient.id, messageId: leaflet.id, dedupeKey: `message-failed:${leaflet.id}` },
    });

    const page = await load<{ formKey: string; messages: { id: string; status: string; failed: boolean; lastError: string; attempts: number; attachments: { filename: string; sha256: string }[] }[] }>(
      patientMessagesLoader,
      `/patients/${patient.id}/messages`,
      cookie,
      { patientId: patient.id },
    );
    expect(page.status).toBe(200);
    expect(page.data.messages).toHaveLength(3);
    expect(page.data.messages.find((m) => m.id === leaflet.id)).toMatchObject({
      status: 'FAILED',
      failed: true,
      lastError: 'SMTP_EENVELOPE',
      attempts: 5,
      attachments: [{ filename: 'before.pdf', sha256: 'a'.repeat(64) }],
    });
    expect(await prisma.auditEvent.count({ where: { action: 'patient.messages.view', patientId: patient.id } })).toBe(1);

    const overview = await load<{ counts: { failed: number; queued: number; scheduled: number }; failures: { taskId: string }[] }>(overviewLoader, '/messages', cookie);
    expect(overview.data.counts.failed).toBe(await prisma.outboxMessage.count({ where: { status: 'FAILED' } }));
    // The booking's two reminders are scheduled for later, not due now.
    expect(overview.data.counts.scheduled).toBe(await prisma.outboxMessage.count({ where: { status: 'QUEUED', channel: { not: 'LETTER' }, nextAttemptAt: { gt: new Date() } } }));
    expect(overview.data.counts.scheduled).toBeGreaterThanOrEqual(2);
    expect(overview.data.failures.some((f) => f.taskId === task.id)).toBe(true);

    const fields = { intent: 'resend', messageId: leaflet.id, formKey: page.data.formKey };
    // The same form submitted five times at once: every submission ends at the one resent message.
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => post(patientMessagesAction, `/patients/${patient.id}/messages`, fields, cookie, { patientId: patient.id })),
    );
    expect(replies.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(replies.map((r) => r.location)).size).toBe(1);
    const again = await post(patientMessagesAction, `/patients/${patient.id}/messages`, fields, cookie, { patientId: patient.id });
    expect(again.status).toBe(302);
    const resent = await prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'resend:' }, patientId: patient.id } });
    expect(resent).toHaveLength(1);
    expect(resent[0]).toMatchObject({ purpose: 'PRE_PROCEDURE_LEAFLET', channel: 'EMAIL', status: 'QUEUED', recipient: patient.email, appointmentId });
    expect(resent[0].payload).toEqual(leaflet.payload);
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'DONE', doneById: staff.id });
    expect(await prisma.auditEvent.count({ where: { action: 'message.resend', patientId: patient.id } })).toBe(1);
  });

  it('refuses to resend a message about a time that has since moved, and a doctor cannot resend', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { patient, appointmentId, listId, actor } = await bookCase({ email: true });
    const leaflet = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, purpose: 'PRE_PROCEDURE_LEAFLET' } });
    await prisma.outboxMessage.update({ where: { id: leaflet.id }, data: { status: 'SENT', acceptedAt: new Date() } });
    const list = await prisma.procedureList.findUniqueOrThrow({ where: { id: listId } });
    const other = await createProcedureList(prisma, { siteId: list.siteId, date: '2027-04-08' });
    await moveProcedureBooking({ appointmentId, version: 1, toListId: other.id }, { id: actor.id, role: 'CLERK' }, IP, new Date());
    const before = await prisma.outboxMessage.count({ where: { patientId: patient.id } });

    const reply = await post(patientMessagesAction, `/patients/${patient.id}/messages`, { intent: 'resend', messageId: leaflet.id, formKey: newKey() }, cookie, { patientId: patient.id });
    expect(reply.status).toBe(409);
    expect(String(reply.body?.formError)).toContain('has been cancelled or moved');
    expect(await prisma.outboxMessage.count({ where: { patientId: patient.id } })).toBe(before);
    const cancelledReminder = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, purpose: 'REMINDER', status: 'CANCELLED' } });
    const notSent = await post(patientMessagesAction, `/patients/${patient.id}/messages`, { intent: 'resend', messageId: cancelledReminder.id, formKey: newKey() }, cookie, { patientId: patient.id });
    expect(notSent.status).toBe(409);
    expect(await prisma.outboxMessage.count({ where: { patientId: patient.id } })).toBe(before);

    const doctor = await signedIn('DOCTOR');
    const refused = await post(patientMessagesAction, `/patients/${patient.id}/messages`, { intent: 'resend', messageId: leaflet.id, formKey: newKey() }, doctor.cookie, { patientId: patient.id });
    expect(refused.status).toBe(403);
    expect((await load(patientMessagesLoader, `/patients/${patient.id}/messages`, doctor.cookie, { patientId: patient.id })).status).toBe(200);
  });
});

describe('sending a day list’s leaflets', () => {
  it('queues one leaflet message per booked case (email or letter), once per batch, and shows the progress until settled', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const first = await bookCase({ email: true, date: '2027-04-06' });
    const second = await bookCase({ email: false, listId: first.listId });
    const listId = first.listId;

    const confirm = await load<{ mode: string; cases: number; emails: number; letters: number; canSend: boolean; batchId: string }>(sendLoader, `/lists/${listId}/send`, cookie, { listId });
    expect(confirm.data).toMatchObject({ mode: 'confirm', cases: 2, emails: 1, letters: 1, canSend: true });
    const batchId = confirm.data.batchId;

    const sent = await post(sendAction, `/lists/${listId}/send`, { batchId }, cookie, { listId });
    expect(sent).toMatchObject({ status: 302, location: `/lists/${listId}/send?batch=${batchId}` });
    expect((await post(sendAction, `/lists/${listId}/send`, { batchId }, cookie, { listId })).status).toBe(302);
    const batch = await prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `batch:${batchId}:` } }, orderBy: { channel: 'asc' } });
    expect(batch.map((m) => `${m.channel} ${m.purpose} ${m.appointmentId}`)).toEqual([
      `EMAIL PRE_PROCEDURE_LEAFLET ${first.appointmentId}`,
      `LETTER PRE_PROCEDURE_LEAFLET ${second.appointmentId}`,
    ]);
    expect(batch[0].payload).toMatchObject({ appointmentId: first.appointmentId, attachLeaflets: true, includeCalendar: true });
    expect(await prisma.task.count({ where: { messageId: batch[1].id, kind: 'PRINT_LETTER', status: 'OPEN' } })).toBe(1);

    type Progress = { mode: string; progress: { total: number; queued: number; sent: number; failed: number; lettersToPrint: number; settled: boolean } };
    const progress = await load<Progress>(sendLoader, `/lists/${listId}/send?batch=${batchId}`, cookie, { listId });
    expect(progress.data).toMatchObject({ mode: 'progress', progress: { total: 2, queued: 1, sent: 0, failed: 0, lettersToPrint: 1, settled: false } });
    // The page reloads itself only when the clerk asked for it, and only until the batch has settled.
    expect((sendMeta({ data: progress.data } as never) as Record<string, string>[]).some((m) => m.httpEquiv)).toBe(false);
    const auto = await load<Progress>(sendLoader, `/lists/${listId}/send?batch=${batchId}&auto=1`, cookie, { listId });
    const refreshing = sendMeta({ data: auto.data } as never) as Record<string, string>[];
    expect(refreshing).toContainEqual({ httpEquiv: 'refresh', content: '5' });
    expect(refreshing).toContainEqual({ title: 'Sending leaflets - PainDesk' });

    await prisma.outboxMessage.update({ where: { id: batch[0].id }, data: { status: 'SENT', acceptedAt: new Date() } });
    const settled = await load<Progress>(sendLoader, `/lists/${listId}/send?batch=${batchId}&auto=1`, cookie, { listId });
    expect(settled.data.progress).toMatchObject({ total: 2, queued: 0, sent: 1, lettersToPrint: 1, settled: true });
    expect((sendMeta({ data: settled.data } as never) as Record<string, string>[]).some((m) => m.httpEquiv)).toBe(false);

    // A new batch (a new form) sends again; an unknown batch is 404; a bad key changes nothing.
    const newBatch = (await load<{ batchId: string }>(sendLoader, `/lists/${listId}/send`, cookie, { listId })).data.batchId;
    expect(newBatch).not.toBe(batchId);
    await post(sendAction, `/lists/${listId}/send`, { batchId: newBatch }, cookie, { listId });
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: `batch:${newBatch}:` } } })).toBe(2);
    expect((await load(sendLoader, `/lists/${listId}/send?batch=${newKey()}`, cookie, { listId })).status).toBe(404);
    const before = await prisma.outboxMessage.count();
    expect((await post(sendAction, `/lists/${listId}/send`, { batchId: 'x' }, cookie, { listId })).status).toBe(400);
    expect(await prisma.outboxMessage.count()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: 'procedure-list.send-leaflets', entityId: listId } })).toBe(3);
  });

  it('sends nothing for a cancelled list', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { listId } = await bookCase({ email: true, date: '2027-04-07' });
    await prisma.procedureList.update({ where: { id: listId }, data: { status: 'CANCELLED' } });
    const confirm = await load<{ canSend: boolean; problem: string }>(sendLoader, `/lists/${listId}/send`, cookie, { listId });
    expect(confirm.data).toMatchObject({ canSend: false, problem: 'This list has been cancelled.' });
    const reply = await post(sendAction, `/lists/${listId}/send`, { batchId: newKey() }, cookie, { listId });
    expect(reply.status).toBe(409);
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'batch:' }, appointment: { procedureListId: listId } } })).toBe(0);
  });
});

describe('the in-app mailbox', () => {
  let mailDir: string;
  beforeEach(() => {
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-mailbox-'));
    process.env.MAIL_DIR = mailDir;
    delete process.env.SMTP_URL;
    globalThis.__paindeskEnv = undefined;
  });
  afterEach(() => {
    delete process.env.MAIL_DIR;
    globalThis.__paindeskEnv = undefined;
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  it('lists the kept emails and shows one with its text, HTML and attachment names', async () => {
    const { cookie } = await signedIn('ADMIN');
    const transport = createMailDirTransport({ mailDir, from: 'Chronic Pain Unit <pain@example.nhs.uk>' });
    await transport.send({
      outboxId: 'msg123',
      to: 'patient@example.com',
      subject: 'Your Chronic Pain Unit appointment is booked',
      text: 'Dear Ngozi,\n\nYour telephone appointment is on Wednesday.',
      html: '<p>Dear Ngozi,</p><script>alert(1)</script>',
      attachments: [{ filename: 'appointment.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n') }],
    });
    transport.close();

    const list = await load<{ messages: { id: string; subject: string; to: string; attachments: string[] }[] }>(mailboxLoader, '/mailbox', cookie);
    expect(list.data.messages).toEqual([
      expect.objectContaining({ id: 'msg123', subject: 'Your Chronic Pain Unit appointment is booked', to: 'patient@example.com', attachments: ['appointment.ics'] }),
    ]);
    const one = await load<{ message: { text: string; html: string; attachments: { filename: string }[] } }>(mailboxMessageLoader, '/mailbox/msg123', cookie, { messageId: 'msg123' });
    expect(one.data.message.text).toContain('Your telephone appointment is on Wednesday.');
    expect(one.data.message.html).toContain('<p>Dear Ngozi,</p>');
    expect(one.data.message.attachments.map((a) => a.filename)).toEqual(['appointment.ics']);
    const ics = await respond(() => mailboxAttachmentLoader(routeArgs(getRequest('/mailbox/msg123/attachments/0', cookie), { messageId: 'msg123', index: '0' }) as never));
    expect(ics.status).toBe(200);
    expect(ics.headers.get('Content-Disposition')).toBe('attachment; filename="appointment.ics"');
    expect(await ics.text()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const missing = await respond(() => mailboxAttachmentLoader(routeArgs(getRequest('/mailbox/msg123/attachments/1', cookie), { messageId: 'msg123', index: '1' }) as never));
    expect(missing.status).toBe(404);
    expect((await load(mailboxMessageLoader, '/mailbox/nope', cookie, { messageId: 'nope' })).status).toBe(404);
    expect((await load(mailboxLoader, '/mailbox', (await signedIn('DOCTOR')).cookie)).status).toBe(403);
  });

  it('is not there when a mail server is configured', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    globalThis.__paindeskEnv = undefined;
    try {
      const { cookie } = await signedIn('CLERK');
      expect((await load(mailboxLoader, '/mailbox', cookie)).status).toBe(404);
    } finally {
      delete process.env.SMTP_URL;
    }
  });
});
