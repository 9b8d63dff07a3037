// Cancelling a clinic (the doctor is off sick, the site is closed): in one transaction the clinic is marked
// cancelled with its reason, every active consultation in it becomes "cancelled by hospital" with the same
// reason, each gets an open rebooking task (one per appointment: the dedupe key is unique) so the patient is
// listed under "needs rebooking", and all of it is audited.
//
// A booking into this clinic at the same moment share-locks the clinic row (lockBookableSlot), so it either
// commits first and is cancelled here with the rest, or waits and is then refused: nobody is left booked
// into a cancelled clinic.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { auditCancellations, cancelAllByHospital } from '~/appointments/appointment-repo.server';
import { CLINIC_ALREADY_CANCELLED_MESSAGE, assertAllowed, canCancelClinic } from '~/appointments/appointment-rules';
import { rebookTaskKey } from './rebook-task';
import { recordBookingEvent } from '~/events/booking-events.server';

export type CancelClinicResult = { cancelledAppointments: number };

export async function cancelClinic(
  input: { clinicId: string; reason: string },
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<CancelClinicResult> {
  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      const clinic = await tx.clinic.findUnique({ where: { id: input.clinicId }, select: { id: true, status: true, endsAt: true } });
      if (!clinic) throw new DomainError('NOT_FOUND', 'There is no such clinic.');
      assertAllowed(canCancelClinic(clinic, now));
      const updated = await tx.clinic.updateMany({
        where: { id: clinic.id, status: 'ACTIVE' },
        data: { status: 'CANCELLED', cancelledAt: now, cancellationReason: input.reason },
      });
      if (updated.count !== 1) throw new DomainError('STALE_FORM', CLINIC_ALREADY_CANCELLED_MESSAGE);

      // Read after the clinic row is locked by the update above: no booking can be added to it any more.
      const affected = await cancelAllByHospital(
        tx,
        { slot: { clinicId: clinic.id } },
        { reason: `Clinic cancelled: ${input.reason}`, actorId: actor?.id ?? null, now },
      );
      if (affected.length > 0) {
        await tx.task.createMany({
          data: affected.map((a) => ({
            kind: 'REBOOK_CONSULTATION' as const,
            title: 'Rebook a telephone consultation: its clinic was cancelled',
            dedupeKey: rebookTaskKey(a.id),
            patientId: a.patientId,
            appointmentId: a.id,
          })),
          skipDuplicates: true,
        });
      }
      await recordAudit(tx, {
        actor,
        action: 'clinic.cancel',
        entityType: 'Clinic',
        entityId: clinic.id,
        ipAddress,
        details: { appointments: affected.map((a) => a.id) },
      });
      await auditCancellations(tx, affected, { actor, ipAddress, details: { cancelledBy: 'HOSPITAL', clinicId: clinic.id } });
      if (affected.length > 0) await recordBookingEvent(tx, { type: 'CANCELLED', appointmentIds: affected.map((a) => a.id) }, now);
      return { cancelledAppointments: affected.length };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}
