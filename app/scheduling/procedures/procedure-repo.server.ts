// Reads for the procedure pages: the waiting list, a request with the lists that would take it, and a
// case with what can be done to it (move, cancel, DNA) or, once cancelled, who could have its time.
// Every read that shows patient data is audited.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Guidance } from '~/generated/prisma/enums';
import { rttPosition, weeksWaited } from '../rtt';
import { localDateOf } from '../session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { rankBackfill } from './backfill';
import { localDayOf } from './book-procedure.server';
import { ACTIVE_STATUSES, CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { appointmentWithPatientSelect, auditAppointmentView, bookingHistorySelect, loadProcedureCase } from '~/appointments/appointment-repo.server';
import { canCancelCase, canMarkCaseDna, canMoveCase } from '~/appointments/appointment-rules';
import { busyDates, listsThatFit } from './list-rules';
import { gapMinutes, gapsOverlapping } from './list-timeline';
import { sortWaitingList } from './waiting-list';
import {
  assessReadiness,
  planCounts,
  readinessMedicinesSelect,
  readinessRequestSelect,
  readinessSourceOf,
} from './readiness';
import { stopsTooSoon, tooSoonLabel, type TimedPlan } from './stop-timing';

type AuditContext = { actor: NonNullable<Actor>; ipAddress: string | null };

const patientSummary = { select: { id: true, firstName: true, lastName: true, nhsNumber: true } } as const;

/** A procedure list as the case page and the week of lists show it. */
export const listSummarySelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  sessionPart: true,
  modality: true,
  status: true,
  capacityMinutes: true,
  bookedMinutes: true,
  site: { select: { name: true } },
  operator: { select: { name: true } },
} as const;

/** How many fitting lists the booking and move forms offer. */
const LISTS_OFFERED = 20;
/** How far ahead (in lists) to look for ones that fit. */
const LISTS_SEARCHED = 300;

const requestSelect = {
  id: true,
  priority: true,
  listedOn: true,
  side: true,
  levels: true,
  guidance: true,
  sedation: true,
  minutes: true,
  flag: true,
  status: true,
  escortArranged: true,
  possiblePregnancy: true,
  recentInfection: true,
  procedureType: { select: { name: true } },
  referral: { select: { clockStartOn: true } },
  patient: patientSummary,
} as const;

/** A request with everything the readiness rule reads (readiness.ts), in the same query. */
const requestWithReadinessSelect = {
  ...requestSelect,
  ...readinessRequestSelect,
  procedureType: { select: { name: true, code: true } },
  patient: { select: { ...patientSummary.select, medicines: readinessMedicinesSelect } },
} as const;

/** A `@db.Date` as the local date it stands for. */
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** What the waiting list flags besides the request's own facts: blood thinners (and whether a doctor
 * confirmed a plan for each), diabetes on medication and an interpreter. */
const waitingListSelect = {
  ...requestWithReadinessSelect,
  patient: {
    select: {
      ...requestWithReadinessSelect.patient.select,
      diabetes: true,
      interpreterLanguage: true,
      communicationNeeds: true,
    },
  },
} as const;

export async function getWaitingList({ actor, ipAddress }: AuditContext, now: Date) {
  const prisma = await getPrisma();
  const found = await prisma.procedureRequest.findMany({ where: { status: 'WAITING' }, select: waitingListSelect });
  const requests = found.map((r) => ({
    ...r,
    readiness: assessReadiness(readinessSourceOf(r, r.patient.medicines)),
    bloodThinners: r.patient.medicines.flatMap((m) =>
      m.medicine && m.medicine.bloodThinnerClass !== 'NONE'
        ? [{ name: m.medicine.displayName, planConfirmed: r.plans.some((p) => p.medicineId === m.medicine!.id && planCounts(p)) }]
        : [],
    ),
  }));
  const entries = sortWaitingList(
    requests.map((r) => ({ ...r, listedOn: isoDate(r.listedOn), clockStartOn: r.referral ? isoDate(r.referral.clockStartOn) : null })),
    UNIT_TIME_ZONE,
  ).map((r) => ({
    ...r,
    weeksWaited: weeksWaited(r.listedOn, now, UNIT_TIME_ZONE),
    rtt: r.clockStartOn ? rttPosition(r.clockStartOn, now, UNIT_TIME_ZONE) : null,
  }));
  await recordAudit(prisma, {
    actor,
    action: 'procedure-waiting-list.view',
    entityType: 'ProcedureRequest',
    entityId: '-',
    ipAddress,
    details: { requests: entries.length },
  });
  return entries;
}

/** Future active lists of the modality at sites with a suite, with the times their cases hold. */
async function candidateLists(guidance: Guidance, now: Date, excludeListId?: string) {
  const prisma = await getPrisma();
  return prisma.procedureList.findMany({
    where: {
      startsAt: { gt: now },
      status: 'ACTIVE',
      modality: guidance,
      site: { hasInterventionalSuite: true },
      ...(excludeListId ? { id: { not: excludeListId } } : {}),
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: LISTS_SEARCHED,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      sessionPart: true,
      modality: true,
      capacityMinutes: true,
      bookedMinutes: true,
      site: { select: { name: true, hasInterventionalSuite: true } },
      operator: { select: { name: true } },
      appointments: {
        where: { status: { notIn: [...CANCELLED_STATUSES] } },
        select: { startsAt: true, endsAt: true },
      },
    },
  });
}

async function patientBusyDates(patientId: string, now: Date, exceptAppointmentId?: string) {
  const prisma = await getPrisma();
  const appointments = await prisma.appointment.findMany({
    where: {
      patientId,
      status: { in: [...ACTIVE_STATUSES] },
      endsAt: { gt: now },
      ...(exceptAppointmentId ? { id: { not: exceptAppointmentId } } : {}),
    },
    select: { startsAt: true },
  });
  return busyDates(appointments, UNIT_TIME_ZONE);
}

/** The lists that would take a case of this guidance and length for this patient now, soonest first. */
async function fittingLists(
  request: { guidance: Guidance; minutes: number; patientId: string; plans: readonly TimedPlan[] },
  now: Date,
  except?: { listId: string; appointmentId: string },
) {
  const [lists, busy] = await Promise.all([
    candidateLists(request.guidance, now, except?.listId),
    patientBusyDates(request.patientId, now, except?.appointmentId),
  ]);
  return listsThatFit(
    lists.map((list) => ({ ...list, cases: list.appointments })),
    request,
    busy,
    now,
    UNIT_TIME_ZONE,
  )
    .slice(0, LISTS_OFFERED)
    .map(({ list, planned }) => ({
      id: list.id,
      startsAt: list.startsAt,
      endsAt: list.endsAt,
      sessionPart: list.sessionPart,
      modality: list.modality,
      siteName: list.site.name,
      operatorName: list.operator.name,
      minutesLeft: list.capacityMinutes - list.bookedMinutes,
      plannedStartsAt: planned.startsAt,
      plannedArrivalAt: planned.arrivalAt,
      ...tooSoonFields(now, planned.startsAt, request.plans),
    }));
}

/** Whether a case starting then leaves the patient time to stop their medicines as planned (rule 11). */
function tooSoonFields(now: Date, startsAt: Date, plans: readonly TimedPlan[]) {
  const problems = stopsTooSoon(now, startsAt, plans);
  return { tooSoonToStop: problems.length > 0 ? tooSoonLabel(problems) : null, tooSoonProblems: problems };
}

export async function getRequestForBooking(requestId: string, { actor, ipAddress }: AuditContext, now: Date) {
  const prisma = await getPrisma();
  const request = await prisma.procedureRequest.findUnique({ where: { id: requestId }, select: requestWithReadinessSelect });
  if (!request) throw new DomainError('NOT_FOUND', 'There is no such procedure request.');
  const lists =
    request.status === 'WAITING'
      ? await fittingLists({ guidance: request.guidance, minutes: request.minutes, patientId: request.patient.id, plans: request.plans }, now)
      : [];
  const readiness = assessReadiness(readinessSourceOf(request, request.patient.medicines));
  await recordAudit(prisma, {
    actor,
    action: 'procedure-request.view',
    entityType: 'ProcedureRequest',
    entityId: request.id,
    patientId: request.patient.id,
    ipAddress,
  });
  return { request, lists, readiness };
}

export async function getProcedureCase(appointmentId: string, { actor, ipAddress }: AuditContext, now: Date) {
  const prisma = await getPrisma();
  const appointment = await loadProcedureCase(prisma, appointmentId, {
    ...appointmentWithPatientSelect,
    ...bookingHistorySelect,
    arrivalAt: true,
    listPosition: true,
    minutes: true,
    timingOverrideReason: true,
    timingOverrideBy: { select: { name: true } },
    procedureRequest: { select: requestWithReadinessSelect },
    procedureList: { select: listSummarySelect },
  });
  const readiness = assessReadiness(
    readinessSourceOf(appointment.procedureRequest, appointment.procedureRequest.patient.medicines, appointment.timingOverrideReason, {
      startsAt: appointment.startsAt,
      bookedAt: appointment.bookedAt,
    }),
  );
  const canMove = canMoveCase(appointment, now).allowed;
  const moveOptions = canMove
    ? await fittingLists(
        {
          guidance: appointment.procedureRequest.guidance,
          minutes: appointment.minutes,
          patientId: appointment.patient.id,
          plans: appointment.procedureRequest.plans,
        },
        now,
        { listId: appointment.procedureList.id, appointmentId: appointment.id },
      )
    : [];
  const backfill = (CANCELLED_STATUSES as readonly string[]).includes(appointment.status)
    ? await backfillFor(appointment, now)
    : null;
  await auditAppointmentView(prisma, appointment, actor, ipAddress);
  return {
    appointment,
    readiness,
    canCancel: canCancelCase(appointment, now).allowed,
    canMove,
    canMarkDna: canMarkCaseDna(appointment, now).allowed,
    moveOptions,
    backfill,
  };
}

/** The list a procedure case is (or was) on: the list whose freed gap a backfill booking goes into. */
export async function getCaseListId(appointmentId: string): Promise<string> {
  const prisma = await getPrisma();
  return (await loadProcedureCase(prisma, appointmentId, { procedureListId: true })).procedureListId;
}

/**
 * For a cancelled case on a future, active list: the largest free gap that overlaps its old time and the
 * waiting requests that best fit it. Null when there is nothing to offer (list past or cancelled).
 */
async function backfillFor(
  cancelled: {
    startsAt: Date;
    endsAt: Date;
    procedureRequest: { id: string };
    procedureList: { id: string; startsAt: Date; endsAt: Date; status: string; modality: Guidance; capacityMinutes: number; bookedMinutes: number };
  },
  now: Date,
) {
  const list = cancelled.procedureList;
  if (list.status !== 'ACTIVE' || list.startsAt <= now) return null;
  const prisma = await getPrisma();
  const held = await prisma.appointment.findMany({
    where: { procedureListId: list.id, status: { notIn: [...CANCELLED_STATUSES] } },
    select: { startsAt: true, endsAt: true },
  });
  const [gap] = gapsOverlapping(list, held, cancelled);
  if (!gap) return { gap: null, suggestions: [] };
  const minutesLeft = list.capacityMinutes - list.bookedMinutes;
  const fitMinutes = Math.min(gapMinutes(gap), minutesLeft);
  const day = localDayOf(list.startsAt);
  const candidates = await prisma.procedureRequest.findMany({
    where: { status: 'WAITING', guidance: list.modality, minutes: { lte: fitMinutes }, id: { not: cancelled.procedureRequest.id } },
    select: {
      ...requestWithReadinessSelect,
      patient: {
        select: {
          ...requestWithReadinessSelect.patient.select,
          appointments: {
            where: { status: { in: [...ACTIVE_STATUSES] }, startsAt: { lt: day.endsAt }, endsAt: { gt: day.startsAt } },
            select: { startsAt: true },
          },
        },
      },
    },
  });
  const suggestions = rankBackfill(
    candidates.map((c) => {
      const readiness = assessReadiness(readinessSourceOf(c, c.patient.medicines));
      return {
        ...c,
        listedOn: isoDate(c.listedOn),
        patientBusyDates: busyDates(c.patient.appointments, UNIT_TIME_ZONE),
        readiness,
        ready: readiness.ready,
      };
    }),
    { gap, listDate: localDateOf(list.startsAt, UNIT_TIME_ZONE), modality: list.modality, minutesLeft },
  ).map(({ patientBusyDates: _busy, patient: { appointments: _appointments, medicines: _medicines, ...patient }, ...request }) => ({
    ...request,
    patient,
    // The case would start at the gap's start (the backfill form books into the gap there).
    ...tooSoonFields(now, gap.startsAt, request.plans),
  }));
  return { gap: { ...gap, minutes: gapMinutes(gap), minutesLeft }, suggestions };
}
