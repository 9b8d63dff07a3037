// Reading consultations for the clerk's pages: the waiting-for-first-contact list, the needs-rebooking list,
// who a booking page is for, and one consultation. Views of a patient's details are audited.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import {
  appointmentFactsSelect,
  auditAppointmentView,
  bookingHistorySelect,
  loadConsultation,
  NO_SUCH_CONSULTATION_TO_REBOOK,
  NO_SUCH_TELEPHONE_CONSULTATION,
  patientSummarySelect,
} from '~/appointments/appointment-repo.server';

/** More than a clerk can work through in a day; the page says when the list is longer. */
export const WAITING_LIST_LIMIT = 300;

const referralSelect = {
  id: true,
  source: true,
  priority: true,
  receivedOn: true,
  clockStartOn: true,
  reason: true,
  status: true,
} as const;

/**
 * Referrals waiting for their first telephone consultation: not yet seen, with no active consultation and no
 * cancelled one waiting to be rebooked (those are listed under "needs rebooking"). Longest wait against the
 * 18-week standard first (the breach date follows the clock start), then by priority.
 */
export async function listAwaitingFirstContact(actor: Actor) {
  const prisma = await getPrisma();
  const where = {
    status: 'AWAITING_FIRST_CONTACT' as const,
    appointments: {
      none: {
        OR: [
          { kind: 'CONSULTATION' as const, status: { in: [...ACTIVE_STATUSES] } },
          { tasks: { some: { kind: 'REBOOK_CONSULTATION' as const, status: 'OPEN' as const } } },
          // A DNA'd first consultation is listed under "did not answer" for rebooking or discharge.
          { kind: 'CONSULTATION' as const, status: 'DNA' as const, tasks: { some: { kind: 'DNA_REVIEW' as const, status: 'OPEN' as const } } },
        ],
      },
    },
  };
  const [total, referrals] = await Promise.all([
    prisma.referral.count({ where }),
    prisma.referral.findMany({
      where,
      orderBy: [{ clockStartOn: 'asc' }, { priority: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: WAITING_LIST_LIMIT,
      select: { ...referralSelect, patient: { select: patientSummarySelect } },
    }),
  ]);
  await recordAudit(prisma, {
    actor,
    action: 'consultation.waiting-list.view',
    entityType: 'Referral',
    entityId: '-',
    details: { shown: referrals.length, total },
  });
  return { total, referrals };
}

/** Consultations the hospital cancelled that still have an open rebooking task, earliest original time first. */
export async function listNeedsRebooking() {
  const prisma = await getPrisma();
  const tasks = await prisma.task.findMany({
    where: { kind: 'REBOOK_CONSULTATION', status: 'OPEN', appointmentId: { not: null } },
    orderBy: [{ appointment: { startsAt: 'asc' } }, { id: 'asc' }],
    take: WAITING_LIST_LIMIT,
    select: {
      id: true,
      createdAt: true,
      appointment: {
        select: {
          id: true,
          startsAt: true,
          status: true,
          cancellationReason: true,
          patient: { select: patientSummarySelect },
          referral: { select: { id: true, priority: true, clockStartOn: true } },
          slot: { select: { clinic: { select: { site: { select: { name: true } }, clinician: { select: { name: true } } } } } },
        },
      },
    },
  });
  return tasks.flatMap((task) => (task.appointment ? [{ taskId: task.id, ...task.appointment }] : []));
}

export type BookingFor = { referralId: string } | { rebookFromId: string };

/** Who a booking page is for, with their referral; audited as a view of the patient's record. */
export async function getBookingSubject(subject: BookingFor, actor: Actor, ipAddress: string | null) {
  const prisma = await getPrisma();
  let referralId: string | null;
  let rebookFrom: { id: string; startsAt: Date; status: string; cancellationReason: string | null; patientId: string; rebooked: boolean } | null =
    null;
  if ('rebookFromId' in subject) {
    const old = await loadConsultation(
      prisma,
      subject.rebookFromId,
      { id: true, startsAt: true, status: true, cancellationReason: true, patientId: true, referralId: true, rebookedTo: { select: { id: true } } },
      NO_SUCH_CONSULTATION_TO_REBOOK,
    );
    rebookFrom = { id: old.id, startsAt: old.startsAt, status: old.status, cancellationReason: old.cancellationReason, patientId: old.patientId, rebooked: !!old.rebookedTo };
    referralId = old.referralId;
  } else {
    referralId = subject.referralId;
  }
  const referral = referralId
    ? await prisma.referral.findUnique({ where: { id: referralId }, select: { ...referralSelect, patient: { select: patientSummarySelect } } })
    : null;
  if (!referral && !rebookFrom) throw new DomainError('NOT_FOUND', 'There is no such referral.');
  const patient =
    referral?.patient ?? (await prisma.patient.findUniqueOrThrow({ where: { id: rebookFrom!.patientId }, select: patientSummarySelect }));
  const active = referral
    ? await prisma.appointment.findFirst({
        where: { referralId: referral.id, kind: 'CONSULTATION', status: { in: [...ACTIVE_STATUSES] } },
        select: { id: true, startsAt: true },
      })
    : null;
  await recordAudit(prisma, {
    actor,
    action: 'referral.view',
    entityType: referral ? 'Referral' : 'Appointment',
    entityId: referral?.id ?? rebookFrom!.id,
    patientId: patient.id,
    ipAddress,
    details: { for: rebookFrom ? 'rebooking' : 'booking' },
  });
  return { patient, referral, rebookFrom, activeConsultation: active };
}

/** One consultation with everything its page shows; audited as a view of the patient's record. */
export async function getConsultation(appointmentId: string, actor: Actor, ipAddress: string | null) {
  const prisma = await getPrisma();
  const appointment = await loadConsultation(
    prisma,
    appointmentId,
    {
      ...appointmentFactsSelect,
      ...bookingHistorySelect,
      minutes: true,
      patient: { select: { ...patientSummarySelect, mobilePhone: true, communicationNeeds: true, interpreterLanguage: true } },
      referral: { select: referralSelect },
      slot: {
        select: {
          id: true,
          clinic: { select: { id: true, kind: true, status: true, date: true, site: { select: { id: true, name: true } }, clinician: { select: { id: true, name: true } } } },
        },
      },
      rebookedFrom: { select: { id: true, startsAt: true } },
      rebookedTo: { select: { id: true, startsAt: true } },
    },
    NO_SUCH_TELEPHONE_CONSULTATION,
  );
  await auditAppointmentView(prisma, appointment, actor, ipAddress);
  return appointment;
}
