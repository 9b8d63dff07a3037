// Cancelling a dated procedure list: its cases are cancelled by the hospital and go back to the waiting list,
// flagged, its booked minutes return to 0, in one transaction, audited; and it takes no more bookings.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as listAction, loader as listLoader } from '~/routes/lists.$listId';
import { action as bookAction } from '~/routes/procedures.$requestId.book';
import { loader as waitingLoader } from '~/routes/procedures._index';
import { createProcedureBooking, createProcedureList, createProcedureRequest } from '../factories';
import { load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z');

const cancelList = (cookie: string, listId: string, fields: Record<string, string>) =>
  post(listAction, `/lists/${listId}`, { intent: 'cancel-list', ...fields }, cookie, { listId });

describe('cancelling a procedure list', () => {
  it('cancels its cases by the hospital, returns their requests to the waiting list flagged, frees its minutes, audits it', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24', capacityMinutes: 120 });
    const requests: { id: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const request = await createProcedureRequest(prisma, { guidance: 'XRAY', minutes: 30 });
      await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id });
      requests.push(request);
    }

    const reply = await cancelList(cookie, list.id, { reason: 'Operator on leave' });

    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/lists/${list.id}?cancelled=3`);
    expect(await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).toMatchObject({
      status: 'CANCELLED',
      bookedMinutes: 0,
      cancellationReason: 'Operator on leave',
    });
    const cases = await prisma.appointment.findMany({ where: { procedureListId: list.id } });
    expect(cases).toHaveLength(3);
    for (const c of cases) {
      expect(c).toMatchObject({ status: 'CANCELLED_BY_HOSPITAL', cancelledById: staff.id, cancellationReason: 'List cancelled: Operator on leave', listPosition: null, version: 2 });
    }
    const after = await prisma.procedureRequest.findMany({ where: { id: { in: requests.map((r) => r.id) } } });
    for (const r of after) expect(r).toMatchObject({ status: 'WAITING', flag: 'List cancelled by hospital on 24 March 2027: rebook' });
    expect(await prisma.auditEvent.count({ where: { action: 'procedure-list.cancel', entityId: list.id, actorId: staff.id } })).toBe(1);
    for (const c of cases) {
      expect(await prisma.auditEvent.count({ where: { action: 'appointment.cancel', entityId: c.id, patientId: c.patientId } })).toBe(1);
    }

    // Back on the waiting list, with the flag for the clerk.
    const waiting = await load<{ entries: { id: string; flags: string[] }[] }>(waitingLoader, '/procedures', cookie);
    const flagged = waiting.data.entries.filter((e) => requests.some((r) => r.id === e.id));
    expect(flagged).toHaveLength(3);
    for (const e of flagged) expect(e.flags).toContain('List cancelled by hospital on 24 March 2027: rebook');

    // The list takes no more bookings.
    const late = await createProcedureRequest(prisma, { guidance: 'XRAY' });
    const refused = await post(bookAction, `/procedures/${late.id}/book`, { listId: list.id, idempotencyKey: newKey() }, cookie, { requestId: late.id });
    expect(refused.status).toBe(409);
    expect(refused.body?.formError).toBe('This list has been cancelled. Choose another list.');

    // The day list says it is cancelled, and cancelling again is refused.
    const page = await load<{ dayList: { cancelled: string | null; rows: unknown[] }; canCancel: boolean }>(listLoader, `/lists/${list.id}`, cookie, { listId: list.id });
    expect(page.data.dayList.cancelled).toBe('This list has been cancelled: Operator on leave.');
    expect(page.data.dayList.rows).toEqual([]);
    expect(page.data.canCancel).toBe(false);
    const twice = await cancelList(cookie, list.id, { reason: 'Again' });
    expect(twice.status).toBe(409);
    expect(twice.body?.formError).toBe('This list has already been cancelled.');
  });

  it('needs a reason (400) and refuses a list that has started (400), changing nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });
    await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id });

    const noReason = await cancelList(cookie, list.id, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body?.error).toEqual({ reason: ['Enter the reason for cancelling the list'] });

    const started = await createProcedureList(prisma, { date: '2027-03-22', startTime: '09:00', endTime: '12:30' });
    const refused = await cancelList(cookie, started.id, { reason: 'Too late' });
    expect(refused.status).toBe(400);
    expect(refused.body?.formError).toBe('This list has already started or is in the past, so it cannot be cancelled.');

    expect(await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).toMatchObject({ status: 'ACTIVE', bookedMinutes: 30 });
    expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('BOOKED');
  });

  it('is for clerks and administrators: a doctor may view the list but not cancel it (403)', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('DOCTOR');
    const list = await createProcedureList(prisma, { date: '2027-03-24' });
    expect((await load(listLoader, `/lists/${list.id}`, cookie, { listId: list.id })).status).toBe(200);
    expect((await cancelList(cookie, list.id, { reason: 'Not mine to cancel' })).status).toBe(403);
    expect((await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } })).status).toBe('ACTIVE');
  });
});
