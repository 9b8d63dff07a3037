// Booking changes are events (ADR 21): each use case records one typed event, with ids and codes only, in its
// own transaction, and messaging reacts in that transaction. A refused change records nothing; a double submit
// records once; a process without the messaging subscriber refuses to book rather than tell the patient nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { tellPatientsAbout } from '~/communications/booking-reactions.server';
import { getPrisma } from '~/db.server';
import { MissingSubscriberError, subscribeToBookingEvents } from '~/events/booking-events.server';
import { bookConsultation } from '~/consultations/book-consultation.server';
import { cancelClinic } from '~/consultations/cancel-clinic.server';
import { moveConsultation } from '~/consultations/move-consultation.server';
import { seedBloodThinnerRules } from '~/medicines/blood-thinner-rule-repo.server';
import { confirmBloodThinnerPlans } from '~/medicines/confirm-blood-thinner-plans.server';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { cancelProcedureList } from '~/scheduling/procedures/cancel-procedure-list.server';
import { markProcedureDna } from '~/scheduling/procedures/mark-procedure-dna.server';
import { moveProcedureBooking } from '~/scheduling/procedures/move-procedure-booking.server';
import {
  approveCurrentLeafletParts,
  createClinicWithSlots,
  createPatient,
  createPatientMedicine,
  createProcedureList,
  createProcedureRequest,
  createReferral,
  createStaff,
} from '../factories';
import { newKey } from './consultations-fixtures';

beforeAll(async () => {
  const prisma = await getPrisma();
  await approveCurrentLeafletParts(prisma);
  await seedBloodThinnerRules(prisma);
});

const NOW = new Date('2027-03-01T10:00:00.000Z');
const IP = '192.0.2.30';

async function staff(role: 'CLERK' | 'DOCTOR') {
  const member = await createStaff(await getPrisma(), { role });
  return { id: member.id, role };
}

async function patient() {
  return createPatient(await getPrisma(), { email: `e-${newKey().slice(0, 8)}@example.com`, emailConsent: true, mobilePhone: '07700900123' });
}

/** The events about these appointments (or this request), oldest first, as the columns hold them. */
async function eventsAbout(where: { appointmentIds?: string[]; procedureRequestId?: string }) {
  const prisma = await getPrisma();
  const rows = await prisma.bookingEvent.findMany({
    where: where.procedureRequestId ? { procedureRequestId: where.procedureRequestId } : { appointmentIds: { hasSome: where.appointmentIds } },
    orderBy: { id: 'asc' },
    select: { type: true, occurredAt: true, appointmentIds: true, procedureRequestId: true, payload: true },
  });
  return rows;
}

/** A clerk, and a waiting request with a list to book it on. */
async function readyToBook(date = '2027-03-24') {
  const prisma = await getPrisma();
  const actor = await staff('CLERK');
  const p = await patient();
  const list = await createProcedureList(prisma, { date });
  const request = await createProcedureRequest(prisma, { patientId: p.id, minutes: 30 });
  const input = { requestId: request.id, listId: list.id, idempotencyKey: newKey() };
  return { prisma, actor, patient: p, list, request, input, before: await prisma.bookingEvent.count() };
}

async function bookedCase(date = '2027-03-24') {
  const ready = await readyToBook(date);
  const { appointmentId } = await bookProcedure(ready.input, ready.actor, IP, NOW);
  return { ...ready, appointmentId };
}

/** Nothing of a refused booking was written: no appointment, no event, no message. */
async function nothingWritten(ready: Awaited<ReturnType<typeof readyToBook>>) {
  const { prisma, patient: p } = ready;
  expect(await prisma.appointment.count({ where: { patientId: p.id } })).toBe(0);
  expect(await prisma.bookingEvent.count()).toBe(ready.before);
  expect(await prisma.outboxMessage.count({ where: { patientId: p.id } })).toBe(0);
}

describe('each booking change records one event in its transaction', () => {
  it('booking a procedure: BOOKED with the appointment, and its messages; a double submit records and queues once', async () => {
    const prisma = await getPrisma();
    const { appointmentId, input, actor, patient: p } = await bookedCase();
    expect(await eventsAbout({ appointmentIds: [appointmentId] })).toEqual([
      { type: 'BOOKED', occurredAt: NOW, appointmentIds: [appointmentId], procedureRequestId: null, payload: {} },
    ]);
    const queued = await prisma.outboxMessage.count({ where: { appointmentId } });
    expect(queued).toBeGreaterThan(0);

    expect(await bookProcedure(input, actor, IP, NOW)).toEqual({ appointmentId, alreadyBooked: true });
    expect(await eventsAbout({ appointmentIds: [appointmentId] })).toHaveLength(1);
    expect(await prisma.outboxMessage.count({ where: { patientId: p.id } })).toBe(queued);
  });

  it('a refused booking (list full) records no event and queues nothing', async () => {
    const prisma = await getPrisma();
    const actor = await staff('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 30 });
    const first = await createProcedureRequest(prisma, { patientId: (await patient()).id, minutes: 30 });
    const second = await createProcedureRequest(prisma, { patientId: (await patient()).id, minutes: 30 });
    await bookProcedure({ requestId: first.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, NOW);
    const before = await prisma.bookingEvent.count();
    await expect(bookProcedure({ requestId: second.id, listId: list.id, idempotencyKey: newKey() }, actor, IP, NOW)).rejects.toMatchObject({
      code: 'LIST_FULL',
    });
    expect(await prisma.bookingEvent.count()).toBe(before);
    expect(await prisma.outboxMessage.count({ where: { patientId: second.patientId } })).toBe(0);
  });

  it('moving a procedure case: MOVED with the time it had; a did-not-attend: DID_NOT_ATTEND', async () => {
    const prisma = await getPrisma();
    const { appointmentId, actor, list } = await bookedCase();
    const target = await createProcedureList(prisma, { date: '2027-03-31', siteId: list.siteId });
    await moveProcedureBooking({ appointmentId, version: 1, toListId: target.id }, actor, IP, NOW);
    expect((await eventsAbout({ appointmentIds: [appointmentId] })).map((e) => [e.type, e.appointmentIds, e.payload])).toEqual([
      ['BOOKED', [appointmentId], {}],
      ['MOVED', [appointmentId], { previousStartsAt: '2027-03-24T09:00:00.000Z' }],
    ]);

    const past = await bookedCase('2027-03-04');
    const later = new Date('2027-03-04T12:00:00.000Z');
    await markProcedureDna({ appointmentId: past.appointmentId, version: 1 }, past.actor, IP, later);
    expect((await eventsAbout({ appointmentIds: [past.appointmentId] })).at(-1)).toEqual({
      type: 'DID_NOT_ATTEND',
      occurredAt: later,
      appointmentIds: [past.appointmentId],
      procedureRequestId: null,
      payload: {},
    });
  });

  it('moving a consultation: MOVED naming the new and the old appointment; cancelling a clinic: one CANCELLED for all', async () => {
    const prisma = await getPrisma();
    const actor = await staff('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '14:00', endTime: '15:00' });
    const ids: string[] = [];
    for (const i of [0, 1]) {
      const referral = await createReferral(prisma, { patientId: (await patient()).id });
      ids.push((await bookConsultation({ slotId: clinic.slots[i].id, referralId: referral.id, idempotencyKey: newKey() }, actor, IP, NOW)).appointmentId);
    }
    const moved = await moveConsultation(
      { appointmentId: ids[0], version: 1, slotId: clinic.slots[2].id, idempotencyKey: newKey(), requestedBy: 'PATIENT' },
      actor,
      IP,
      NOW,
    );
    expect((await eventsAbout({ appointmentIds: [moved.appointmentId] })).map((e) => [e.type, e.appointmentIds, e.payload])).toEqual([
      ['MOVED', [moved.appointmentId, ids[0]], { previousAppointmentId: ids[0] }],
    ]);

    await cancelClinic({ clinicId: clinic.id, reason: 'Doctor unwell' }, actor, IP, NOW);
    const cancelled = (await eventsAbout({ appointmentIds: [ids[1]] })).filter((e) => e.type === 'CANCELLED');
    expect(cancelled.map((e) => [...e.appointmentIds].sort())).toEqual([[moved.appointmentId, ids[1]].sort()]);
  });

  it('cancelling a list with nobody on it records nothing', async () => {
    const prisma = await getPrisma();
    const list = await createProcedureList(prisma, { date: '2027-03-25' });
    const before = await prisma.bookingEvent.count();
    await cancelProcedureList({ listId: list.id, reason: 'Suite closed' }, await staff('CLERK'), IP, NOW);
    expect(await prisma.bookingEvent.count()).toBe(before);
  });

  it('a doctor confirming a blood-thinner plan: MEDICINE_PLAN_CHANGED with the request and a change key', async () => {
    const prisma = await getPrisma();
    const p = await patient();
    await createPatientMedicine(prisma, { patientId: p.id, genericName: 'apixaban', dose: '5 mg twice a day' });
    const request = await createProcedureRequest(prisma, { patientId: p.id, procedureCode: 'INTERLAMINAR_EPIDURAL', guidance: 'XRAY', minutes: 30 });
    const apixaban = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'apixaban' } });
    await confirmBloodThinnerPlans(
      request.id,
      [{ medicineId: apixaban.id, variant: '', action: 'STOP', stopBeforeHours: 120, restartAfterHours: 24, inrCheck: false, note: null }],
      await staff('DOCTOR'),
      IP,
      NOW,
    );
    expect(await eventsAbout({ procedureRequestId: request.id })).toEqual([
      { type: 'MEDICINE_PLAN_CHANGED', occurredAt: NOW, appointmentIds: [], procedureRequestId: request.id, payload: { changeKey: String(NOW.getTime()) } },
    ]);
  });
});

describe('subscribers', () => {
  it('without the messaging subscriber a booking is refused, loudly, and nothing is written', async () => {
    const ready = await readyToBook();
    const off = subscribeToBookingEvents('messaging', tellPatientsAbout);
    off();
    try {
      const booking = bookProcedure(ready.input, ready.actor, IP, NOW);
      await expect(booking).rejects.toThrow(MissingSubscriberError);
      await expect(booking).rejects.toThrow(/No messaging subscriber/);
    } finally {
      subscribeToBookingEvents('messaging', tellPatientsAbout);
    }
    await nothingWritten(ready);
  });

  it('a subscriber that fails rolls the whole change back: no booking, no event, no message', async () => {
    const ready = await readyToBook();
    const seen: string[] = [];
    const off = subscribeToBookingEvents('failing', async (_tx, event) => {
      seen.push(event.type);
      throw new Error('subscriber failed');
    });
    try {
      await expect(bookProcedure(ready.input, ready.actor, IP, NOW)).rejects.toThrow('subscriber failed');
    } finally {
      off();
    }
    expect(seen).toEqual(['BOOKED']);
    await nothingWritten(ready);
  });
});
