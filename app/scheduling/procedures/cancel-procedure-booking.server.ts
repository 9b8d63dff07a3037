// Cancels a procedure case, by the patient or by the hospital, with a reason, in one transaction: the
// case is cancelled only if unchanged since the form was opened, its minutes go back to the list by a
// conditional decrement, and its request returns to the waiting list flagged for rebooking. The freed
// time is then offered to other waiting patients (backfill suggestions on the case page).
import type { Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { auditCancellations, caseChangeSelect, loadProcedureCase, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { STALE_CASE_MESSAGE, assertAllowed, canCancelCase } from '~/appointments/appointment-rules';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { lockLists } from '~/db/locks.server';
import { releaseListMinutes, renumberList } from './list-minutes.server';
import { cancellationFlag, returnToWaitingList } from './procedure-case.server';
import { recordBookingEvent } from '~/events/booking-events.server';

export type CancelProcedureBookingInput = {
  appointmentId: string;
  /** The version of the case the form was made from. */
  version: number;
  by: 'PATIENT' | 'HOSPITAL';
  reason: string;
};

export async function cancelProcedureBooking(
  input: CancelProcedureBookingInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const current = await loadProcedureCase(tx, input.appointmentId, caseChangeSelect);
    assertAllowed(canCancelCase(current, now));
    // Lists before cases, in every use case, so a list cancellation and a case cancellation cannot deadlock.
    await lockLists(tx, [current.procedureListId]);
    await updateAppointmentIfCurrent(
      tx,
      { id: current.id, version: input.version, statuses: ACTIVE_STATUSES },
      {
        status: input.by === 'PATIENT' ? 'CANCELLED_BY_PATIENT' : 'CANCELLED_BY_HOSPITAL',
        cancelledAt: now,
        cancelledById: actor.id,
        cancellationReason: input.reason,
      },
      STALE_CASE_MESSAGE,
    );
    await releaseListMinutes(tx, current.procedureListId, current.minutes);
    await renumberList(tx, current.procedureListId);
    await returnToWaitingList(tx, current.procedureRequestId, cancellationFlag(input.by, current.startsAt));
    await auditCancellations(tx, [current], {
      actor,
      ipAddress,
      details: { kind: 'PROCEDURE', by: input.by, procedureListId: current.procedureListId, minutesFreed: current.minutes },
    });
    await recordBookingEvent(tx, { type: 'CANCELLED', appointmentIds: [current.id] }, now);
  }, BOOKING_TRANSACTION);
}
