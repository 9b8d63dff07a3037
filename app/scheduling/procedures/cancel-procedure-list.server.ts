// Cancels a dated procedure list in one transaction: the list is cancelled only if still active (a
// conditional update that also row-locks it, so no booking can slip in), its cases become cancelled by
// the hospital, their requests go back to the waiting list flagged for rebooking, and its booked minutes
// return to 0. Audited for the list and for each patient.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { auditCancellations, cancelAllByHospital } from '~/appointments/appointment-repo.server';
import { LIST_ALREADY_CANCELLED_MESSAGE, assertAllowed, canCancelList } from '~/appointments/appointment-rules';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { recordBookingEvent } from '~/events/booking-events.server';
import { formatShortDate } from '~/utils/format';

export type CancelProcedureListInput = { listId: string; reason: string };

export async function cancelProcedureList(
  input: CancelProcedureListInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<{ casesCancelled: number }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const list = await tx.procedureList.findUnique({
      where: { id: input.listId },
      select: { id: true, startsAt: true, status: true },
    });
    if (!list) throw new DomainError('NOT_FOUND', 'There is no such procedure list.');
    assertAllowed(canCancelList(list, now));
    const cancelled = await tx.procedureList.updateMany({
      where: { id: list.id, status: 'ACTIVE' },
      data: { status: 'CANCELLED', cancelledAt: now, cancellationReason: input.reason, bookedMinutes: 0 },
    });
    if (cancelled.count !== 1) throw new DomainError('LIST_CANCELLED', LIST_ALREADY_CANCELLED_MESSAGE);

    const cases = await cancelAllByHospital(
      tx,
      { procedureListId: list.id },
      { reason: `List cancelled: ${input.reason}`, actorId: actor.id, now, data: { listPosition: null } },
    );
    const caseIds = cases.map((c) => c.id);
    await tx.procedureRequest.updateMany({
      where: { id: { in: cases.map((c) => c.procedureRequestId!) }, status: 'BOOKED' },
      data: { status: 'WAITING', flag: `List cancelled by hospital on ${formatShortDate(list.startsAt)}: rebook` },
    });

    await recordAudit(tx, {
      actor,
      action: 'procedure-list.cancel',
      entityType: 'ProcedureList',
      entityId: list.id,
      ipAddress,
      details: { casesCancelled: cases.length },
    });
    await auditCancellations(tx, cases, {
      actor,
      ipAddress,
      details: { kind: 'PROCEDURE', by: 'HOSPITAL', procedureListId: list.id, listCancelled: true },
    });
    if (caseIds.length > 0) await recordBookingEvent(tx, { type: 'CANCELLED', appointmentIds: caseIds }, now);
    return { casesCancelled: cases.length };
  }, BOOKING_TRANSACTION);
}
