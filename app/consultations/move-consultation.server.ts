// Moving a booked consultation to another slot, in one transaction: the old booking is cancelled (as moved,
// saying who asked), the new one booked with rebookedFromId pointing back, and the move audited. If the new
// slot cannot be had (taken, past, cancelled clinic, patient busy) nothing changes. The form carries the
// appointment's version: a form opened before someone else changed the appointment is refused (STALE_FORM).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { consultationChangeSelect, loadConsultation, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { STALE_APPOINTMENT_MESSAGE, assertAllowed, canMoveConsultation } from '~/appointments/appointment-rules';
import { ACTIVE_STATUSES, CANCELLED_STATUS, type CancelledBy } from '~/appointments/appointment-status';
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

export async function moveConsultation(
  input: MoveConsultationInput,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ appointmentId: string; alreadyMoved: boolean }> {
  const prisma = await getPrisma();
  const old = await loadConsultation(prisma, input.appointmentId, consultationChangeSelect);
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
        // `old` was read before the lock: the conditional update below refuses it if it has changed since.
        assertAllowed(canMoveConsultation(old, now));
        const reason = input.reason?.trim() || 'Moved to another time';
        await updateAppointmentIfCurrent(
          tx,
          { id: old.id, version: input.version, statuses: ACTIVE_STATUSES },
          { status: CANCELLED_STATUS[input.requestedBy], cancelledAt: now, cancelledById: actor?.id ?? null, cancellationReason: reason },
          STALE_APPOINTMENT_MESSAGE,
        );
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
