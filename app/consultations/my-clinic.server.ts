// The doctor's worklist for a day: their telephone clinics in time order, each slot with its consultation
// (if booked) and what the doctor needs before calling: patient summary, referral reason, weeks waited,
// communication needs, status and the calls so far. Reading it is audited as a view of each listed patient.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { appointmentFactsSelect, patientSummarySelect } from '~/appointments/appointment-repo.server';
import { getPrisma } from '~/db.server';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { weeksWaited } from '~/scheduling/rtt';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { dbDateOf, isoDateOf } from '~/utils/db-date';
import { phoneRouteFlags } from '~/consultations/phone-route';

export async function getMyClinic(doctorId: string, date: string, actor: Actor, ipAddress: string | null, now: Date) {
  const prisma = await getPrisma();
  const clinics = await prisma.clinic.findMany({
    where: { clinicianId: doctorId, date: dbDateOf(date), kind: 'TELEPHONE' },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      site: { select: { name: true } },
      slots: {
        orderBy: { startsAt: 'asc' },
        select: {
          id: true,
          startsAt: true,
          appointments: {
            where: { status: { notIn: [...CANCELLED_STATUSES] } },
            select: {
              ...appointmentFactsSelect,
              patient: {
                select: {
                  ...patientSummarySelect,
                  mobilePhone: true,
                  communicationNeeds: true,
                  interpreterLanguage: true,
                  communicationNotes: true,
                },
              },
              referral: { select: { id: true, reason: true, clockStartOn: true, clockStoppedOn: true, priority: true } },
              callAttempts: { orderBy: { at: 'asc' }, select: { id: true, result: true, at: true } },
              outcomeRecords: { orderBy: { version: 'desc' }, take: 1, select: { version: true } },
            },
          },
        },
      },
    },
  });
  const result = clinics.map((clinic) => ({
    ...clinic,
    slots: clinic.slots.map((slot) => {
      const appointment = slot.appointments[0] ?? null;
      return {
        id: slot.id,
        startsAt: slot.startsAt,
        consultation: appointment
          ? {
              ...appointment,
              outcomeVersion: appointment.outcomeRecords[0]?.version ?? 0,
              // Before calling: no number to ring, BSL, or an interpreter to book (DESIGN.md rule 11).
              phoneRoute: phoneRouteFlags(appointment.patient),
              weeksWaited: appointment.referral
                ? weeksWaited(isoDateOf(appointment.referral.clockStartOn), appointment.referral.clockStoppedOn ?? now, UNIT_TIME_ZONE)
                : null,
            }
          : null,
      };
    }),
  }));
  const patientIds = [...new Set(result.flatMap((c) => c.slots.flatMap((s) => (s.consultation ? [s.consultation.patient.id] : []))))];
  await recordAudit(prisma, {
    actor,
    action: 'clinic.worklist.view',
    entityType: 'Clinic',
    entityId: clinics.map((c) => c.id).join(',') || '-',
    ipAddress,
    details: { date, patientIds },
  });
  return result;
}

/**
 * The other doctors with a telephone clinic on the day, for "Cover a colleague's clinic" (ADR 0019): a doctor
 * covering an absent colleague opens that clinic to log calls and record outcomes on their behalf.
 */
export async function listColleaguesWithClinics(doctorId: string, date: string) {
  const prisma = await getPrisma();
  const clinics = await prisma.clinic.findMany({
    where: { date: dbDateOf(date), kind: 'TELEPHONE', clinicianId: { not: doctorId }, clinician: { role: 'DOCTOR' } },
    select: { clinician: { select: { id: true, name: true } } },
  });
  const byId = new Map(clinics.map((c) => [c.clinician.id, c.clinician]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id));
}
