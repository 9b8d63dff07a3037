// Cancelling a booked consultation, by the patient or by the hospital, with a reason. A conditional update on
// the appointment's version refuses a form opened before someone else changed it (STALE_FORM) and changes
// nothing. A hospital cancellation owes the patient a new appointment, so it opens a rebooking task and the
// patient appears under "needs rebooking"; after a patient cancellation the referral is back on the
// waiting-for-first-contact list by itself (it has no active consultation).
import type { Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { auditCancellations, consultationChangeSelect, loadConsultation, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { STALE_APPOINTMENT_MESSAGE, assertAllowed, canCancelConsultation } from '~/appointments/appointment-rules';
import { ACTIVE_STATUSES, CANCELLED_STATUS, type CancelledBy } from '~/appointments/appointment-status';
import { rebookTaskKey } from './rebook-task';
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
    const appointment = await loadConsultation(tx, input.appointmentId, consultationChangeSelect);
    assertAllowed(canCancelConsultation(appointment, now));
    await updateAppointmentIfCurrent(
      tx,
      { id: appointment.id, version: input.version, statuses: ACTIVE_STATUSES },
      { status: CANCELLED_STATUS[input.cancelledBy], cancelledAt: now, cancelledById: actor?.id ?? null, cancellationReason: input.reason },
      STALE_APPOINTMENT_MESSAGE,
    );
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
    await auditCancellations(tx, [appointment], { actor, ipAddress, details: { cancelledBy: input.cancelledBy } });
    await recordBookingEvent(tx, { type: 'CANCELLED', appointmentIds: [appointment.id] }, now);
  });
}
