// Reads for the day lists. Looking at a list shows patient data, so every view, print and export is in
// the audit trail, once for each patient on the list.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { patientSummarySelect } from '~/appointments/appointment-repo.server';
import { planInstructionSelect } from '~/medicines/blood-thinner-plan-status.server';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { listSummarySelect } from '../procedures/procedure-repo.server';
import { parseLocalDate } from '../session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { buildDayList, type DayListSource } from './day-list';
import { readinessRequestSelect } from '../procedures/readiness';
import type { Week } from './week';

type AuditContext = { actor: NonNullable<Actor>; ipAddress: string | null };

/** What the clerk did with the list, as the audit action. */
export type DayListUse = 'view' | 'print' | 'export';

export async function getDayList(listId: string, use: DayListUse, { actor, ipAddress }: AuditContext) {
  const prisma = await getPrisma();
  const list = await prisma.procedureList.findUnique({
    where: { id: listId },
    select: {
      // The list summary, plus what the printed header adds: the unit's name and a cancellation reason.
      ...listSummarySelect,
      cancellationReason: true,
      site: { select: { name: true, unitName: true } },
      appointments: {
        orderBy: { startsAt: 'asc' },
        select: {
          id: true,
          status: true,
          listPosition: true,
          startsAt: true,
          arrivalAt: true,
          minutes: true,
          bookedAt: true,
          timingOverrideReason: true,
          patientId: true,
          patient: {
            select: {
              ...patientSummarySelect,
              diabetes: true,
              communicationNeeds: true,
              interpreterLanguage: true,
              allergies: { orderBy: { recordedAt: 'asc' }, select: { kind: true, detail: true } },
              medicines: {
                where: { stoppedAt: null },
                orderBy: { recordedAt: 'asc' },
                select: {
                  freeTextName: true,
                  medicine: { select: { id: true, displayName: true, bloodThinnerClass: true, diabetesClass: true } },
                },
              },
            },
          },
          procedureRequest: {
            select: {
              side: true,
              levels: true,
              sedation: true,
              escortArranged: true,
              possiblePregnancy: true,
              recentInfection: true,
              implantedDevice: true,
              diabetesPlans: readinessRequestSelect.diabetesPlans,
              procedureType: { select: { name: true, code: true } },
              plans: {
                orderBy: { id: 'asc' },
                select: {
                  ...readinessRequestSelect.plans.select,
                  ...planInstructionSelect,
                  medicine: { select: { displayName: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!list) throw new DomainError('NOT_FOUND', 'There is no such procedure list.');
  const { appointments, ...header } = list;
  const source: DayListSource = {
    list: header,
    cases: appointments.map(({ procedureRequest, patientId: _patientId, ...c }) => ({ ...c, request: procedureRequest! })),
  };
  // One event per patient shown, so each patient's trail records who saw them on a list.
  const patientIds = [...new Set(appointments.map((a) => a.patientId))];
  const entry = { actor, action: `procedure-list.${use}`, entityType: 'ProcedureList', entityId: list.id, ipAddress };
  await prisma.$transaction(async (tx) => {
    if (patientIds.length === 0) await recordAudit(tx, entry);
    for (const patientId of patientIds) await recordAudit(tx, { ...entry, patientId });
  });
  return { list: header, dayList: buildDayList(source) };
}

/** Every list (active or cancelled) in a week, in time order. */
export async function getListsInWeek(week: Week) {
  const prisma = await getPrisma();
  return prisma.procedureList.findMany({
    where: {
      startsAt: {
        gte: parseLocalDate(week.monday, UNIT_TIME_ZONE).toJSDate(),
        lt: parseLocalDate(week.next, UNIT_TIME_ZONE).toJSDate(),
      },
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      ...listSummarySelect,
      _count: { select: { appointments: { where: { status: { notIn: [...CANCELLED_STATUSES] } } } } },
    },
  });
}
