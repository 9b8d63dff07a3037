// The messages booking changes queue (issue 6): written in the booking's own transaction, by the patient's
// consented channel, with reminders at 9am London time (clock-change days included), never twice for one
// change, nothing for a refused booking; moved and cancelled appointments take their reminders with them.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import type { MessagePayload } from '~/communications/channels';
import { defaultSubject } from '~/communications/email-content';
import { REMINDER_DAYS_SETTING } from '~/communications/reminders.server';
import { bookConsultation } from '~/consultations/book-consultation.server';
import { cancelClinic } from '~/consultations/cancel-clinic.server';
import { cancelConsultation } from '~/consultations/cancel-consultation.server';
import { moveConsultation } from '~/consultations/move-consultation.server';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { cancelProcedureBooking } from '~/scheduling/procedures/cancel-procedure-booking.server';
import { cancelProcedureList } from '~/scheduling/procedures/cancel-procedure-list.server';
import { markProcedureDna } from '~/scheduling/procedures/mark-procedure-dna.server';
import { moveProcedureBooking } from '~/scheduling/procedures/move-procedure-booking.server';
import {
  approveCurrentLeafletParts,
  createClinicWithSlots,
  createPatient,
  createProcedureList,
  createProcedureRequest,
  createReferral,
  createStaff,
} from '../factories';
import { newKey } from './consultations-fixtures';

// Rule 10: leaflets go only from approved parts; here the unit's doctors have approved the current ones.
beforeAll(async () => {
  await approveCurrentLeafletParts(await getPrisma());
});

const NOW = new Date('2027-03-01T10:00:00.000Z');
const IP = '192.0.2.20';

async function clerk() {
  const prisma = await getPrisma();
  const staff = await createStaff(prisma, { role: 'CLERK' });
  return { id: staff.id, role: 'CLERK' as const };
}

type Contact = 'email' | 'letter' | 'email+sms' | 'letter+sms';

async function patientWith(contact: Contact) {
  const prisma = await getPrisma();
  const email = contact.startsWith('email');
  return createPatient(prisma, {
    email: email ? `p-${newKey().slice(0, 8)}@example.com` : null,
    emailConsent: email,
    smsConsent: contact.endsWith('+sms'),
    mobilePhone: '07700900123',
  });
}

async function messagesOf(appointmentId: string) {
  const prisma = await getPrisma();
  return prisma.outboxMessage.findMany({
    where: { appointmentId },
    orderBy: [{ nextAttemptAt: 'asc' }, { purpose: 'asc' }, { channel: 'asc' }],
    select: { id: true, purpose: true, channel: true, status: true, recipient: true, subject: true, payload: true, nextAttemptAt: true, idempotencyKey: true },
  });
}

const summary = (rows: Awaited<ReturnType<typeof messagesOf>>) =>
  rows.map((m) => `${m.purpose} ${m.channel} ${m.status} ${m.nextAttemptAt.toISOString()}`);

/** What the worker does once a message has gone: the patient now knows of the appointment. */
async function markSent(appointmentId: string) {
  const prisma = await getPrisma();
  await prisma.outboxMessage.updateMany({
    where: { appointmentId, status: 'QUEUED', purpose: { not: 'REMINDER' } },
    data: { status: 'SENT', acceptedAt: NOW },
  });
}

async function bookedCase(contact: Contact, listOptions: Parameters<typeof createProcedureList>[1] = {}) {
  const prisma = await getPrisma();
  const actor = await clerk();
  const patient = await patientWith(contact);
  const list = await createProcedureList(prisma, { date: '2027-03-24', ...listOptions });
  const request = await createProcedureRequest(prisma, { patientId: patient.id, minutes: 30 });
  const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, NOW);
  return { actor, patient, list, request, appointmentId };
}

describe('booking a procedure', () => {
  it('queues one leaflet email with a calendar file and email reminders at 9am London 7 and 2 days before', async () => {
    const { appointmentId, patient } = await bookedCase('email');
    const rows = await messagesOf(appointmentId);
    expect(summary(rows)).toEqual([
      `PRE_PROCEDURE_LEAFLET EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL QUEUED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-22T09:00:00.000Z',
    ]);
    const leaflet = rows[0];
    expect(leaflet.recipient).toBe(patient.email);
    expect(leaflet.subject).toBe(defaultSubject('PRE_PROCEDURE_LEAFLET'));
    expect(leaflet.payload).toEqual({
      appointmentId,
      startsAt: '2027-03-24T09:00:00.000Z',
      attachLeaflets: true,
      includeCalendar: true,
    } satisfies MessagePayload);
    expect(rows[1].payload).toMatchObject({ appointmentId, startsAt: '2027-03-24T09:00:00.000Z', reminderDaysBefore: 7 });
    expect(rows[2].payload).toMatchObject({ reminderDaysBefore: 2 });
    const prisma = await getPrisma();
    expect(await prisma.task.count({ where: { patientId: patient.id } })).toBe(0);
  });

  it('puts reminders at 9am local time across the clock changes (28 March and 31 October 2027)', async () => {
    // A list on Tuesday 30 March 2027 (BST): its 2-day reminder is on the spring change day, its 7-day one in GMT.
    const spring = await bookedCase('email', { date: '2027-03-30', sessionPart: 'AFTERNOON' });
    expect(summary(await messagesOf(spring.appointmentId)).slice(1)).toEqual([
      'REMINDER EMAIL QUEUED 2027-03-23T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-28T08:00:00.000Z',
    ]);
    // A list on the spring change day itself, morning.
    const springDay = await bookedCase('email', { date: '2027-03-28', sessionPart: 'MORNING' });
    expect(summary(await messagesOf(springDay.appointmentId)).slice(1)).toEqual([
      'REMINDER EMAIL QUEUED 2027-03-21T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-26T09:00:00.000Z',
    ]);
    // On the autumn change day, afternoon: both reminders in BST.
    const autumnDay = await bookedCase('email', { date: '2027-10-31', sessionPart: 'AFTERNOON' });
    expect(summary(await messagesOf(autumnDay.appointmentId)).slice(1)).toEqual([
      'REMINDER EMAIL QUEUED 2027-10-24T08:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-10-29T08:00:00.000Z',
    ]);
    // Tuesday 2 November 2027 (GMT): the 2-day reminder is on the autumn change day, in GMT.
    const autumn = await bookedCase('email', { date: '2027-11-02' });
    expect(summary(await messagesOf(autumn.appointmentId)).slice(1)).toEqual([
      'REMINDER EMAIL QUEUED 2027-10-26T08:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-10-31T09:00:00.000Z',
    ]);
  });

  it('without email consent queues a letter with an open print task for the clerks, and no reminders', async () => {
    const { appointmentId, patient } = await bookedCase('letter');
    const rows = await messagesOf(appointmentId);
    expect(summary(rows)).toEqual([`PRE_PROCEDURE_LEAFLET LETTER QUEUED ${NOW.toISOString()}`]);
    expect(rows[0].recipient).toBeNull();
    expect(rows[0].payload).toEqual({ appointmentId, startsAt: '2027-03-24T09:00:00.000Z', attachLeaflets: true });
    const prisma = await getPrisma();
    const tasks = await prisma.task.findMany({ where: { patientId: patient.id } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'PRINT_LETTER', status: 'OPEN', messageId: rows[0].id, appointmentId: null, dedupeKey: `print-letter:${rows[0].id}` });
  });

  it('with text consent adds text reminders (and a patient on letters gets text reminders only)', async () => {
    const both = await bookedCase('email+sms');
    expect(summary(await messagesOf(both.appointmentId))).toEqual([
      `PRE_PROCEDURE_LEAFLET EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL QUEUED 2027-03-17T09:00:00.000Z',
      'REMINDER SMS QUEUED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-22T09:00:00.000Z',
      'REMINDER SMS QUEUED 2027-03-22T09:00:00.000Z',
    ]);
    const sms = (await messagesOf(both.appointmentId)).find((m) => m.channel === 'SMS')!;
    expect(sms.recipient).toBe('07700900123');
    const letterAndText = await bookedCase('letter+sms');
    expect(summary(await messagesOf(letterAndText.appointmentId))).toEqual([
      `PRE_PROCEDURE_LEAFLET LETTER QUEUED ${NOW.toISOString()}`,
      'REMINDER SMS QUEUED 2027-03-17T09:00:00.000Z',
      'REMINDER SMS QUEUED 2027-03-22T09:00:00.000Z',
    ]);
  });

  it('skips a reminder already past at booking, and follows the unit setting for the offsets', async () => {
    const prisma = await getPrisma();
    const late = await bookedCase('email', { date: '2027-03-04' }); // 3 days after NOW: only the 2-day reminder
    expect(summary(await messagesOf(late.appointmentId)).slice(1)).toEqual(['REMINDER EMAIL QUEUED 2027-03-02T09:00:00.000Z']);

    await prisma.unitSetting.create({ data: { key: REMINDER_DAYS_SETTING, value: [10, 1] } });
    try {
      const configured = await bookedCase('email', { date: '2027-03-25' });
      expect(summary(await messagesOf(configured.appointmentId)).slice(1)).toEqual([
        'REMINDER EMAIL QUEUED 2027-03-15T09:00:00.000Z',
        'REMINDER EMAIL QUEUED 2027-03-24T09:00:00.000Z',
      ]);
    } finally {
      await prisma.unitSetting.delete({ where: { key: REMINDER_DAYS_SETTING } });
    }
  });

  it('a double submit queues once', async () => {
    const prisma = await getPrisma();
    const actor = await clerk();
    const patient = await patientWith('email');
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, minutes: 30 });
    const input = { requestId: request.id, listId: list.id, idempotencyKey: newKey() };
    const [a, b] = await Promise.all([bookProcedure(input, actor, IP, NOW), bookProcedure(input, actor, IP, NOW)]);
    expect(a.appointmentId).toBe(b.appointmentId);
    const again = await bookProcedure(input, actor, IP, NOW);
    expect(again).toEqual({ appointmentId: a.appointmentId, alreadyBooked: true });
    expect(summary(await messagesOf(a.appointmentId))).toHaveLength(3);
    expect(await prisma.outboxMessage.count({ where: { patientId: patient.id } })).toBe(3);
  });

  it('a refused booking (list full) queues nothing', async () => {
    const prisma = await getPrisma();
    const actor = await clerk();
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 30 });
    const first = await createProcedureRequest(prisma, { patientId: (await patientWith('email')).id, minutes: 30 });
    const second = await createProcedureRequest(prisma, { patientId: (await patientWith('email')).id, minutes: 30 });
    await bookProcedure({ requestId: first.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, NOW);
    await expect(bookProcedure({ requestId: second.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, NOW)).rejects.toMatchObject({
      code: 'LIST_FULL',
    });
    expect(await prisma.outboxMessage.count({ where: { patientId: second.patientId } })).toBe(0);
    expect(await prisma.task.count({ where: { patientId: second.patientId } })).toBe(0);
  });
});

describe('moving and cancelling a procedure', () => {
  it('moving cancels the old reminders, queues a change of time with new leaflets and new reminders', async () => {
    const prisma = await getPrisma();
    const { appointmentId, actor, list } = await bookedCase('email+sms');
    await markSent(appointmentId);
    const target = await createProcedureList(prisma, { date: '2027-03-31', siteId: list.siteId, sessionPart: 'AFTERNOON' });
    await moveProcedureBooking({ appointmentId, version: 1, toListId: target.id }, actor, IP, NOW);

    const rows = await messagesOf(appointmentId);
    expect(summary(rows)).toEqual([
      `PRE_PROCEDURE_LEAFLET EMAIL SENT ${NOW.toISOString()}`,
      `TIME_CHANGE EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER SMS CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL CANCELLED 2027-03-22T09:00:00.000Z',
      'REMINDER SMS CANCELLED 2027-03-22T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-24T09:00:00.000Z',
      'REMINDER SMS QUEUED 2027-03-24T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-29T08:00:00.000Z',
      'REMINDER SMS QUEUED 2027-03-29T08:00:00.000Z',
    ]);
    const change = rows.find((m) => m.purpose === 'TIME_CHANGE')!;
    expect(change.payload).toEqual({
      appointmentId,
      startsAt: '2027-03-31T12:30:00.000Z',
      previousStartsAt: '2027-03-24T09:00:00.000Z',
      attachLeaflets: true,
      includeCalendar: true,
    });
    expect(change.subject).toBe(defaultSubject('TIME_CHANGE'));
    expect(rows.filter((m) => m.status === 'QUEUED' && m.purpose === 'REMINDER').every((m) => (m.payload as MessagePayload).startsAt === '2027-03-31T12:30:00.000Z')).toBe(true);
  });

  it('moving before the first message went sends a booking message for the new time, not a change', async () => {
    const prisma = await getPrisma();
    const { appointmentId, actor, list, patient } = await bookedCase('letter');
    const target = await createProcedureList(prisma, { date: '2027-03-26', siteId: list.siteId });
    await moveProcedureBooking({ appointmentId, version: 1, toListId: target.id }, actor, IP, NOW);
    expect(summary(await messagesOf(appointmentId))).toEqual([
      `PRE_PROCEDURE_LEAFLET LETTER CANCELLED ${NOW.toISOString()}`,
      `PRE_PROCEDURE_LEAFLET LETTER QUEUED ${NOW.toISOString()}`,
    ]);
    // The unprinted letter's task is closed; the new letter has its own.
    const tasks = await prisma.task.findMany({ where: { patientId: patient.id }, orderBy: { createdAt: 'asc' }, select: { status: true, message: { select: { status: true } } } });
    expect(tasks.map((t) => `${t.status} ${t.message?.status}`).sort()).toEqual(['DONE CANCELLED', 'OPEN QUEUED']);
  });

  it('cancelling cancels the queued reminders and queues a cancellation with a cancelling calendar file', async () => {
    const { appointmentId, actor } = await bookedCase('email+sms');
    await markSent(appointmentId);
    await cancelProcedureBooking({ appointmentId, version: 1, by: 'PATIENT', reason: 'Away' }, actor, IP, NOW);
    const rows = await messagesOf(appointmentId);
    expect(summary(rows)).toEqual([
      `PRE_PROCEDURE_LEAFLET EMAIL SENT ${NOW.toISOString()}`,
      `CANCELLATION EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER SMS CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL CANCELLED 2027-03-22T09:00:00.000Z',
      'REMINDER SMS CANCELLED 2027-03-22T09:00:00.000Z',
    ]);
    expect(rows[1].payload).toEqual({ appointmentId, startsAt: '2027-03-24T09:00:00.000Z', includeCalendar: true });
    expect(rows[1].idempotencyKey).toBe(`appointment:${appointmentId}:v2:cancellation:email`);
  });

  it('cancelling a case the patient was never told about cancels its letter and queues nothing new', async () => {
    const prisma = await getPrisma();
    const { appointmentId, actor, patient } = await bookedCase('letter');
    await cancelProcedureBooking({ appointmentId, version: 1, by: 'HOSPITAL', reason: 'Operator on leave' }, actor, IP, NOW);
    expect(summary(await messagesOf(appointmentId))).toEqual([`PRE_PROCEDURE_LEAFLET LETTER CANCELLED ${NOW.toISOString()}`]);
    expect(await prisma.task.count({ where: { patientId: patient.id, kind: 'PRINT_LETTER', status: 'OPEN' } })).toBe(0);
  });

  it('a letter already printed (not yet marked as posted) counts as sent: cancelling queues a cancellation letter', async () => {
    const prisma = await getPrisma();
    const { appointmentId, actor } = await bookedCase('letter');
    const letter = await prisma.outboxMessage.findFirstOrThrow({ where: { appointmentId } });
    await prisma.outboxAttachment.create({ data: { messageId: letter.id, filename: 'letter.pdf', contentType: 'application/pdf', sha256: 'b'.repeat(64) } });
    await cancelProcedureBooking({ appointmentId, version: 1, by: 'PATIENT', reason: 'Away' }, actor, IP, NOW);
    expect(summary(await messagesOf(appointmentId))).toEqual([
      `PRE_PROCEDURE_LEAFLET LETTER CANCELLED ${NOW.toISOString()}`,
      `CANCELLATION LETTER QUEUED ${NOW.toISOString()}`,
    ]);
  });

  it('cancelling a list does it for every case: email and letter', async () => {
    const prisma = await getPrisma();
    const actor = await clerk();
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    const ids: string[] = [];
    for (const contact of ['email', 'letter'] as const) {
      const patient = await patientWith(contact);
      const request = await createProcedureRequest(prisma, { patientId: patient.id, minutes: 30 });
      ids.push((await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, NOW)).appointmentId);
    }
    for (const id of ids) await markSent(id);
    await cancelProcedureList({ listId: list.id, reason: 'Suite closed' }, actor, IP, NOW);
    expect(summary(await messagesOf(ids[0]))).toEqual([
      `PRE_PROCEDURE_LEAFLET EMAIL SENT ${NOW.toISOString()}`,
      `CANCELLATION EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL CANCELLED 2027-03-22T09:00:00.000Z',
    ]);
    const letterRows = await messagesOf(ids[1]);
    expect(summary(letterRows)).toEqual([
      `PRE_PROCEDURE_LEAFLET LETTER SENT ${NOW.toISOString()}`,
      `CANCELLATION LETTER QUEUED ${NOW.toISOString()}`,
    ]);
    const cancellationLetter = letterRows[1];
    expect(await prisma.task.findFirst({ where: { messageId: cancellationLetter.id } })).toMatchObject({ kind: 'PRINT_LETTER', status: 'OPEN' });
  });

  it('a did-not-attend case has its queued reminders cancelled', async () => {
    const { appointmentId, actor } = await bookedCase('email', { date: '2027-03-04' });
    await markProcedureDna({ appointmentId, version: 1 }, actor, IP, new Date('2027-03-04T12:00:00Z'));
    expect(summary(await messagesOf(appointmentId)).slice(1)).toEqual(['REMINDER EMAIL CANCELLED 2027-03-02T09:00:00.000Z']);
  });
});

describe('telephone consultations', () => {
  async function booked(contact: Contact) {
    const prisma = await getPrisma();
    const actor = await clerk();
    const patient = await patientWith(contact);
    const referral = await createReferral(prisma, { patientId: patient.id });
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '14:00', endTime: '15:00' });
    const { appointmentId } = await bookConsultation({ slotId: clinic.slots[0].id, referralId: referral.id, idempotencyKey: newKey() }, actor, IP, NOW);
    return { prisma, actor, patient, referral, clinic, appointmentId };
  }

  it('booking queues a confirmation with a calendar file and reminders; a slot already taken queues nothing', async () => {
    const { prisma, actor, clinic, appointmentId } = await booked('email');
    const rows = await messagesOf(appointmentId);
    expect(summary(rows)).toEqual([
      `BOOKING_CONFIRMATION EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL QUEUED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-22T09:00:00.000Z',
    ]);
    expect(rows[0].payload).toEqual({ appointmentId, startsAt: '2027-03-24T14:00:00.000Z', includeCalendar: true });

    const other = await patientWith('email');
    const otherReferral = await createReferral(prisma, { patientId: other.id });
    await expect(
      bookConsultation({ slotId: clinic.slots[0].id, referralId: otherReferral.id, idempotencyKey: newKey() }, actor, IP, NOW),
    ).rejects.toMatchObject({ code: 'SLOT_TAKEN' });
    expect(await prisma.outboxMessage.count({ where: { patientId: other.id } })).toBe(0);
  });

  it('moving queues a change of time on the new appointment and cancels the old one’s reminders', async () => {
    const { actor, clinic, appointmentId } = await booked('email');
    await markSent(appointmentId);
    const moved = await moveConsultation(
      { appointmentId, version: 1, slotId: clinic.slots[1].id, idempotencyKey: newKey(), requestedBy: 'PATIENT' },
      actor,
      IP,
      NOW,
    );
    expect(summary(await messagesOf(appointmentId))).toEqual([
      `BOOKING_CONFIRMATION EMAIL SENT ${NOW.toISOString()}`,
      'REMINDER EMAIL CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL CANCELLED 2027-03-22T09:00:00.000Z',
    ]);
    const rows = await messagesOf(moved.appointmentId);
    expect(summary(rows)).toEqual([
      `TIME_CHANGE EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL QUEUED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL QUEUED 2027-03-22T09:00:00.000Z',
    ]);
    expect(rows[0].payload).toEqual({
      appointmentId: moved.appointmentId,
      startsAt: '2027-03-24T14:20:00.000Z',
      previousStartsAt: '2027-03-24T14:00:00.000Z',
      includeCalendar: true,
    });
  });

  it('cancelling queues a cancellation; cancelling a clinic does it for every appointment', async () => {
    const { prisma, actor, clinic, appointmentId } = await booked('email');
    await markSent(appointmentId);
    await cancelConsultation({ appointmentId, version: 1, cancelledBy: 'PATIENT', reason: 'Better' }, actor, IP, NOW);
    expect(summary(await messagesOf(appointmentId))).toEqual([
      `BOOKING_CONFIRMATION EMAIL SENT ${NOW.toISOString()}`,
      `CANCELLATION EMAIL QUEUED ${NOW.toISOString()}`,
      'REMINDER EMAIL CANCELLED 2027-03-17T09:00:00.000Z',
      'REMINDER EMAIL CANCELLED 2027-03-22T09:00:00.000Z',
    ]);

    const ids: string[] = [];
    for (const [i, contact] of (['email', 'letter'] as const).entries()) {
      const patient = await patientWith(contact);
      const referral = await createReferral(prisma, { patientId: patient.id });
      ids.push((await bookConsultation({ slotId: clinic.slots[i + 1].id, referralId: referral.id, idempotencyKey: newKey() }, actor, IP, NOW)).appointmentId);
    }
    for (const id of ids) await markSent(id);
    await cancelClinic({ clinicId: clinic.id, reason: 'Doctor unwell' }, actor, IP, NOW);
    expect(summary(await messagesOf(ids[0])).filter((s) => s.includes('QUEUED'))).toEqual([`CANCELLATION EMAIL QUEUED ${NOW.toISOString()}`]);
    expect(summary(await messagesOf(ids[0])).filter((s) => s.startsWith('REMINDER')).every((s) => s.includes('CANCELLED'))).toBe(true);
    expect(summary(await messagesOf(ids[1])).filter((s) => s.includes('QUEUED'))).toEqual([`CANCELLATION LETTER QUEUED ${NOW.toISOString()}`]);
  });
});
