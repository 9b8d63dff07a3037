// Booking, moving, cancelling and DNA of procedure cases through the real routes (DESIGN.md rules 1, 2, 7,
// 9): what is stored, what is refused (and that a refusal changes nothing), and the audit trail.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as caseAction, loader as caseLoader } from '~/routes/procedure-bookings.$appointmentId';
import { action as bookAction, loader as bookLoader } from '~/routes/procedures.$requestId.book';
import { loader as waitingLoader } from '~/routes/procedures._index';
import { LIST_FULL_MESSAGE } from '~/scheduling/procedures/list-rules';
import { STALE_CASE_MESSAGE } from '~/appointments/appointment-rules';
import {
  createConsultation,
  createClinicWithSlots,
  createPatient,
  createProcedureBooking,
  createProcedureList,
  createProcedureRequest,
  createReferral,
  createSite,
  createStaff,
  dbDate,
} from '../factories';
import { load, newKey, post, setClock, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

const book = (cookie: string, requestId: string, listId: string, idempotencyKey = newKey()) =>
  post(bookAction, `/procedures/${requestId}/book`, { listId, idempotencyKey }, cookie, { requestId });

const onCase = (cookie: string, appointmentId: string, fields: Record<string, string>) =>
  post(caseAction, `/procedure-bookings/${appointmentId}`, fields, cookie, { appointmentId });

const caseIdFrom = (location: string | null) => /^\/procedure-bookings\/([^/?]+)/.exec(location ?? '')![1];

async function unchanged(listId: string, requestId: string) {
  const prisma = await getPrisma();
  expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: listId } })).bookedMinutes).toBe(0);
  expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('WAITING');
  expect(await prisma.appointment.count({ where: { procedureRequestId: requestId } })).toBe(0);
}

describe('booking a procedure', () => {
  it('books the case at the list start with arrival 30 minutes before, marks the request booked and audits it', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '08:30', endTime: '12:00', capacityMinutes: 210 });
    const request = await createProcedureRequest(prisma, { procedureCode: 'MEDIAL_BRANCH_BLOCK', guidance: 'XRAY', minutes: 30, flag: 'Did not attend on 1 March 2027' });
    const key = newKey();

    const reply = await book(cookie, request.id, list.id, key);

    expect(reply.status).toBe(302);
    const id = caseIdFrom(reply.location);
    expect(reply.location).toBe(`/procedure-bookings/${id}?booked=1`);
    const stored = await prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      kind: 'PROCEDURE',
      status: 'BOOKED',
      procedureListId: list.id,
      procedureRequestId: request.id,
      patientId: request.patientId,
      minutes: 30,
      listPosition: 1,
      bookedById: staff.id,
      idempotencyKey: key,
      version: 1,
      slotId: null,
    });
    expect(stored.startsAt.toISOString()).toBe('2027-03-24T08:30:00.000Z');
    expect(stored.endsAt.toISOString()).toBe('2027-03-24T09:00:00.000Z');
    expect(stored.arrivalAt!.toISOString()).toBe('2027-03-24T08:00:00.000Z');
    expect(await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'BOOKED', flag: null });
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(30);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.book', entityId: id } });
    expect(audit).toMatchObject({ actorId: staff.id, actorRole: 'CLERK', patientId: request.patientId, entityType: 'Appointment', ipAddress: '192.0.2.10' });
    expect(audit.details).toMatchObject({ kind: 'PROCEDURE', procedureListId: list.id, procedureRequestId: request.id, minutes: 30 });

    // The case page shows the arrival time, and viewing it is audited.
    const page = await load<{ appointment: { arrival: string; start: string } }>(caseLoader, `/procedure-bookings/${id}`, cookie, { appointmentId: id });
    expect(page.data.appointment.arrival).toBe('Wednesday 24 March 2027, 8am');
    expect(page.data.appointment.start).toBe('Wednesday 24 March 2027, 8:30am');
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.view', entityId: id, actorId: staff.id } })).toBe(1);
  });

  it('refuses a list at a site without an interventional suite (400) and changes nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const sevenoaks = await createSite(prisma, { code: 'SEVENOAKS' });
    const list = await createProcedureList(prisma, { siteId: sevenoaks.id, date: '2027-03-24' });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });

    const reply = await book(cookie, request.id, list.id);

    expect(reply.status).toBe(400);
    expect(reply.body?.formError).toBe(
      'Procedures can only be done at a site with an interventional suite. Sevenoaks Community Hospital has none: choose a list at a site that has one.',
    );
    await unchanged(list.id, request.id);
  });

  it('refuses a list whose modality does not fit the procedure’s guidance (400) and changes nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', modality: 'ULTRASOUND' });
    const request = await createProcedureRequest(prisma, { procedureCode: 'NERVE_ROOT_BLOCK', guidance: 'XRAY' });

    const reply = await book(cookie, request.id, list.id);

    expect(reply.status).toBe(400);
    expect(reply.body?.formError).toBe('This procedure needs X-ray guidance, but this is an ultrasound list. Choose an X-ray list.');
    await unchanged(list.id, request.id);
  });

  it('refuses a list in the past, or one that has started (400), and changes nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const past = await createProcedureList(prisma, { date: '2027-03-19' });
    const started = await createProcedureList(prisma, { date: '2027-03-22', startTime: '09:00', endTime: '12:30' }); // now is 10:00
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });

    for (const list of [past, started]) {
      const reply = await book(cookie, request.id, list.id);
      expect(reply.status).toBe(400);
      expect(reply.body?.formError).toBe('This list has already started or is in the past. Choose a list in the future.');
      await unchanged(list.id, request.id);
    }
  });

  it('refuses a full list with 409 and the clerk’s message, and a form with no list chosen with 400', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 40 });
    await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: (await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 20 })).id });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 });

    const full = await book(cookie, request.id, list.id);
    expect(full.status).toBe(409);
    expect(full.body?.formError).toBe(LIST_FULL_MESSAGE);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(20);

    const none = await post(bookAction, `/procedures/${request.id}/book`, { idempotencyKey: newKey() }, cookie, { requestId: request.id });
    expect(none.status).toBe(400);
    expect(none.body?.error).toEqual({ listId: ['Choose a list'] });
  });

  it('refuses a second appointment for the patient on the same day (409)', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const patient = await createPatient(prisma);
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '14:00', endTime: '15:00' });
    await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: (await createReferral(prisma, { patientId: patient.id })).id });
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY' });

    const reply = await book(cookie, request.id, list.id);

    expect(reply.status).toBe(409);
    expect(reply.body?.formError).toBe('The patient already has another appointment on Wednesday 24 March 2027. Choose a list on another day.');
    await unchanged(list.id, request.id);
  });

  it('books a form submitted twice only once, and sends the second submission to the same booking', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 30 });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 });
    const key = newKey();

    const first = await book(cookie, request.id, list.id, key);
    const second = await book(cookie, request.id, list.id, key);

    expect(first.status).toBe(302);
    // Not "list full", though the list has no room left: it is the same booking.
    expect(second.status).toBe(302);
    expect(second.location).toBe(first.location);
    expect(await prisma.appointment.count({ where: { procedureRequestId: request.id } })).toBe(1);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(30);
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.book', details: { path: ['procedureRequestId'], equals: request.id } } })).toBe(1);
  });

  it('refuses a booking form for a request that has since been booked on another form (409)', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });
    expect((await book(cookie, request.id, list.id)).status).toBe(302);

    const again = await book(cookie, request.id, list.id);

    expect(again.status).toBe(409);
    expect(again.body?.formError).toBe(
      'This procedure request is no longer on the waiting list: it was booked or removed after you opened this page.',
    );
    expect(await prisma.appointment.count({ where: { procedureRequestId: request.id } })).toBe(1);
  });

  it('puts a new case into the earliest gap a cancellation left, not after the last case', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '08:30', endTime: '12:00', capacityMinutes: 210 });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(caseIdFrom((await book(cookie, (await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 })).id, list.id)).location));
    const second = await prisma.appointment.findUniqueOrThrow({ where: { id: ids[1] } });
    expect((await onCase(cookie, ids[1], { intent: 'cancel', version: String(second.version), by: 'PATIENT', reason: 'Unwell' })).status).toBe(302);

    const shorter = await createProcedureRequest(prisma, { procedureCode: 'SI_JOINT_INJECTION', guidance: 'XRAY', minutes: 20 });
    const reply = await book(cookie, shorter.id, list.id);

    const placed = await prisma.appointment.findUniqueOrThrow({ where: { id: caseIdFrom(reply.location) } });
    expect(placed.startsAt.toISOString()).toBe('2027-03-24T09:00:00.000Z');
    expect(placed.arrivalAt!.toISOString()).toBe('2027-03-24T08:30:00.000Z');
    const active = await prisma.appointment.findMany({ where: { procedureListId: list.id, status: 'BOOKED' }, orderBy: { startsAt: 'asc' } });
    expect(active.map((a) => [a.startsAt.toISOString().slice(11, 16), a.listPosition])).toEqual([
      ['08:30', 1],
      ['09:00', 2],
      ['09:30', 3],
    ]);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: ids[1] } })).listPosition).toBeNull();
  });

  it('only clerks book: a doctor gets 403', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('DOCTOR');
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });
    expect((await book(cookie, request.id, list.id)).status).toBe(403);
    await unchanged(list.id, request.id);
  });
});

describe('the lists a request is offered', () => {
  it('are future, active lists at a suite, of the right modality, with a long-enough gap, on a day the patient is free', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const suite = await createSite(prisma, { hasInterventionalSuite: true });
    const noSuite = await createSite(prisma);
    const operator = await createStaff(prisma, { role: 'DOCTOR', name: 'Dr Offered Lists' });
    const at = (date: string, extra: Parameters<typeof createProcedureList>[1] = {}) =>
      createProcedureList(prisma, { siteId: suite.id, operatorId: operator.id, date, ...extra });
    const patient = await createPatient(prisma);
    const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', minutes: 30 });

    const fits = await at('2027-03-24');
    const later = await at('2027-03-31', { sessionPart: 'AFTERNOON' });
    await at('2027-03-19'); // past
    await at('2027-03-25', { modality: 'ULTRASOUND' });
    await createProcedureList(prisma, { siteId: noSuite.id, operatorId: operator.id, date: '2027-03-26' });
    const full = await at('2027-03-29', { capacityMinutes: 30 });
    await createProcedureBooking(prisma, { procedureListId: full.id, procedureRequestId: (await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 })).id });
    const cancelled = await at('2027-03-30');
    await prisma.procedureList.update({ where: { id: cancelled.id }, data: { status: 'CANCELLED' } });
    const busyDay = await at('2027-04-01');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-04-01', startTime: '15:00', endTime: '16:00' });
    await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: (await createReferral(prisma, { patientId: patient.id })).id });

    const page = await load<{ lists: { id: string; label: string; hint: string }[]; idempotencyKey: string }>(
      bookLoader,
      `/procedures/${request.id}/book`,
      cookie,
      { requestId: request.id },
    );

    expect(page.status).toBe(200);
    // Other tests' lists in this file's database are offered too; look at this test's own.
    const mine = new Set((await prisma.procedureList.findMany({ where: { operatorId: operator.id }, select: { id: true } })).map((l) => l.id));
    expect(mine.size).toBe(8);
    expect(page.data.lists.map((l) => l.id).filter((id) => mine.has(id))).toEqual([fits.id, later.id]);
    expect(page.data.lists.map((l) => l.id)).not.toContain(busyDay.id);
    const offered = page.data.lists.find((l) => l.id === fits.id)!;
    expect(offered.label).toBe(`Wednesday 24 March 2027, morning (9am to 12:30pm), ${suite.name}`);
    expect(offered.hint).toBe('X-ray list with Dr Offered Lists. 180 minutes free. Arrive 8:30am for a 9am start.');
    expect(page.data.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(await prisma.auditEvent.count({ where: { action: 'procedure-request.view', entityId: request.id } })).toBe(1);
  });
});

describe('the waiting list', () => {
  it('shows waiting requests by priority then breach date, with weeks on the list and flags, and audits the view', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const referral = (clockStart: string) => createReferral(prisma, { receivedOn: dbDate(clockStart), clockStartOn: dbDate(clockStart) });
    const r1 = await referral('2026-12-01');
    const r2 = await referral('2026-11-02');
    const r3 = await referral('2027-01-04');
    const routineOld = await createProcedureRequest(prisma, { patientId: r2.patientId, referralId: r2.id, priority: 'ROUTINE', listedOn: dbDate('2027-01-11') });
    const urgent = await createProcedureRequest(prisma, { patientId: r3.patientId, referralId: r3.id, priority: 'URGENT', listedOn: dbDate('2027-03-08'), flag: 'List cancelled by hospital on 17 March 2027: rebook' });
    const routine = await createProcedureRequest(prisma, { patientId: r1.patientId, referralId: r1.id, priority: 'ROUTINE', listedOn: dbDate('2027-02-01') });
    const booked = await createProcedureRequest(prisma, { priority: 'URGENT', status: 'BOOKED' });

    const page = await load<{ entries: { id: string; weeksWaited: number; flags: string[]; rtt: { breachOn: string; flag: string } | null }[] }>(
      waitingLoader,
      '/procedures',
      cookie,
    );

    const ids = page.data.entries.map((e) => e.id);
    expect(ids).not.toContain(booked.id);
    expect(ids.filter((id) => [urgent.id, routineOld.id, routine.id].includes(id))).toEqual([urgent.id, routineOld.id, routine.id]);
    const byId = Object.fromEntries(page.data.entries.map((e) => [e.id, e]));
    expect(byId[urgent.id].weeksWaited).toBe(2);
    expect(byId[urgent.id].flags).toContain('List cancelled by hospital on 17 March 2027: rebook');
    expect(byId[routineOld.id].rtt).toEqual({ breachOn: '8 March 2027', flag: 'BREACHED' });
    expect(await prisma.auditEvent.count({ where: { action: 'procedure-waiting-list.view', actorId: staff.id } })).toBe(1);
  });
});

describe('changing a booked case', () => {
  async function bookedCase(cookie: string, listDate = '2027-03-24') {
    const prisma = await getPrisma();
    const list = await createProcedureList(prisma, { date: listDate, capacityMinutes: 120 });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 });
    const id = caseIdFrom((await book(cookie, request.id, list.id)).location);
    return { list, request, id };
  }

  it('cancels by the patient with a reason: minutes back to the list, request back on the waiting list flagged, audited', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const { list, request, id } = await bookedCase(cookie);

    const reply = await onCase(cookie, id, { intent: 'cancel', version: '1', by: 'PATIENT', reason: 'Going on holiday' });

    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/procedure-bookings/${id}?cancelled=1`);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'CANCELLED_BY_PATIENT',
      cancellationReason: 'Going on holiday',
      cancelledById: staff.id,
      version: 2,
      listPosition: null,
    });
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(0);
    expect(await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: 'WAITING',
      flag: 'Cancelled by patient on 24 March 2027: rebook',
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.cancel', entityId: id } });
    expect(audit.details).toEqual({ kind: 'PROCEDURE', by: 'PATIENT', procedureListId: list.id, minutesFreed: 30 });
  });

  it('refuses a cancellation without a reason or without saying who cancelled (400), changing nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { id } = await bookedCase(cookie);
    const reply = await onCase(cookie, id, { intent: 'cancel', version: '1', reason: '  ' });
    expect(reply.status).toBe(400);
    expect(reply.body?.error).toEqual({ by: ['Choose who cancelled: the patient or the hospital'], reason: ['Enter the reason for cancelling'] });
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('BOOKED');
  });

  it('refuses a stale form (409): a cancel made from the page as it was before a move changes nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { list, id } = await bookedCase(cookie);
    const other = await createProcedureList(prisma, { date: '2027-03-26', capacityMinutes: 120 });
    expect((await onCase(cookie, id, { intent: 'move', version: '1', toListId: other.id })).status).toBe(302);
    const before = await prisma.appointment.findUniqueOrThrow({ where: { id } });

    const stale = await onCase(cookie, id, { intent: 'cancel', version: '1', by: 'HOSPITAL', reason: 'Operator on leave' });

    expect(stale.status).toBe(409);
    expect(stale.body?.formError).toBe(STALE_CASE_MESSAGE);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: other.id } })).bookedMinutes).toBe(30);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(0);
  });

  it('moves a case to another list in one go: minutes moved, new times, version bumped, audited', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { list, id } = await bookedCase(cookie);
    const target = await createProcedureList(prisma, { date: '2027-03-31', sessionPart: 'AFTERNOON', capacityMinutes: 120 });

    const reply = await onCase(cookie, id, { intent: 'move', version: '1', toListId: target.id });

    expect(reply.status).toBe(302);
    const moved = await prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect(moved).toMatchObject({ procedureListId: target.id, status: 'BOOKED', version: 2, listPosition: 1 });
    // 13:30 BST on 31 March 2027 is 12:30 UTC.
    expect(moved.startsAt.toISOString()).toBe('2027-03-31T12:30:00.000Z');
    expect(moved.arrivalAt!.toISOString()).toBe('2027-03-31T12:00:00.000Z');
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(0);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: target.id } })).bookedMinutes).toBe(30);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'appointment.move', entityId: id } });
    expect(audit.details).toMatchObject({ fromListId: list.id, toListId: target.id, toStartsAt: '2027-03-31T12:30:00.000Z' });
  });

  it('refuses a move to a list of the wrong modality or at a site without a suite (400), changing nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { list, id } = await bookedCase(cookie);
    const ultrasound = await createProcedureList(prisma, { date: '2027-03-26', modality: 'ULTRASOUND' });
    const noSuite = await createProcedureList(prisma, { date: '2027-03-26', siteId: (await createSite(prisma)).id });

    expect((await onCase(cookie, id, { intent: 'move', version: '1', toListId: ultrasound.id })).status).toBe(400);
    const reply = await onCase(cookie, id, { intent: 'move', version: '1', toListId: noSuite.id });
    expect(reply.status).toBe(400);
    expect(String(reply.body?.formError)).toContain('interventional suite');
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({ procedureListId: list.id, version: 1 });
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(30);
  });

  it('records did not attend only once the planned start has passed; the request goes back flagged', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const { list, request, id } = await bookedCase(cookie);

    const early = await onCase(cookie, id, { intent: 'dna', version: '1' });
    expect(early.status).toBe(400);
    expect(early.body?.formError).toBe('A patient can only be marked as did not attend once their planned start (9am on 24 March 2027) has passed.');

    setClock('2027-03-24T09:45:00.000Z');
    const later = await signedIn('CLERK'); // the first session has timed out in two days
    const reply = await onCase(later.cookie, id, { intent: 'dna', version: '1' });

    expect(reply.status).toBe(302);
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'DNA', version: 2 });
    expect(await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: 'WAITING',
      flag: 'Did not attend on 24 March 2027',
    });
    // The list's time was used up: its minutes stay booked.
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(30);
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.dna', entityId: id } })).toBe(1);
  });
});
