// Backfill: a cancelled case offers its freed time to the best-fitting waiting patients, and one click books
// one of them into that gap (issue 3, item 6).
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as caseAction, loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { action as bookAction } from '~/routes/procedures.$requestId.book';
import {
  createClinicWithSlots,
  createConsultation,
  createPatient,
  createProcedureList,
  createProcedureRequest,
  createReferral,
  dbDate,
} from '../factories';
import { load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z');

const caseIdFrom = (location: string | null) => /^\/procedure-bookings\/([^/?]+)/.exec(location ?? '')![1];

type Backfill = {
  gap: { at: string; times: string; minutes: number } | null;
  suggestions: { requestId: string; patient: string; minutes: number }[];
};

describe('backfill suggestions for a cancelled case', () => {
  it('offer the best-fitting waiting request first and leave out those that do not fit; one click books it into the gap', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    // An X-ray list 08:30-12:00 (GMT) with three 30-minute cases; the middle one (09:00-09:30) is cancelled.
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '08:30', endTime: '12:00', capacityMinutes: 120 });
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30, listedOn: dbDate('2027-03-01'), status: 'WAITING' });
      const reply = await post(bookAction, `/procedures/${request.id}/book`, { listId: list.id, idempotencyKey: newKey() }, cookie, { requestId: request.id });
      caseIds.push(caseIdFrom(reply.location));
    }
    const cancelledRequestId = (await prisma.appointment.findUniqueOrThrow({ where: { id: caseIds[1] } })).procedureRequestId!;
    const waiting = (overrides: Parameters<typeof createProcedureRequest>[1]) =>
      createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30, listedOn: dbDate('2027-02-01'), ...overrides });
    // Fit: same modality, no longer than the 30 free minutes, patient free that day.
    const urgent = await waiting({ priority: 'URGENT', listedOn: dbDate('2027-03-15'), minutes: 20 });
    const routineLongWait = await waiting({ priority: 'ROUTINE', listedOn: dbDate('2026-12-01') });
    const routineRecent = await waiting({ priority: 'ROUTINE', listedOn: dbDate('2027-03-10') });
    // Do not fit.
    const ultrasound = await waiting({ priority: 'URGENT', procedureCode: 'PLEXUS_BLOCK', guidance: 'ULTRASOUND' });
    const tooLong = await waiting({ priority: 'URGENT', procedureCode: 'RADIOFREQUENCY_DENERVATION', minutes: 45 });
    const busyPatient = await createPatient(prisma);
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '15:00', endTime: '16:00' });
    await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: (await createReferral(prisma, { patientId: busyPatient.id })).id });
    const busy = await waiting({ priority: 'URGENT', patientId: busyPatient.id });

    const cancel = await post(caseAction, `/procedure-bookings/${caseIds[1]}`, { intent: 'cancel', version: '1', by: 'PATIENT', reason: 'Unwell' }, cookie, {
      appointmentId: caseIds[1],
    });
    expect(cancel.status).toBe(302);

    const page = await load<{ backfill: Backfill; canCancel: boolean; idempotencyKey: string }>(caseLoader, `/procedure-bookings/${caseIds[1]}`, cookie, {
      appointmentId: caseIds[1],
    });
    const backfill = page.data.backfill;
    expect(backfill.gap).toEqual({ at: '2027-03-24T09:00:00.000Z', times: '9am to 9:30am', minutes: 30 });
    const suggested = backfill.suggestions.map((s) => s.requestId);
    expect(suggested.slice(0, 3)).toEqual([urgent.id, routineLongWait.id, routineRecent.id]);
    for (const excluded of [ultrasound.id, tooLong.id, busy.id, cancelledRequestId]) expect(suggested).not.toContain(excluded);
    expect(page.data.canCancel).toBe(false);

    // "Book into this gap" for the first suggestion.
    const key = `${page.data.idempotencyKey}:${urgent.id}`;
    const fill = await post(caseAction, `/procedure-bookings/${caseIds[1]}`, { intent: 'backfill', requestId: urgent.id, gapAt: backfill.gap!.at, idempotencyKey: key }, cookie, {
      appointmentId: caseIds[1],
    });
    expect(fill.status).toBe(302);
    const filled = await prisma.appointment.findUniqueOrThrow({ where: { id: caseIdFrom(fill.location) } });
    expect(filled).toMatchObject({ procedureListId: list.id, procedureRequestId: urgent.id, status: 'BOOKED', minutes: 20 });
    expect(filled.startsAt.toISOString()).toBe('2027-03-24T09:00:00.000Z');
    expect(filled.arrivalAt!.toISOString()).toBe('2027-03-24T08:30:00.000Z');
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(80);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.book', entityId: filled.id } });
    expect(audit.details).toMatchObject({ backfill: true, procedureListId: list.id });

    // The same click again books nothing more.
    const again = await post(caseAction, `/procedure-bookings/${caseIds[1]}`, { intent: 'backfill', requestId: urgent.id, gapAt: backfill.gap!.at, idempotencyKey: key }, cookie, {
      appointmentId: caseIds[1],
    });
    expect(again.location).toBe(fill.location);
    expect(await prisma.appointment.count({ where: { procedureRequestId: urgent.id } })).toBe(1);

    // Ten minutes of the gap are left: only requests that short would be offered now.
    const after = await load<{ backfill: Backfill }>(caseLoader, `/procedure-bookings/${caseIds[1]}`, cookie, { appointmentId: caseIds[1] });
    expect(after.data.backfill.gap).toEqual({ at: '2027-03-24T09:20:00.000Z', times: '9:20am to 9:30am', minutes: 10 });
    expect(after.data.backfill.suggestions).toEqual([]);

    // A second booking into the filled part of the gap is refused, and changes nothing.
    const late = await post(
      caseAction,
      `/procedure-bookings/${caseIds[1]}`,
      { intent: 'backfill', requestId: routineLongWait.id, gapAt: '2027-03-24T09:00:00.000Z', idempotencyKey: newKey() },
      cookie,
      { appointmentId: caseIds[1] },
    );
    expect(late.status).toBe(409);
    expect(late.body?.formError).toBe('That gap has been filled since you opened this page. Choose another suggestion or list.');

    // A time outside the list's session is refused as such (a crafted or mistyped form), changing nothing.
    const outside = await post(
      caseAction,
      `/procedure-bookings/${caseIds[1]}`,
      { intent: 'backfill', requestId: routineLongWait.id, gapAt: '2027-03-24T13:00:00.000Z', idempotencyKey: newKey() },
      cookie,
      { appointmentId: caseIds[1] },
    );
    expect(outside.status).toBe(400);
    expect(outside.body?.formError).toMatch(/^That time is outside this list's session \(8:30am to 12(:\d\d)?pm\)/);
    expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: routineLongWait.id } })).status).toBe('WAITING');
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(80);
  });

  it('offers nothing once the list is cancelled or has started', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-25' });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });
    const booked = await post(bookAction, `/procedures/${request.id}/book`, { listId: list.id, idempotencyKey: newKey() }, cookie, { requestId: request.id });
    const id = caseIdFrom(booked.location);
    await createProcedureRequest(prisma, { guidance: 'XRAY', priority: 'URGENT' });
    await post(caseAction, `/procedure-bookings/${id}`, { intent: 'cancel', version: '1', by: 'HOSPITAL', reason: 'Operator unwell' }, cookie, { appointmentId: id });
    await prisma.procedureList.update({ where: { id: list.id }, data: { status: 'CANCELLED' } });

    const page = await load<{ backfill: Backfill | null }>(caseLoader, `/procedure-bookings/${id}`, cookie, { appointmentId: id });
    expect(page.data.backfill).toBeNull();
  });
});
