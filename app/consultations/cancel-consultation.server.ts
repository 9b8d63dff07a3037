// Cancelling a booked consultation, by the patient or by the hospital, with a reason. A conditional update on
// the appointment's version refuses a form opened before someone else changed it (STALE_FORM) and changes
// nothing. A hospital cancellation owes the patient a new appointment, so it opens a rebooking task and the
// patient appears under "needs rebooking"; after a patient cancellation the referral is back on the
// waiting-for-first-contact list by itself (it has no active consultation).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { ACTIVE_STATUSES, CANCELLED_STATUS, type CancelledBy } from '~/scheduling/appointment-status';
import { rebookTaskKey } from './rebook-task';
import { STALE_APPOINTMENT_MESSAGE } from './move-consultation.server';
import { recordBookingEvent } from '~/events/booking-events.server';

export type CancelConsultationInput = {
  appointmentId: string;
  version: number;
  cancelledBy: CancelledBy;
  reason: string;
};

export async function cancelConsultation(
  input: CancelConsultationInput,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const appointment = await tx.appointment.findUnique({
      where: { id: input.appointmentId },
      select: { id: true, kind: true, patientId: true, endsAt: true },
    });
    if (!appointment || appointment.kind !== 'CONSULTATION') throw new DomainError('NOT_FOUND', 'There is no such consultation.');
    if (appointment.endsAt.getTime() <= now.getTime()) {
      throw new DomainError('PAST_DATE', 'This consultation has already taken place, so it cannot be cancelled.');
    }
    const updated = await tx.appointment.updateMany({
      where: { id: appointment.id, version: input.version, status: { in: [...ACTIVE_STATUSES] } },
      data: {
        status: CANCELLED_STATUS[input.cancelledBy],
        cancelledAt: now,
        cancelledById: actor?.id ?? null,
        cancellationReason: input.reason,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new DomainError('STALE_FORM', STALE_APPOINTMENT_MESSAGE);
    if (input.cancelledBy === 'HOSPITAL') {
      await tx.task.createMany({
        data: [
          {
            kind: 'REBOOK_CONSULTATION',
            title: 'Rebook a telephone consultation cancelled by the hospital',
            dedupeKey: rebookTaskKey(appointment.id),
            patientId: appointment.patientId,
            appointmentId: appointment.id,
          },
        ],
        skipDuplicates: true,
      });
    }
    await recordAudit(tx, {
      actor,
      action: 'appointment.cancel',
      entityType: 'Appointment',
      entityId: appointment.id,
      patientId: appointment.patientId,
      ipAddress,
      details: { cancelledBy: input.cancelledBy },
    });
    await recordBookingEvent(tx, { type: 'CANCELLED', appointmentIds: [appointment.id] }, now);
  });
}
