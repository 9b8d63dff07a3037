// Cancels a dated procedure list in one transaction: the list is cancelled only if still active (a
// conditional update that also row-locks it, so no booking can slip in), its cases become cancelled by
// the hospital, their requests go back to the waiting list flagged for rebooking, and its booked minutes
// return to 0. Audited for the list and for each patient.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { formatShortDate } from './labels';
import { ACTIVE_STATUSES } from '../appointment-status';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { recordBookingEvent } from '~/events/booking-events.server';

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
    if (list.startsAt <= now) {
      throw new DomainError('PAST_DATE', 'This list has already started or is in the past, so it cannot be cancelled.');
    }
    const cancelled = await tx.procedureList.updateMany({
      where: { id: list.id, status: 'ACTIVE' },
      data: { status: 'CANCELLED', cancelledAt: now, cancellationReason: input.reason, bookedMinutes: 0 },
    });
    if (cancelled.count !== 1) throw new DomainError('LIST_CANCELLED', 'This list has already been cancelled.');

    const cases = await tx.appointment.findMany({
      where: { procedureListId: list.id, status: { in: [...ACTIVE_STATUSES] } },
      select: { id: true, patientId: true, procedureRequestId: true },
    });
    const caseIds = cases.map((c) => c.id);
    await tx.appointment.updateMany({
      where: { id: { in: caseIds } },
      data: {
        status: 'CANCELLED_BY_HOSPITAL',
        cancelledAt: now,
        cancelledById: actor.id,
        cancellationReason: `List cancelled: ${input.reason}`,
        listPosition: null,
        version: { increment: 1 },
      },
    });
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
    for (const c of cases) {
      await recordAudit(tx, {
        actor,
        action: 'appointment.cancel',
        entityType: 'Appointment',
        entityId: c.id,
        patientId: c.patientId,
        ipAddress,
        details: { kind: 'PROCEDURE', by: 'HOSPITAL', procedureListId: list.id, listCancelled: true },
      });
    }
    if (caseIds.length > 0) await recordBookingEvent(tx, { type: 'CANCELLED', appointmentIds: caseIds }, now);
    return { casesCancelled: cases.length };
  }, BOOKING_TRANSACTION);
}
