// Booking a procedure for a consenting patient delivers ONE email with both leaflet PDFs and a calendar file
// (issue 6, "done when"): read back from a real SMTP server, the PDFs are the recorded ones, by hash.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { formatTime } from '~/utils/format';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { enqueue, messageIdOf, smtpWorker, testClock } from './communications-fixtures';
import { leafletBooking } from './leaflets-fixtures';

const T0 = '2027-03-22T10:00:00.000Z';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let smtp: SmtpTestServer;
beforeEach(async () => {
  smtp = await startSmtpTestServer();
});
afterEach(async () => {
  await smtp.stop();
  const prisma = await getPrisma();
  await prisma.outboxMessage.updateMany({ where: { status: { in: ['QUEUED', 'SENDING'] } }, data: { status: 'CANCELLED' } });
});

async function consentingBooking(n: number) {
  const prisma = await getPrisma();
  const booking = await leafletBooking({ firstName: 'Agnieszka', lastName: `Dąbrowska${n}` });
  const email = `agnieszka.${n}@example.com`;
  await prisma.patient.update({ where: { id: booking.patient.id }, data: { email, emailConsent: true, preferredChannel: 'EMAIL' } });
  return { ...booking, email };
}

type Booking = Awaited<ReturnType<typeof consentingBooking>>;

/** Queues a leaflet email as the booking (pre-procedure, with the calendar file) or the aftercare trigger would. */
function queueLeafletEmail({ patient, appointment, email }: Pick<Booking, 'patient' | 'appointment' | 'email'>, purpose: 'PRE_PROCEDURE_LEAFLET' | 'AFTERCARE_LEAFLET', now: Date) {
  const preProcedure = purpose === 'PRE_PROCEDURE_LEAFLET';
  return enqueue({
    key: `test:${appointment.id}:${preProcedure ? 'pre-procedure' : 'aftercare'}`,
    purpose,
    patientId: patient.id,
    appointment,
    recipient: email,
    payload: preProcedure ? { attachLeaflets: true, includeCalendar: true } : { attachLeaflets: true },
    now,
  });
}

describe('the pre-procedure email', () => {
  it('arrives once with both leaflet PDFs (the recorded documents, by SHA-256) and a calendar file at the London time', async () => {
    const clock = testClock(T0);
    const { patient, appointment, email } = await consentingBooking(1);
    const { id } = await queueLeafletEmail({ patient, appointment, email }, 'PRE_PROCEDURE_LEAFLET', clock.now());

    expect(await smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments }).runWorkerOnce()).toMatchObject({ sent: 1 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.envelopeTo).toEqual([email]);
    expect(mail.parsed.messageId).toBe(messageIdOf(id));
    expect(mail.parsed.subject).toBe('Your Chronic Pain Unit appointment: what you need to know');
    expect(mail.parsed.subject).not.toMatch(/facet|injection|Dąbrowska/i);
    expect(mail.parsed.text).toContain('Dear Agnieszka,');
    // Thursday 1 April 2027 is in BST: the first case on a 09:00 list starts at 9am London time.
    expect(appointment.startsAt.toISOString()).toBe('2027-04-01T08:00:00.000Z');
    expect(mail.parsed.text).toContain('Thursday 1 April 2027 at 9am');
    expect(mail.parsed.text).toContain('Before your procedure (PDF)');
    expect(mail.parsed.text).toContain('After your procedure (PDF)');
    expect(mail.parsed.text).toContain('Hermitage Lane');

    const attachments = mail.parsed.attachments;
    expect(attachments.map((a) => a.filename)).toEqual(['before-your-procedure.pdf', 'after-your-procedure.pdf', 'appointment.ics']);
    const prisma = await getPrisma();
    const recorded = await prisma.outboxAttachment.findMany({ where: { messageId: id }, include: { document: true }, orderBy: { id: 'asc' } });
    expect(recorded).toHaveLength(3);
    for (const attachment of attachments.slice(0, 2)) {
      expect(attachment.contentType).toBe('application/pdf');
      expect(attachment.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const row = recorded.find((r) => r.filename === attachment.filename)!;
      expect(row.sha256).toBe(sha256(attachment.content));
      expect(row.document?.sha256).toBe(sha256(attachment.content));
      expect(row.document).toMatchObject({ patientId: patient.id, appointmentId: appointment.id });
    }
    expect(recorded.find((r) => r.filename === 'appointment.ics')).toMatchObject({ documentId: null, sha256: sha256(attachments[2].content) });
    // The calendar entry starts when the patient must arrive, half an hour before the 9am start.
    expect(attachments[2].content.toString('utf8')).toContain('DTSTART;TZID=Europe/London:20270401T083000\r\n');
    const arrival = formatTime(appointment.arrivalAt!);
    expect(arrival).toMatch(/^\d{1,2}(:\d{2})?am$/);
    expect(mail.parsed.text).toContain(`Please arrive at ${arrival}`);
    expect(attachments[2].content.toString('utf8').replace(/\r\n /g, '')).toContain(`DESCRIPTION:Please arrive at ${arrival}.`);
  });

  it('a retry sends the same recorded PDFs without making new documents', async () => {
    const clock = testClock(T0);
    const { patient, appointment, email } = await consentingBooking(2);
    const { id } = await queueLeafletEmail({ patient, appointment, email }, 'PRE_PROCEDURE_LEAFLET', clock.now());
    const prisma = await getPrisma();
    smtp.refuseRecipients(1);
    const worker = smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments });
    expect(await worker.runWorkerOnce()).toMatchObject({ retried: 1 });
    const afterFirst = await prisma.outboxAttachment.findMany({ where: { messageId: id }, orderBy: { id: 'asc' } });
    const documents = await prisma.sentDocument.count({ where: { appointmentId: appointment.id } });

    clock.advance(60_000);
    expect(await worker.runWorkerOnce()).toMatchObject({ sent: 1 });
    expect(await prisma.outboxAttachment.findMany({ where: { messageId: id }, orderBy: { id: 'asc' } })).toEqual(afterFirst);
    expect(await prisma.sentDocument.count({ where: { appointmentId: appointment.id } })).toBe(documents);
    expect(smtp.received).toHaveLength(1);
    const pdfs = smtp.received[0].parsed.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => sha256(a.content)).sort()).toEqual(afterFirst.filter((r) => r.documentId).map((r) => r.sha256).sort());
  });

  it('the aftercare email carries only the aftercare leaflet', async () => {
    const clock = testClock(T0);
    const { patient, appointment, email } = await consentingBooking(3);
    await queueLeafletEmail({ patient, appointment, email }, 'AFTERCARE_LEAFLET', clock.now());
    expect(await smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments }).runWorkerOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received[0].parsed.subject).toBe('Looking after yourself after your Chronic Pain Unit appointment');
    expect(smtp.received[0].parsed.attachments.map((a) => a.filename)).toEqual(['after-your-procedure.pdf']);
  });
});
