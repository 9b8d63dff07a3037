// The only ways a procedure list's booked minutes change (ADR 3): atomic conditional updates inside the
// caller's transaction. The UPDATE also row-locks the list until the transaction ends, so bookings,
// moves and cancellations on one list run one after another: whoever holds the lock sees every case
// committed before it, and places a new case in a gap nobody else can be filling at the same moment.
// Locking lists without changing them is lockLists in app/db/locks.server.ts.
import type { Prisma } from '~/generated/prisma/client';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import type { TimeRange } from '../session-times';

type Tx = Prisma.TransactionClient;

/**
 * Adds the minutes if the list is active and has room; false (nothing changed) otherwise. Row-locks the
 * list for the rest of the transaction.
 */
export async function claimListMinutes(tx: Tx, listId: string, minutes: number): Promise<boolean> {
  const updated = await tx.$executeRaw`
    UPDATE "ProcedureList" SET "bookedMinutes" = "bookedMinutes" + ${minutes}
    WHERE id = ${listId} AND status = 'ACTIVE' AND "bookedMinutes" + ${minutes} <= "capacityMinutes"`;
  return updated === 1;
}

/** Gives back a cancelled case's minutes. Never goes below zero: a count that would is a bug, so it throws. */
export async function releaseListMinutes(tx: Tx, listId: string, minutes: number): Promise<void> {
  const updated = await tx.$executeRaw`
    UPDATE "ProcedureList" SET "bookedMinutes" = "bookedMinutes" - ${minutes}
    WHERE id = ${listId} AND "bookedMinutes" >= ${minutes}`;
  if (updated !== 1) throw new Error('procedure list booked minutes would go below zero');
}

/** The times held on a list by its cases (every case but cancelled ones), for placing another. */
export async function heldTimes(tx: Tx, listId: string): Promise<TimeRange[]> {
  return tx.appointment.findMany({
    where: { procedureListId: listId, status: { notIn: [...CANCELLED_STATUSES] } },
    orderBy: { startsAt: 'asc' },
    select: { startsAt: true, endsAt: true },
  });
}

/** Numbers the list's cases 1, 2, 3... in time order; cancelled cases have no position. */
export async function renumberList(tx: Tx, listId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Appointment" a SET "listPosition" = ordered.position
    FROM (
      SELECT id, (row_number() OVER (ORDER BY "startsAt", id))::int AS position
      FROM "Appointment"
      WHERE "procedureListId" = ${listId} AND status NOT IN ('CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL')
    ) ordered
    WHERE a.id = ordered.id AND a."listPosition" IS DISTINCT FROM ordered.position`;
  await tx.$executeRaw`
    UPDATE "Appointment" SET "listPosition" = NULL
    WHERE "procedureListId" = ${listId} AND status IN ('CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL')
      AND "listPosition" IS NOT NULL`;
}
