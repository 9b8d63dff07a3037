// DESIGN.md rule 11 for procedure bookings, and the readiness rule where the clerk sees it: a list too soon
// for a confirmed medicine stop is refused (nothing saved) unless a clinician's reason is recorded, which is
// saved, audited and shown; the chooser marks such lists; a move onto one is refused; the day list flags and
// counts the cases that are not ready. Through the real routes, on a fixed clock.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as caseAction, loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { action as bookAction, loader as bookLoader } from '~/routes/procedures.$requestId.book';
import { loader as dayListLoader } from '~/routes/lists.$listId';
import { createPatient, createPatientMedicine, createProcedureBooking, createProcedureList, createProcedureRequest, createStaff, dbDate } from '../factories';
import { load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

const book = (cookie: string, requestId: string, fields: Record<string, string>) =>
  post(bookAction, `/procedures/${requestId}/book`, { idempotencyKey: newKey(), ...fields }, cookie, { requestId });

const caseIdFrom = (location: string | null) => /^\/procedure-bookings\/([^/?]+)/.exec(location ?? '')![1];

/** A patient on warfarin with a doctor's confirmed plan to stop it 5 days before. */
async function warfarinRequest() {
  const prisma = await getPrisma();
  const doctor = await createStaff(prisma, { role: 'DOCTOR' });
  const patient = await createPatient(prisma);
  const taken = await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'warfarin' });
  const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'FACET_JOINT_INJECTION', guidance: 'XRAY', minutes: 30 });
  await prisma.bloodThinnerPlan.create({
    data: {
      procedureRequestId: request.id,
      medicineId: taken.medicineId!,
      action: 'STOP',
      stopBeforeHours: 120,
      restartAfterHours: 24,
      inrCheck: true,
      confirmedById: doctor.id,
      confirmedAt: new Date('2027-03-20T10:00:00Z'),
    },
  });
  return request;
}

const TOO_SOON =
  'This list is too soon for the patient to stop Warfarin (stop 5 days before) as planned. Choose a list on or after Monday 29 March 2027, or record why a clinician agrees to book it anyway.';

describe('a list too soon to stop a medicine as planned', () => {
  it('is marked in the chooser, and booking it is refused with the medicine and the earliest date, saving nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const request = await warfarinRequest();
    const soon = await createProcedureList(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '12:00' }); // Wednesday
    const later = await createProcedureList(prisma, { date: '2027-03-29', startTime: '09:00', endTime: '12:00' }); // Monday (BST)

    const page = await load<{ lists: { id: string; tooSoon: string | null; tooSoonDetail: string | null }[] }>(
      bookLoader,
      `/procedures/${request.id}/book`,
      cookie,
      { requestId: request.id },
    );
    expect(page.data.lists.find((l) => l.id === soon.id)).toMatchObject({ tooSoon: 'Too soon to stop Warfarin', tooSoonDetail: TOO_SOON });
    expect(page.data.lists.find((l) => l.id === later.id)).toMatchObject({ tooSoon: null, tooSoonDetail: null });

    const reply = await book(cookie, request.id, { listId: soon.id });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ formError: TOO_SOON });
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: soon.id } })).bookedMinutes).toBe(0);
    expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('WAITING');
    expect(await prisma.appointment.count({ where: { procedureRequestId: request.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.book', patientId: request.patientId } })).toBe(0);

    // The first list that works books without any override.
    const ok = await book(cookie, request.id, { listId: later.id });
    expect(ok.status).toBe(302);
    const stored = await prisma.appointment.findUniqueOrThrow({ where: { id: caseIdFrom(ok.location) } });
    expect(stored).toMatchObject({ timingOverrideReason: null, timingOverrideById: null });
  });

  it('books with a clinician’s reason, which is saved, audited (without the text) and shown on the case page and day list', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const request = await warfarinRequest();
    const soon = await createProcedureList(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '12:00' });
    const reason = 'Dr Shah agreed a 2-day stop by phone: INR checked on the day';

    const reply = await book(cookie, request.id, { listId: soon.id, timingOverrideReason: reason });

    expect(reply.status).toBe(302);
    const id = caseIdFrom(reply.location);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({ timingOverrideReason: reason, timingOverrideById: staff.id });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.book', entityId: id } });
    expect(audit.details).toMatchObject({ timingOverride: true, tooSoonToStop: 1 });
    expect(JSON.stringify(audit.details)).not.toContain('Shah');

    const casePage = await load<{ readiness: { warnings: string[] }; timingOverrideBy: string }>(caseLoader, `/procedure-bookings/${id}`, cookie, {
      appointmentId: id,
    });
    expect(casePage.data.readiness.warnings).toEqual([`Booked too soon for a planned medicine stop, agreed by a clinician: ${reason}`]);
    expect(casePage.data.timingOverrideBy).toBe((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).name);

    const dayList = await load<{ dayList: { rows: { printedFlags: string[] }[] } }>(dayListLoader, `/lists/${soon.id}`, cookie, { listId: soon.id });
    expect(dayList.data.dayList.rows[0].printedFlags).toContain(`Booked too soon for a planned medicine stop, agreed by a clinician: ${reason}`);
  });

  it('refuses moving a case onto a list too soon, leaving the case where it was', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const request = await warfarinRequest();
    const soon = await createProcedureList(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '12:00' });
    const later = await createProcedureList(prisma, { date: '2027-03-29', startTime: '09:00', endTime: '12:00' });
    const booked = await book(cookie, request.id, { listId: later.id });
    const id = caseIdFrom(booked.location);
    const before = await prisma.appointment.findUniqueOrThrow({ where: { id } });

    const reply = await post(caseAction, `/procedure-bookings/${id}`, { intent: 'move', version: String(before.version), toListId: soon.id }, cookie, {
      appointmentId: id,
    });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ formError: TOO_SOON });
    const after = await prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ procedureListId: later.id, version: before.version, startsAt: before.startsAt });
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: soon.id } })).bookedMinutes).toBe(0);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: later.id } })).bookedMinutes).toBe(30);
  });
});

describe('the day list and readiness', () => {
  it('flags each case that is not ready, in words, and counts them', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '12:30', capacityMinutes: 210 });
    const sedatedNoEscort = await createProcedureRequest(prisma, { procedureCode: 'FACET_JOINT_INJECTION', guidance: 'XRAY', minutes: 30, sedation: true });
    const rfUnasked = await createProcedureRequest(prisma, { procedureCode: 'RADIOFREQUENCY_DENERVATION', guidance: 'XRAY', minutes: 45 });
    const ready = await createProcedureRequest(prisma, { procedureCode: 'FACET_JOINT_INJECTION', guidance: 'XRAY', minutes: 30, sedation: true, escortArranged: true });
    for (const r of [sedatedNoEscort, rfUnasked, ready]) await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: r.id });

    const page = await load<{
      dayList: { notReady: string | null; rows: { escort: string; implantedDevice: string; readiness: { ready: boolean; reasons: { text: string }[] } }[] };
    }>(dayListLoader, `/lists/${list.id}`, cookie, { listId: list.id });

    expect(page.status).toBe(200);
    const { dayList } = page.data;
    expect(dayList.notReady).toBe('2 of 3 cases not ready');
    expect(dayList.rows.map((r) => r.readiness.ready)).toEqual([false, false, true]);
    expect(dayList.rows[0].escort).toBe('Not confirmed');
    expect(dayList.rows[0].readiness.reasons.map((r) => r.text)).toEqual(['Sedation: no adult escort home confirmed. Confirm an escort with the patient.']);
    expect(dayList.rows[1].implantedDevice).toBe('Not asked yet');
    expect(dayList.rows[1].readiness.reasons[0].text).toMatch(/pacemaker, ICD or spinal cord stimulator/);

    await prisma.procedureRequest.update({ where: { id: rfUnasked.id }, data: { implantedDevice: 'NONE' } });
    const again = await load<{ dayList: { notReady: string | null; rows: { implantedDevice: string }[] } }>(dayListLoader, `/lists/${list.id}`, cookie, {
      listId: list.id,
    });
    expect(again.data.dayList.notReady).toBe('1 of 3 cases not ready');
    expect(again.data.dayList.rows[1].implantedDevice).toBe('None');
  });
});

describe('backfill and readiness', () => {
  it('shows each suggestion’s readiness, offers ready patients first, and will not book a gap too soon to stop', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '12:00', capacityMinutes: 180 });
    const first = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 });
    const id = caseIdFrom((await book(cookie, first.id, { listId: list.id })).location);
    await post(caseAction, `/procedure-bookings/${id}`, { intent: 'cancel', version: '1', by: 'PATIENT', reason: 'Unwell' }, cookie, { appointmentId: id });
    // Waiting: an urgent sedated patient with no escort, a routine one who is ready, and one on warfarin with a
    // confirmed 5-day stop (ready, but the gap on Wednesday is too soon for it).
    const urgentNotReady = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30, priority: 'URGENT', sedation: true, listedOn: dbDate('2027-03-01') });
    const routineReady = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30, priority: 'ROUTINE', listedOn: dbDate('2027-03-01') });
    const warfarin = await warfarinRequest();
    await prisma.procedureRequest.update({ where: { id: warfarin.id }, data: { priority: 'SOON' } });

    const page = await load<{
      backfill: { gap: { at: string }; suggestions: { requestId: string; notReady: string[]; tooSoon: string | null }[] };
    }>(caseLoader, `/procedure-bookings/${id}`, cookie, { appointmentId: id });

    const suggestions = page.data.backfill.suggestions.filter((s) => [urgentNotReady.id, routineReady.id, warfarin.id].includes(s.requestId));
    expect(suggestions.map((s) => s.requestId)).toEqual([warfarin.id, routineReady.id, urgentNotReady.id]);
    expect(suggestions.map((s) => s.notReady.length)).toEqual([0, 0, 1]);
    expect(suggestions[2].notReady[0]).toMatch(/no adult escort home confirmed/);
    expect(suggestions.map((s) => s.tooSoon)).toEqual(['Too soon to stop Warfarin', null, null]);

    const fill = await post(
      caseAction,
      `/procedure-bookings/${id}`,
      { intent: 'backfill', requestId: warfarin.id, gapAt: page.data.backfill.gap.at, idempotencyKey: newKey() },
      cookie,
      { appointmentId: id },
    );
    expect(fill.status).toBe(409);
    expect(reply409Message(fill.body)).toBe(TOO_SOON);
    expect(await prisma.appointment.count({ where: { procedureRequestId: warfarin.id } })).toBe(0);
  });
});

const reply409Message = (body: Record<string, unknown> | null) => (body as { formError?: string } | null)?.formError;
