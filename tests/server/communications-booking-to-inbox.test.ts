// Issue 6, "done when": booking a procedure for a consenting patient delivers ONE email with both PDFs and a
// calendar file to the SMTP server; moving it sends a change of time that updates the same calendar entry;
// cancelling sends a cancellation and its reminders never go. The clerk's real use cases queue the messages;
// the worker sends them to a real SMTP server on 127.0.0.1.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { generateLeafletDocuments } from '~/leaflets/leaflet-documents.server';
import { bookConsultation } from '~/consultations/book-consultation.server';
import { moveConsultation } from '~/consultations/move-consultation.server';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { cancelProcedureBooking } from '~/scheduling/procedures/cancel-procedure-booking.server';
import { moveProcedureBooking } from '~/scheduling/procedures/move-procedure-booking.server';
import { approveCurrentLeafletParts, createClinicWithSlots, createPatient, createProcedureList, createProcedureRequest, createReferral, createStaff } from '../factories';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { smtpWorker, testClock } from './communications-fixtures';
import { newKey } from './consultations-fixtures';
import { maidstone } from './leaflets-fixtures';

// Rule 10: leaflets go only from approved parts; here the unit's doctors have approved the current ones.
beforeAll(async () => {
  await approveCurrentLeafletParts(await getPrisma());
});

const T0 = '2027-03-22T10:00:00.000Z';
const DAY = 24 * 60 * 60_000;
const IP = '192.0.2.30';

let smtp: SmtpTestServer;
beforeEach(async () => {
  smtp = await startSmtpTestServer();
});
afterEach(async () => {
  await smtp.stop();
});

async function bookedForConsentingPatient(n: number, now: Date) {
  const prisma = await getPrisma();
  const site = await maidstone();
  const staff = await createStaff(prisma, { role: 'CLERK' });
  const actor = { id: staff.id, role: 'CLERK' as const };
  const email = `patient.${n}@example.com`;
  const patient = await createPatient(prisma, { email, emailConsent: true, preferredChannel: 'EMAIL' });
  const list = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-01', modality: 'XRAY' });
  const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', side: 'LEFT', levels: 'L4/5', minutes: 30 });
  const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, now);
  return { actor, site, patient, email, list, appointmentId };
}

function icsOf(index: number) {
  const ics = smtp.received[index].parsed.attachments.find((a) => a.filename?.endsWith('.ics'));
  return ics ? ics.content.toString('utf8').replace(/\r\n /g, '') : '';
}

describe('from the booking to the patient\'s inbox', () => {
  it('booking sends one email with both PDFs and a calendar file; cancelling sends a cancellation, and its reminders never go', async () => {
    const clock = testClock(T0);
    const { actor, email, appointmentId } = await bookedForConsentingPatient(1, clock.now());
    const worker = smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments });

    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(1);
    const booked = smtp.received[0];
    expect(booked.envelopeTo).toEqual([email]);
    expect(booked.parsed.subject).toBe('Your Chronic Pain Unit appointment: what you need to know');
    expect(booked.parsed.attachments.map((a) => a.filename)).toEqual(['before-your-procedure.pdf', 'after-your-procedure.pdf', 'appointment.ics']);
    expect(icsOf(0)).toContain('METHOD:REQUEST');
    // The calendar entry starts at the arrival time (8:30am for the 9am start), which its title repeats.
    expect(icsOf(0)).toContain('DTSTART;TZID=Europe/London:20270401T083000');
    expect(icsOf(0)).toContain('SUMMARY:Chronic Pain Unit appointment (arrive 8:30am)');
    expect(icsOf(0)).toContain(`UID:appointment-${appointmentId}@paindesk`);

    const prisma = await getPrisma();
    const version = (await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).version;
    await cancelProcedureBooking({ appointmentId, version, by: 'PATIENT', reason: 'Feeling better' }, actor, IP, clock.now());
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1].parsed.subject).toBe('Your Chronic Pain Unit appointment has been cancelled');
    expect(icsOf(1)).toContain('METHOD:CANCEL');
    expect(icsOf(1)).toContain(`UID:appointment-${appointmentId}@paindesk`);
    expect(Number(/SEQUENCE:(\d+)/.exec(icsOf(1))![1])).toBeGreaterThan(Number(/SEQUENCE:(\d+)/.exec(icsOf(0))![1]));

    // Past both reminder dates: nothing more is sent.
    clock.advance(12 * DAY);
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(2);
    const reminders = await prisma.outboxMessage.findMany({ where: { appointmentId, purpose: 'REMINDER' } });
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r) => r.status === 'CANCELLED')).toBe(true);
  });

  it('moving sends a change of time whose calendar file updates the same entry, and the reminders follow the new date', async () => {
    const clock = testClock(T0);
    const { actor, site, appointmentId } = await bookedForConsentingPatient(2, clock.now());
    const worker = smtpWorker(smtp.url, clock, { leaflets: generateLeafletDocuments });
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(1);

    const prisma = await getPrisma();
    const target = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-08', sessionPart: 'AFTERNOON', modality: 'XRAY' });
    const version = (await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).version;
    await moveProcedureBooking({ appointmentId, version, toListId: target.id }, actor, IP, clock.now());
    await worker.runWorkerOnce();

    expect(smtp.received).toHaveLength(2);
    const moved = smtp.received[1];
    expect(moved.parsed.subject).toBe('Your Chronic Pain Unit appointment time has changed');
    expect(moved.parsed.text).toContain('It was on Thursday 1 April 2027 at 9am.');
    expect(moved.parsed.text).toContain('Thursday 8 April 2027 at 1:30pm');
    expect(icsOf(1)).toContain('DTSTART;TZID=Europe/London:20270408T130000');
    expect(icsOf(1)).toContain('SUMMARY:Chronic Pain Unit appointment (arrive 1pm)');
    expect(icsOf(1)).toContain(`UID:appointment-${appointmentId}@paindesk`);
    expect(Number(/SEQUENCE:(\d+)/.exec(icsOf(1))![1])).toBeGreaterThan(Number(/SEQUENCE:(\d+)/.exec(icsOf(0))![1]));

    // The first reminder for the old date (25 March, 9am) is cancelled; the new one (1 April, 9am BST) goes.
    clock.set('2027-03-25T09:30:00.000Z');
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(2);
    clock.set('2027-04-01T08:30:00.000Z');
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received[2].parsed.subject).toBe('Reminder: your Chronic Pain Unit appointment');
    expect(smtp.received[2].parsed.text).toContain('Thursday 8 April 2027 at 1:30pm');
  });

  it('a moved telephone consultation (a new appointment) sends a change of time for the same calendar entry', async () => {
    const clock = testClock(T0);
    const prisma = await getPrisma();
    const staff = await createStaff(prisma, { role: 'CLERK' });
    const actor = { id: staff.id, role: 'CLERK' as const };
    const patient = await createPatient(prisma, { email: 'patient.3@example.com', emailConsent: true, preferredChannel: 'EMAIL' });
    const referral = await createReferral(prisma, { patientId: patient.id });
    // The move crosses the clocks going back (Sunday 31 October 2027): 2pm BST on the Friday, 2pm GMT on the Monday.
    const clinic = await createClinicWithSlots(prisma, { date: '2027-10-29', startTime: '14:00', endTime: '15:00' });
    const later = await createClinicWithSlots(prisma, { date: '2027-11-01', startTime: '14:00', endTime: '15:00' });
    const { appointmentId } = await bookConsultation({ slotId: clinic.slots[0].id, referralId: referral.id, idempotencyKey: newKey() }, actor, IP, clock.now());
    const worker = smtpWorker(smtp.url, clock);
    await worker.runWorkerOnce();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.text).toContain('Friday 29 October 2027 at 2pm');
    expect(icsOf(0)).toContain('DTSTART;TZID=Europe/London:20271029T140000');

    const moved = await moveConsultation(
      { appointmentId, version: 1, slotId: later.slots[0].id, idempotencyKey: newKey(), requestedBy: 'PATIENT' },
      actor,
      IP,
      clock.now(),
    );
    expect(moved.appointmentId).not.toBe(appointmentId);
    expect(clinic.slots[0].startsAt.toISOString()).toBe('2027-10-29T13:00:00.000Z');
    expect(later.slots[0].startsAt.toISOString()).toBe('2027-11-01T14:00:00.000Z');
    await worker.runWorkerOnce();

    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1].parsed.subject).toBe('Your Chronic Pain Unit appointment time has changed');
    expect(smtp.received[1].parsed.text).toContain('Monday 1 November 2027 at 2pm');
    expect(icsOf(1)).toContain('DTSTART;TZID=Europe/London:20271101T140000');
    // The new appointment's file names the first appointment's UID, so calendars move the entry.
    expect(icsOf(1)).toContain(`UID:appointment-${appointmentId}@paindesk`);
    expect(Number(/SEQUENCE:(\d+)/.exec(icsOf(1))![1])).toBeGreaterThan(Number(/SEQUENCE:(\d+)/.exec(icsOf(0))![1]));
  });
});
