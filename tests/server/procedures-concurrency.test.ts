// DESIGN.md rule 1 for procedure lists, under concurrent requests through the real booking route (session
// check, form parsing, use case, database): a list's booked minutes never exceed its capacity, and no two
// cases on a list overlap. On PGlite the requests interleave in one process; on PostgreSQL
// (PAINDESK_TEST_DB=postgres) they run in parallel over a pool of connections.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as listAction } from '~/routes/lists.$listId';
import { action as caseAction } from '~/routes/procedure-bookings.$appointmentId';
import { action as bookAction } from '~/routes/procedures.$requestId.book';
import { DOUBLE_BOOKED_MESSAGE } from '~/scheduling/procedures/book-procedure.server';
import { LIST_FULL_MESSAGE } from '~/scheduling/procedures/list-rules';
import { createPatient, createProcedureBooking, createProcedureList, createProcedureRequest, createSite, createStaff } from '../factories';
import { newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

const ATTEMPTS = 50;

useFixedClock('2027-03-22T10:00:00.000Z');

function book(requestId: string, listId: string, cookie: string, idempotencyKey = newKey()) {
  return post(bookAction, `/procedures/${requestId}/book`, { listId, idempotencyKey }, cookie, { requestId });
}

describe('over-filling one procedure list: 50 clerks at once, for 50 different patients', () => {
  it('books exactly as many as fit (120 minutes, 30-minute cases: 4); the other 46 get 409 with the list-full message', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', startTime: '08:30', endTime: '12:00', capacityMinutes: 120 });
    const requests = [];
    for (let i = 0; i < ATTEMPTS; i++) requests.push(await createProcedureRequest(prisma, { procedureCode: 'FACET_JOINT_INJECTION', guidance: 'XRAY', minutes: 30 }));

    const replies = await Promise.all(requests.map((request) => book(request.id, list.id, cookie)));

    const booked = replies.filter((r) => r.status === 302);
    const refused = replies.filter((r) => r.status === 409);
    expect(booked).toHaveLength(4);
    expect(refused).toHaveLength(ATTEMPTS - 4);
    for (const reply of refused) expect(reply.body?.formError).toBe(LIST_FULL_MESSAGE);
    for (const reply of booked) expect(reply.location).toMatch(/^\/procedure-bookings\/[^/?]+\?booked=1$/);

    const after = await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } });
    const cases = await prisma.appointment.findMany({
      where: { procedureListId: list.id },
      orderBy: { startsAt: 'asc' },
      select: { id: true, startsAt: true, endsAt: true, arrivalAt: true, minutes: true, listPosition: true, status: true, procedureRequestId: true },
    });
    expect(cases).toHaveLength(4);
    expect(after.bookedMinutes).toBe(cases.reduce((sum, c) => sum + c.minutes, 0));
    expect(after.bookedMinutes).toBeLessThanOrEqual(after.capacityMinutes);
    // Back to back from the list's start (08:30 GMT), no two overlapping, numbered in order.
    expect(cases.map((c) => c.startsAt.toISOString().slice(11, 16))).toEqual(['08:30', '09:00', '09:30', '10:00']);
    for (let i = 1; i < cases.length; i++) expect(cases[i - 1].endsAt.getTime()).toBeLessThanOrEqual(cases[i].startsAt.getTime());
    expect(cases.map((c) => c.listPosition)).toEqual([1, 2, 3, 4]);
    expect(cases.map((c) => c.arrivalAt!.toISOString().slice(11, 16))).toEqual(['08:00', '08:30', '09:00', '09:30']);

    // The four booked requests left the waiting list; the 46 refused ones are still on it, unchanged.
    const bookedIds = new Set(cases.map((c) => c.procedureRequestId));
    const statuses = await prisma.procedureRequest.findMany({ where: { id: { in: requests.map((r) => r.id) } }, select: { id: true, status: true } });
    for (const s of statuses) expect(s.status).toBe(bookedIds.has(s.id) ? 'BOOKED' : 'WAITING');
    // One audit event per booking that happened, none for the refusals.
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.book', details: { path: ['procedureListId'], equals: list.id } } })).toBe(4);
  });

  it('fills a list exactly to capacity with mixed lengths and refuses the rest, never exceeding it', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-26', startTime: '09:00', endTime: '12:30', capacityMinutes: 100 });
    const requests = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      requests.push(await createProcedureRequest(prisma, { procedureCode: 'SI_JOINT_INJECTION', guidance: 'XRAY', minutes: i % 2 === 0 ? 20 : 30 }));
    }

    const replies = await Promise.all(requests.map((request) => book(request.id, list.id, cookie)));

    expect(replies.every((r) => r.status === 302 || r.status === 409)).toBe(true);
    const after = await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } });
    const cases = await prisma.appointment.findMany({ where: { procedureListId: list.id }, orderBy: { startsAt: 'asc' } });
    expect(cases.length).toBe(replies.filter((r) => r.status === 302).length);
    expect(after.bookedMinutes).toBe(cases.reduce((sum, c) => sum + c.minutes, 0));
    expect(after.bookedMinutes).toBeLessThanOrEqual(100);
    // Whatever order they arrived in, the list ends with less than the shortest case free.
    expect(100 - after.bookedMinutes).toBeLessThan(20);
    for (let i = 1; i < cases.length; i++) expect(cases[i - 1].endsAt.getTime()).toBeLessThanOrEqual(cases[i].startsAt.getTime());
  });
});

describe('one patient booked onto 50 lists at the same time of day at once', () => {
  it('books exactly one; the others get 409 because the patient already has an appointment then', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma, { hasInterventionalSuite: true });
    const patient = await createPatient(prisma);
    const attempts = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      // Lists of different operators (say, several rooms) on one morning, each with one request of this patient.
      const operator = await createStaff(prisma, { role: 'DOCTOR' });
      const list = await createProcedureList(prisma, { siteId: site.id, operatorId: operator.id, date: '2027-03-25', capacityMinutes: 60 });
      const request = await createProcedureRequest(prisma, { patientId: patient.id, guidance: 'XRAY', minutes: 30 });
      attempts.push({ listId: list.id, requestId: request.id });
    }

    const replies = await Promise.all(attempts.map(({ requestId, listId }) => book(requestId, listId, cookie)));

    expect(replies.filter((r) => r.status === 302)).toHaveLength(1);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(ATTEMPTS - 1);
    for (const reply of refused) {
      expect([DOUBLE_BOOKED_MESSAGE, 'The patient already has another appointment on Thursday 25 March 2027. Choose a list on another day.']).toContain(
        reply.body?.formError,
      );
    }
    const active = await prisma.appointment.findMany({ where: { patientId: patient.id, status: 'BOOKED' } });
    expect(active).toHaveLength(1);
    // Refused bookings gave back the minutes they had claimed: only one list has anything booked.
    const lists = await prisma.procedureList.findMany({ where: { id: { in: attempts.map((a) => a.listId) } }, select: { bookedMinutes: true } });
    expect(lists.map((l) => l.bookedMinutes).sort((a, b) => b - a).slice(0, 2)).toEqual([30, 0]);
  });
});

describe('the same booking form submitted many times at once', () => {
  it('books once, and every submission is sent to that one booking', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 60 });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 });
    const key = newKey();

    const replies = await Promise.all(Array.from({ length: 10 }, () => book(request.id, list.id, cookie, key)));

    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(302));
    const cases = await prisma.appointment.findMany({ where: { procedureRequestId: request.id } });
    expect(cases).toHaveLength(1);
    expect(new Set(replies.map((r) => r.location))).toEqual(new Set([`/procedure-bookings/${cases[0].id}?booked=1`]));
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).bookedMinutes).toBe(30);
  });
});

/** The invariants of DESIGN.md rule 1 for one list: minutes add up, within capacity, no two cases overlap. */
async function expectListConsistent(listId: string) {
  const prisma = await getPrisma();
  const list = await prisma.procedureList.findUniqueOrThrow({ where: { id: listId } });
  const held = await prisma.appointment.findMany({
    where: { procedureListId: listId, status: { notIn: ['CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL'] } },
    orderBy: { startsAt: 'asc' },
  });
  expect(list.bookedMinutes).toBe(held.reduce((sum, c) => sum + c.minutes, 0));
  expect(list.bookedMinutes).toBeLessThanOrEqual(list.capacityMinutes);
  for (let i = 1; i < held.length; i++) expect(held[i - 1].endsAt.getTime()).toBeLessThanOrEqual(held[i].startsAt.getTime());
  for (const c of held) {
    expect(c.startsAt.getTime()).toBeGreaterThanOrEqual(list.startsAt.getTime());
    expect(c.endsAt.getTime()).toBeLessThanOrEqual(list.endsAt.getTime());
  }
  return { list, held };
}

describe('a list cancelled while 30 clerks are booking onto it', () => {
  it('ends cancelled with nothing booked on it: every booking either came before and was cancelled, or was refused', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 210 });
    const requests = [];
    for (let i = 0; i < 30; i++) requests.push(await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 15 }));

    const cancelling = post(listAction, `/lists/${list.id}`, { intent: 'cancel-list', reason: 'Suite flooded' }, cookie, { listId: list.id });
    const replies = await Promise.all([...requests.map((r) => book(r.id, list.id, cookie)), cancelling]);

    expect(replies.every((r) => r.status === 302 || r.status === 409)).toBe(true);
    expect(replies.at(-1)!.status).toBe(302);
    for (const reply of replies.slice(0, -1).filter((r) => r.status === 409)) {
      expect([LIST_FULL_MESSAGE, 'This list has been cancelled. Choose another list.']).toContain(reply.body?.formError);
    }
    const { list: after, held } = await expectListConsistent(list.id);
    expect(after.status).toBe('CANCELLED');
    expect(held).toEqual([]);
    // Every request is waiting again, or was never taken off the waiting list.
    expect(await prisma.procedureRequest.count({ where: { id: { in: requests.map((r) => r.id) }, status: 'WAITING' } })).toBe(30);
  });
});

describe('moves between two lists in both directions at once', () => {
  it('never deadlock or fail: each move is made or refused with 409, and both lists stay consistent', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma, { hasInterventionalSuite: true });
    const operator = await createStaff(prisma, { role: 'DOCTOR' });
    const lists = [
      await createProcedureList(prisma, { siteId: site.id, operatorId: operator.id, date: '2027-03-24', capacityMinutes: 210 }),
      await createProcedureList(prisma, { siteId: site.id, operatorId: operator.id, date: '2027-03-26', capacityMinutes: 210 }),
    ];
    const moves: { id: string; to: string }[] = [];
    for (const [from, to] of [lists, [...lists].reverse()]) {
      for (let i = 0; i < 10; i++) {
        const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 15 });
        const booking = await createProcedureBooking(prisma, { procedureListId: from.id, procedureRequestId: request.id });
        moves.push({ id: booking.id, to: to.id });
      }
    }

    const replies = await Promise.all(
      moves.map(({ id, to }) => post(caseAction, `/procedure-bookings/${id}`, { intent: 'move', version: '1', toListId: to }, cookie, { appointmentId: id })),
    );

    expect(replies.map((r) => r.status).filter((s) => s !== 302 && s !== 409)).toEqual([]);
    for (const reply of replies.filter((r) => r.status === 409)) expect(reply.body?.formError).toBe(LIST_FULL_MESSAGE);
    expect(replies.filter((r) => r.status === 302).length).toBeGreaterThan(0);
    const [a, b] = await Promise.all(lists.map((l) => expectListConsistent(l.id)));
    expect(a.held.length + b.held.length).toBe(20);
    const moved = await prisma.appointment.findMany({ where: { id: { in: moves.map((m) => m.id) } }, select: { id: true, procedureListId: true, version: true } });
    for (const m of moved) {
      const wanted = moves.find((x) => x.id === m.id)!;
      // A moved case is on its new list with a new version; a refused one is where it was, unchanged.
      expect(m.version === 2 ? m.procedureListId === wanted.to : m.procedureListId !== wanted.to).toBe(true);
    }
  });
});
