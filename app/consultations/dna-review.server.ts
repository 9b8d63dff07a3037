// The clerks' follow-up of telephone consultations the patient did not answer (DNA): the list to work
// through, and discharge to GP under the unit's DNA policy (offered once the referral has had the configured
// number of DNAs, default 2). Rebooking uses the ordinary booking page for the referral; a DNA drops off this
// list once a later consultation is booked for the referral or the referral is discharged.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { localDateOf } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { getDnaPolicy } from '~/settings/unit-settings.server';
import { dbDateOf } from '~/utils/db-date';
import { dischargeOffered } from './dna-policy';

const LIMIT = 300;

export async function listDnaForReview() {
  const prisma = await getPrisma();
  const policy = await getDnaPolicy(prisma);
  const tasks = await prisma.task.findMany({
    where: { kind: 'DNA_REVIEW', status: 'OPEN', appointmentId: { not: null } },
    orderBy: [{ appointment: { startsAt: 'asc' } }, { id: 'asc' }],
    take: LIMIT,
    select: {
      id: true,
      appointment: {
        select: {
          id: true,
          startsAt: true,
          patient: { select: { id: true, nhsNumber: true, firstName: true, lastName: true } },
          slot: { select: { clinic: { select: { site: { select: { name: true } }, clinician: { select: { name: true } } } } } },
          referral: {
            select: {
              id: true,
              status: true,
              priority: true,
              clockStartOn: true,
              appointments: { where: { kind: 'CONSULTATION' }, select: { id: true, status: true, startsAt: true } },
            },
          },
        },
      },
    },
  });
  const rows = tasks.flatMap((task) => {
    const a = task.appointment;
    if (!a) return [];
    const referral = a.referral;
    if (referral?.status === 'DISCHARGED') return [];
    const consultations = referral?.appointments ?? [];
    const rebooked = consultations.some((c) => c.startsAt > a.startsAt && !(CANCELLED_STATUSES as readonly string[]).includes(c.status));
    if (rebooked) return [];
    const dnas = consultations.filter((c) => c.status === 'DNA').length;
    return [
      {
        taskId: task.id,
        appointmentId: a.id,
        startsAt: a.startsAt,
        patient: a.patient,
        where: a.slot ? `${a.slot.clinic.site.name}, ${a.slot.clinic.clinician.name}` : '',
        referral: referral ? { id: referral.id, priority: referral.priority, clockStartOn: referral.clockStartOn } : null,
        dnas,
        dischargeOffered: referral !== null && dischargeOffered(dnas, policy.dnasBeforeDischargeOffered),
      },
    ];
  });
  return { policy, rows };
}

/** A clerk discharges a referral to the GP after repeated DNAs: refused until the policy's count is reached. */
export async function dischargeAfterDna(referralId: string, actor: Actor, ipAddress: string | null, now: Date): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const referral = await tx.referral.findUnique({
      where: { id: referralId },
      select: { id: true, patientId: true, status: true, appointments: { where: { kind: 'CONSULTATION', status: 'DNA' }, select: { id: true } } },
    });
    if (!referral) throw new DomainError('NOT_FOUND', 'There is no such referral.');
    const policy = await getDnaPolicy(tx);
    const dnas = referral.appointments.length;
    if (!dischargeOffered(dnas, policy.dnasBeforeDischargeOffered)) {
      throw new DomainError(
        'INVALID_INPUT',
        `The unit discharges to the GP after ${policy.dnasBeforeDischargeOffered} missed consultations; this referral has ${dnas}. Rebook the patient instead.`,
      );
    }
    const today = localDateOf(now, UNIT_TIME_ZONE);
    const discharged = await tx.referral.updateMany({
      where: { id: referral.id, status: { not: 'DISCHARGED' } },
      data: {
        status: 'DISCHARGED',
        clockStoppedOn: dbDateOf(today),
        dischargedAt: now,
        dischargeNote: `Discharged to GP after ${dnas} missed telephone consultations`,
      },
    });
    if (discharged.count !== 1) throw new DomainError('STALE_FORM', 'This referral has already been discharged. Reload the page.');
    await tx.task.updateMany({
      where: { kind: 'DNA_REVIEW', status: 'OPEN', appointmentId: { in: referral.appointments.map((a) => a.id) } },
      data: { status: 'DONE', doneAt: now, doneById: actor?.id ?? null },
    });
    await recordAudit(tx, {
      actor,
      action: 'referral.discharge',
      entityType: 'Referral',
      entityId: referral.id,
      patientId: referral.patientId,
      ipAddress,
      details: { reason: 'DNA', dnas },
    });
  });
}
