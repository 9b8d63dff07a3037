// Moving a booked consultation to another slot, in one transaction: the old booking is cancelled (as moved,
// saying who asked), the new one booked with rebookedFromId pointing back, and the move audited. If the new
// slot cannot be had (taken, past, cancelled clinic, patient busy) nothing changes. The form carries the
// appointment's version: a form opened before someone else changed the appointment is refused (STALE_FORM).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { ACTIVE_STATUSES, CANCELLED_STATUS, type CancelledBy } from '~/scheduling/appointment-status';
import { BOOKING_TRANSACTION, retryOnDeadlock } from '~/db/transactions.server';
import { bookingConflict } from '~/scheduling/booking-conflicts.server';
import { lockPatientBookings } from '~/scheduling/booking-lock.server';
import { insertConsultation, lockBookableSlot } from './consultation-slot.server';
import { recordBookingEvent } from '~/events/booking-events.server';

export type MoveConsultationInput = {
  appointmentId: string;
  /** The version the clerk's form was made from. */
  version: number;
  slotId: string;
  idempotencyKey: string;
  requestedBy: CancelledBy;
  reason?: string;
};

export const STALE_APPOINTMENT_MESSAGE =
  'This appointment has been changed by someone else since you opened this page. Check the details below and try again.';

export async function moveConsultation(
  input: MoveConsultationInput,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ appointmentId: string; alreadyMoved: boolean }> {
  const prisma = await getPrisma();
  const old = await prisma.appointment.findUnique({
    where: { id: input.appointmentId },
    select: { id: true, kind: true, patientId: true, referralId: true },
  });
  if (!old || old.kind !== 'CONSULTATION') throw new DomainError('NOT_FOUND', 'There is no such consultation.');
  const findByKey = () =>
    prisma.appointment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, rebookedFromId: true } });
  const sameAttempt = (existing: { id: string; rebookedFromId: string | null }) => {
    if (existing.rebookedFromId !== old.id) throw new DomainError('STALE_FORM', STALE_APPOINTMENT_MESSAGE);
    return { appointmentId: existing.id, alreadyMoved: true };
  };

  try {
    return await retryOnDeadlock(() =>
      prisma.$transaction(async (tx) => {
        await lockPatientBookings(tx, old.patientId);
        const existing = await tx.appointment.findUnique({
          where: { idempotencyKey: input.idempotencyKey },
          select: { id: true, rebookedFromId: true },
        });
        if (existing) return sameAttempt(existing);
        const reason = input.reason?.trim() || 'Moved to another time';
        const cancelled = await tx.appointment.updateMany({
          where: { id: old.id, version: input.version, status: { in: [...ACTIVE_STATUSES] } },
          data: {
            status: CANCELLED_STATUS[input.requestedBy],
            cancelledAt: now,
            cancelledById: actor?.id ?? null,
            cancellationReason: reason,
            version: { increment: 1 },
          },
        });
        if (cancelled.count !== 1) throw new DomainError('STALE_FORM', STALE_APPOINTMENT_MESSAGE);
        const slot = await lockBookableSlot(tx, input.slotId, now);
        const moved = await insertConsultation(tx, {
          slot,
          patientId: old.patientId,
          referralId: old.referralId,
          idempotencyKey: input.idempotencyKey,
          bookedById: actor?.id ?? null,
          rebookedFromId: old.id,
          now,
        });
        await recordAudit(tx, {
          actor,
          action: 'appointment.move',
          entityType: 'Appointment',
          entityId: old.id,
          patientId: old.patientId,
          ipAddress,
          details: { toAppointmentId: moved.id, toSlotId: slot.id, requestedBy: input.requestedBy },
        });
        await recordBookingEvent(tx, { type: 'MOVED', appointmentId: moved.id, previousAppointmentId: old.id }, now);
        return { appointmentId: moved.id, alreadyMoved: false };
      }, BOOKING_TRANSACTION),
    );
  } catch (error) {
    const existing = await findByKey();
    if (existing) return sameAttempt(existing);
    throw bookingConflict(error) ?? error;
  }
}
