// Only approved content reaches a patient (DESIGN.md rule 10, ADR 12): a leaflet is made only from parts a doctor
// approved for their exact file and within their review date. Without that, nothing is rendered or stored, a
// booking still books but its leaflet message is held (never sent, never failed), the clerk sees why, and a
// doctor's approval sends it. This file's database starts with no approvals at all.
import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '~/communications/mail-transport.server';
import { createOutboxWorker } from '~/communications/worker.server';
import { downloadLetter } from '~/communications/letter-queue.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { LEAFLET_HOLD_CODE } from '~/leaflets/leaflet-approval';
import { approveLeafletPart, revokeLeafletApproval } from '~/leaflets/leaflet-approval.server';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { generateLeafletDocuments, getLeafletSummary } from '~/leaflets/leaflet-documents.server';
import { action as leafletsAction, loader as leafletsLoader } from '~/routes/admin.leaflets';
import { loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { createPatient, createProcedureList, createProcedureRequest, createStaff } from '../factories';
import { testDatabase } from '../setup/database';
import { MAIL_FROM, noSms } from './communications-fixtures';
import { load, newKey, post, signedIn } from './consultations-fixtures';
import { leafletBooking, maidstone, pdfText } from './leaflets-fixtures';

const NOW = new Date('2027-03-22T10:00:00.000Z');
const IP = '192.0.2.44';
const parts = loadLeafletParts();

async function staff(role: 'DOCTOR' | 'ADMIN' | 'CLERK', name?: string) {
  const prisma = await getPrisma();
  const user = await createStaff(prisma, { role, ...(name ? { name } : {}) });
  return { actor: { id: user.id, role: user.role }, ipAddress: IP, user };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A doctor approves, one by one as on the Leaflets page, every part the booking's leaflets are blocked by. */
async function approveBlockingParts(appointmentId: string, doctor: Awaited<ReturnType<typeof staff>>, now: Date) {
  const summary = await getLeafletSummary(appointmentId, now);
  for (const block of summary.blocked) {
    const part = parts.find((p) => p.key === block.key)!;
    await approveLeafletPart({ partKey: part.key, contentHash: part.contentHash }, doctor, now);
  }
  return summary.blocked.map((b) => b.key);
}

function recordingMail() {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    transport: {
      kind: 'mail-dir' as const,
      send: async (email: OutgoingEmail) => {
        sent.push(email);
        return { providerMessageId: `<${email.outboxId}@test>` };
      },
      close() {},
    },
  };
}

describe('making leaflets only from approved parts', () => {
  it('refuses, naming each part, while parts are not approved; renders and stores nothing; works once a doctor approves them', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking({ approved: false });

    const error = await refusal(generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts }));
    expect(error).toMatchObject({ code: 'LEAFLET_NOT_APPROVED', status: 409 });
    expect(error.message).toContain('Your appointment (shared/appointment): not approved by a doctor');
    expect(error.message).toContain('(shared/contacts): not approved by a doctor');
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(0);
    expect(await prisma.leafletVersion.count()).toBe(0);

    const doctor = await staff('DOCTOR', 'Dr Imogen Hale');
    const approvedKeys = await approveBlockingParts(appointment.id, doctor, NOW);
    expect(approvedKeys).toEqual(expect.arrayContaining(['shared/appointment', 'facet-joint-injection/about', 'facet-joint-injection/afterwards', 'shared/contacts']));
    const rows = await prisma.leafletApproval.findMany({ where: { partKey: 'shared/contacts' } });
    expect(rows).toMatchObject([{ approvedById: doctor.user.id, approvedAt: NOW, demo: false, revokedAt: null }]);
    const audit = await prisma.auditEvent.findMany({ where: { action: 'leaflet-part.approve' } });
    expect(audit).toHaveLength(approvedKeys.length);
    expect(audit[0]).toMatchObject({ actorId: doctor.user.id, actorRole: 'DOCTOR', entityType: 'LeafletApproval', ipAddress: IP });

    const made = await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts });
    expect(pdfText(made.before.content)).toContain('This copy was made on 22 March 2027.');
  });

  it('an edited part (a new SHA-256), a withdrawn approval and a part past its review date each stop the leaflets again', async () => {
    const prisma = await getPrisma();
    const { appointment } = await leafletBooking({ approved: false });
    const doctor = await staff('DOCTOR');
    await approveBlockingParts(appointment.id, doctor, NOW);
    await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts });

    const edited = parts.map((p) => (p.key === 'shared/contacts' ? { ...p, body: `${p.body}\n\nA new line.`, contentHash: 'e'.repeat(64) } : p));
    const changed = await refusal(generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts: edited }));
    expect(changed.code).toBe('LEAFLET_NOT_APPROVED');
    expect(changed.message).toContain('(shared/contacts): changed since a doctor approved it');

    const pastReview = parts.map((p) => (p.key === 'shared/prepare' ? { ...p, review: '2027-03-21' } : p));
    const expired = await refusal(generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts: pastReview }));
    expect(expired.message).toContain('(shared/prepare): past its review date');
    // The review day itself is in date, in London: 00:30 BST on 1 April is already 1 April.
    const reviewToday = parts.map((p) => (p.key === 'shared/prepare' ? { ...p, review: '2027-04-01' } : p));
    await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: new Date('2027-03-31T23:30:00.000Z'), parts: reviewToday });
    const dayAfter = await refusal(generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: new Date('2027-04-01T23:30:00.000Z'), parts: reviewToday }));
    expect(dayAfter.message).toContain('past its review date');

    const admin = await staff('ADMIN');
    const contacts = parts.find((p) => p.key === 'shared/contacts')!;
    await revokeLeafletApproval({ partKey: contacts.key, contentHash: contacts.contentHash }, admin, NOW);
    const revoked = await refusal(generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts }));
    expect(revoked.message).toContain('(shared/contacts): its approval was withdrawn');
    expect(await prisma.auditEvent.count({ where: { action: 'leaflet-part.revoke', actorId: admin.user.id } })).toBe(1);

    // Approving again is a new decision, by the doctor who makes it.
    const second = await staff('DOCTOR');
    await approveLeafletPart({ partKey: contacts.key, contentHash: contacts.contentHash }, second, new Date('2027-03-23T09:00:00.000Z'));
    expect(await prisma.leafletApproval.findUniqueOrThrow({ where: { partKey_contentHash: { partKey: contacts.key, contentHash: contacts.contentHash } } })).toMatchObject({
      approvedById: second.user.id,
      revokedAt: null,
    });
    await generateLeafletDocuments(prisma, { appointmentId: appointment.id, actorId: null, now: NOW, parts });
  });

  it('only a doctor may approve, and only the text as it is now; nothing changes on a refusal', async () => {
    const prisma = await getPrisma();
    const contacts = parts.find((p) => p.key === 'shared/contacts')!;
    const before = await prisma.leafletApproval.count();
    for (const role of ['CLERK', 'ADMIN'] as const) {
      const error = await refusal(approveLeafletPart({ partKey: contacts.key, contentHash: contacts.contentHash }, await staff(role), NOW));
      expect(error, role).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    const clerkRevoke = await refusal(revokeLeafletApproval({ partKey: contacts.key, contentHash: contacts.contentHash }, await staff('CLERK'), NOW));
    expect(clerkRevoke.code).toBe('FORBIDDEN');
    const stale = await refusal(approveLeafletPart({ partKey: contacts.key, contentHash: 'f'.repeat(64) }, await staff('DOCTOR'), NOW));
    expect(stale.code).toBe('STALE_FORM');
    const unknown = await refusal(approveLeafletPart({ partKey: 'shared/no-such-part', contentHash: 'f'.repeat(64) }, await staff('DOCTOR'), NOW));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(await prisma.leafletApproval.count()).toBe(before);
  });
});

describe('a booking whose leaflets use parts that are not approved', () => {
  it('books, holds its leaflet message (nothing sent, nothing failed), tells the clerk why, and sends once a doctor approves', async () => {
    const prisma = await getPrisma();
    await prisma.leafletApproval.deleteMany();
    const site = await maidstone();
    const clerk = await signedIn('CLERK');
    const patient = await createPatient(prisma, { email: 'held.patient@example.com', emailConsent: true, preferredChannel: 'EMAIL' });
    const list = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-01', modality: 'XRAY' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', side: 'LEFT', levels: 'L4/5', minutes: 30 });

    const { appointmentId } = await bookProcedure(
      { requestId: request.id, listId: list.id, idempotencyKey: newKey() },
      { id: clerk.staff.id, role: 'CLERK' },
      IP,
      NOW,
    );
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).toMatchObject({ status: 'BOOKED' });
    const leafletMessage = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, purpose: 'PRE_PROCEDURE_LEAFLET' } });
    expect(leafletMessage).toMatchObject({ status: 'QUEUED', lastError: LEAFLET_HOLD_CODE, attempts: 0 });
    expect(leafletMessage.nextAttemptAt.getTime()).toBeGreaterThan(NOW.getTime());

    // The worker, even once the hold's recheck is due, sends nothing and fails nothing: the message stays held.
    const mail = recordingMail();
    const later = new Date(NOW.getTime() + 2 * 60 * 60_000);
    const worker = createOutboxWorker({
      db: testDatabase(),
      mail: mail.transport,
      sms: noSms,
      leaflets: generateLeafletDocuments,
      mailFrom: MAIL_FROM,
      clock: () => later,
    });
    const summary = await worker.runWorkerOnce({ now: later });
    expect(summary).toMatchObject({ held: 1, sent: 0, failed: 0 });
    expect(mail.sent.filter((m) => m.attachments.some((a) => a.filename.endsWith('.pdf')))).toHaveLength(0);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: leafletMessage.id } })).toMatchObject({ status: 'QUEUED', lastError: LEAFLET_HOLD_CODE, attempts: 0 });
    expect(await prisma.task.count({ where: { kind: 'MESSAGE_FAILED', messageId: leafletMessage.id } })).toBe(0);
    expect(await prisma.sentDocument.count({ where: { appointmentId } })).toBe(0);

    // The clerk's case page says which parts block and that the message is held.
    const page = await load<{
      leaflets: { blocked: { key: string; reasons: string[] }[] };
      heldMessages: number;
      messages: { held: boolean; what: string }[];
    }>(caseLoader, `/procedure-bookings/${appointmentId}`, clerk.cookie, { appointmentId });
    expect(page.status).toBe(200);
    expect(page.data.leaflets.blocked.map((b) => b.key)).toEqual(expect.arrayContaining(['shared/appointment', 'shared/contacts']));
    expect(page.data.leaflets.blocked[0]!.reasons).toEqual(['not approved by a doctor']);
    expect(page.data.heldMessages).toBe(1);
    expect(page.data.messages.filter((m) => m.held)).toHaveLength(1);

    // A doctor approves the parts: the held message is due at once and goes with its leaflets.
    const approvedAt = new Date(later.getTime() + 60_000);
    await approveBlockingParts(appointmentId, await staff('DOCTOR'), approvedAt);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: leafletMessage.id } })).toMatchObject({ status: 'QUEUED', lastError: null, nextAttemptAt: approvedAt });
    const afterApproval = await worker.runWorkerOnce({ now: approvedAt });
    expect(afterApproval).toMatchObject({ sent: 1, held: 0 });
    const email = mail.sent.find((m) => m.outboxId === leafletMessage.id)!;
    expect(email.attachments.map((a) => a.filename)).toEqual(['before-your-procedure.pdf', 'after-your-procedure.pdf', 'appointment.ics']);
  });

  it('a letter whose leaflets are not approved cannot be printed, with the reason', async () => {
    const prisma = await getPrisma();
    await prisma.leafletApproval.deleteMany();
    const site = await maidstone();
    const clerk = await staff('CLERK');
    const patient = await createPatient(prisma, { emailConsent: false, preferredChannel: 'LETTER' });
    const list = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-01', startTime: '13:30', endTime: '17:00', modality: 'XRAY' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', side: 'LEFT', levels: 'L4/5', minutes: 30 });
    const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, clerk.actor, IP, NOW);
    const letter = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId, channel: 'LETTER' } });
    expect(letter.lastError).toBe(LEAFLET_HOLD_CODE);

    const error = await refusal(downloadLetter(letter.id, clerk, NOW));
    expect(error.code).toBe('LEAFLET_NOT_APPROVED');
    expect(await prisma.outboxAttachment.count({ where: { messageId: letter.id } })).toBe(0);
    expect(await prisma.sentDocument.count({ where: { appointmentId } })).toBe(0);
  });
});

describe('the Leaflets page\'s approve and withdraw forms (plain form posts: no JavaScript needed)', () => {
  it('a doctor approves and withdraws through the page; an administrator may withdraw but not approve; bad or stale forms change nothing', async () => {
    const prisma = await getPrisma();
    await prisma.leafletApproval.deleteMany();
    const fasting = parts.find((p) => p.key === 'shared/fasting')!;
    const fields = (intent: string, overrides: Record<string, string> = {}) => ({ intent, partKey: fasting.key, contentHash: fasting.contentHash, ...overrides });
    const doctor = await signedIn('DOCTOR');
    const admin = await signedIn('ADMIN');

    const refused = await post(leafletsAction, '/admin/leaflets', fields('approve'), admin.cookie);
    expect(refused.status).toBe(403);
    const clerk = await signedIn('CLERK');
    expect((await post(leafletsAction, '/admin/leaflets', fields('approve'), clerk.cookie)).status).toBe(403);
    const bad = await post(leafletsAction, '/admin/leaflets', fields('approve', { contentHash: 'not-a-hash' }), doctor.cookie);
    expect(bad.status).toBe(400);
    const stale = await post(leafletsAction, '/admin/leaflets', fields('approve', { contentHash: '0'.repeat(64) }), doctor.cookie);
    expect(stale.status).toBe(409);
    expect(stale.body?.formError).toContain('has changed since the page was shown');
    expect(await prisma.leafletApproval.count()).toBe(0);

    const approved = await post(leafletsAction, '/admin/leaflets', fields('approve'), doctor.cookie);
    expect(approved.status).toBe(302);
    expect(approved.location).toBe('/admin/leaflets?approved=shared%2Ffasting#part-shared-fasting');
    const page = await load<{ rows: { key: string; approval: { status: string; by: string; demo: boolean } }[] }>(leafletsLoader, '/admin/leaflets', admin.cookie);
    expect(page.data.rows.find((r) => r.key === fasting.key)!.approval).toMatchObject({
      status: 'APPROVED',
      by: (await prisma.staffUser.findUniqueOrThrow({ where: { id: doctor.staff.id } })).name,
      demo: false,
    });

    const withdrawn = await post(leafletsAction, '/admin/leaflets', fields('revoke'), admin.cookie);
    expect(withdrawn.status).toBe(302);
    expect(await prisma.leafletApproval.findFirstOrThrow({ where: { partKey: fasting.key } })).toMatchObject({ revokedAt: expect.any(Date) });
  });
});
