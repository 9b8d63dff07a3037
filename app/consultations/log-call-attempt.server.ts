// A doctor logs a call to a patient for a telephone consultation: "no answer" or "answered", at the time it
// is logged. Each attempt bumps the appointment's version by a conditional update, so a form submitted twice
// (or opened before someone else changed the consultation) logs nothing the second time (STALE_FORM) rather
// than counting one unanswered call twice. After the unit's number of unanswered attempts the consultation
// becomes DNA in the same transaction: a DNA review task for the clerks, and, for a first appointment, the
// RTT clock restarts on the day of the DNA.
// A doctor logs calls in their own clinics; in a colleague's clinic only when covering it, declared by naming
// that clinic's doctor (coveringFor), and the attempt is then audited as covering (ADR 0019).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { CallResult } from '~/generated/prisma/enums';
import { clinicDoctorSelect, consultationChangeSelect, loadConsultation, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { assertAllowed, canLogCall } from '~/appointments/appointment-rules';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { lockPatientBookings } from '~/scheduling/booking-lock.server';
import { localDateOf } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { getUnitSetting } from '~/settings/unit-settings.server';
import { dbDateOf } from '~/utils/db-date';
import { becomesDna, dnaResetsClock, dnaReviewTaskKey } from './dna-policy';
import { requireClinicAccess } from './doctor-access';

export type LogCallAttemptInput = {
  appointmentId: string;
  version: number;
  result: CallResult;
  note?: string | null;
  /** The doctor whose clinic the caller declares they are covering (ADR 0019). */
  coveringFor?: string | null;
};

export const STALE_CONSULTATION_MESSAGE =
  'This consultation changed since you opened the page (perhaps the call was already logged). Reload the page and check before logging it again.';

export async function logCallAttempt(
  input: LogCallAttemptInput,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ attemptId: string; becameDna: boolean }> {
  if (!actor) throw new DomainError('FORBIDDEN', 'Only a doctor can log a call.');
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const appointment = await loadConsultation(tx, input.appointmentId, { ...consultationChangeSelect, ...clinicDoctorSelect });
    const access = requireClinicAccess(actor, 'consultation.log-call', appointment.slot.clinic, input.coveringFor, {
      forbidden: 'Only a doctor can log a call.',
      notCovering: (doctor) =>
        `This consultation is in ${doctor}’s clinic. To log calls while covering it, open their clinic from My clinic (“Cover a colleague’s clinic”).`,
    });
    const covering = access.kind === 'covering' ? { coveringForId: access.coveringForId } : {};
    await lockPatientBookings(tx, appointment.patientId);
    assertAllowed(canLogCall(appointment, now));
    const current = { id: appointment.id, statuses: ACTIVE_STATUSES };
    await updateAppointmentIfCurrent(tx, { ...current, version: input.version }, {}, STALE_CONSULTATION_MESSAGE);
    const attempt = await tx.callAttempt.create({
      data: { appointmentId: appointment.id, result: input.result, at: now, byId: actor.id, note: input.note ?? null },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: 'consultation.call-attempt',
      entityType: 'Appointment',
      entityId: appointment.id,
      patientId: appointment.patientId,
      ipAddress,
      details: { result: input.result, attemptId: attempt.id, ...covering },
    });

    const counts = await tx.callAttempt.groupBy({ by: ['result'], where: { appointmentId: appointment.id }, _count: { _all: true } });
    const count = (result: CallResult) => counts.find((c) => c.result === result)?._count._all ?? 0;
    const threshold = await getUnitSetting(tx, 'dna.unansweredAttemptsBeforeDna');
    if (input.result !== 'NO_ANSWER' || !becomesDna(count('NO_ANSWER'), count('ANSWERED'), threshold)) {
      return { attemptId: attempt.id, becameDna: false };
    }

    await updateAppointmentIfCurrent(tx, { ...current, version: input.version + 1 }, { status: 'DNA' }, STALE_CONSULTATION_MESSAGE);
    await tx.task.createMany({
      data: [
        {
          kind: 'DNA_REVIEW',
          title: 'Telephone consultation not answered: rebook or discharge',
          dedupeKey: dnaReviewTaskKey(appointment.id),
          patientId: appointment.patientId,
          appointmentId: appointment.id,
        },
      ],
      skipDuplicates: true,
    });
    let clockReset = false;
    if (appointment.referralId) {
      const referral = await tx.referral.findUniqueOrThrow({ where: { id: appointment.referralId }, select: { id: true, status: true } });
      const completedConsultations = await tx.appointment.count({
        where: { referralId: referral.id, kind: 'CONSULTATION', status: 'COMPLETED' },
      });
      if (dnaResetsClock({ status: referral.status, completedConsultations })) {
        await tx.referral.update({
          where: { id: referral.id },
          data: { clockStartOn: dbDateOf(localDateOf(appointment.startsAt, UNIT_TIME_ZONE)) },
          select: { id: true },
        });
        clockReset = true;
      }
    }
    await recordAudit(tx, {
      actor,
      action: 'appointment.dna',
      entityType: 'Appointment',
      entityId: appointment.id,
      patientId: appointment.patientId,
      ipAddress,
      details: { unansweredAttempts: count('NO_ANSWER'), clockReset, referralId: appointment.referralId, ...covering },
    });
    return { attemptId: attempt.id, becameDna: true };
  });
}
