// Which medicines on a booked procedure still need a clinician's plan, and the one task per request that asks
// staff to phone the patient to agree them (TaskKind AGREE_MEDICINE_PLAN). A blood thinner needs a plan that
// counts (confirmed, and second-confirmed if it departs from the table) and that gives the patient an
// instruction (continue, or stop with hours); a diabetes medicine needs a recorded plan when the procedure has
// a fast (PREAMBLE definitions; DESIGN rule 10). The task opens when a booked case lacks any of these and
// closes (DONE) when they are all recorded, or the case is no longer booked.
import { DateTime } from 'luxon';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { planCounts } from './blood-thinner-plan';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { needsPlanAroundFast, type DiabetesMedicineClass } from './catalogue';
import { planCallDay } from './plan-call';

type Db = PrismaClient | Prisma.TransactionClient;


export function medicinePlanTaskKey(procedureRequestId: string): string {
  return `agree-medicine-plan:${procedureRequestId}`;
}

export type MissingMedicinePlans = {
  /** Medicine ids, in the order the patient's medicines were recorded. */
  bloodThinners: string[];
  diabetes: string[];
};

/** The patient's current medicines that still need a plan for this request. */
export async function missingMedicinePlans(db: Db, procedureRequestId: string): Promise<MissingMedicinePlans | null> {
  const request = await db.procedureRequest.findUnique({
    where: { id: procedureRequestId },
    select: {
      patientId: true,
      sedation: true,
      plans: {
        select: { medicineId: true, action: true, stopBeforeHours: true, confirmedAt: true, deviatesFromRule: true, secondConfirmedAt: true },
      },
      diabetesPlans: { select: { medicineId: true } },
    },
  });
  if (!request) return null;
  const taken = await db.patientMedicine.findMany({
    where: { patientId: request.patientId, stoppedAt: null, medicineId: { not: null } },
    orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
    select: { medicine: { select: { id: true, bloodThinnerClass: true, diabetesClass: true } } },
  });
  const seen = new Set<string>();
  const missing: MissingMedicinePlans = { bloodThinners: [], diabetes: [] };
  for (const { medicine } of taken) {
    if (!medicine || seen.has(medicine.id)) continue;
    seen.add(medicine.id);
    if (medicine.bloodThinnerClass !== 'NONE') {
      const plan = request.plans.find((p) => p.medicineId === medicine.id);
      const instructs = plan && (plan.action === 'CONTINUE' || (plan.action === 'STOP' && plan.stopBeforeHours !== null));
      if (!plan || !planCounts(plan) || !instructs) missing.bloodThinners.push(medicine.id);
    }
    if (request.sedation && needsPlanAroundFast(medicine.diabetesClass as DiabetesMedicineClass)) {
      if (!request.diabetesPlans.some((p) => p.medicineId === medicine.id)) missing.diabetes.push(medicine.id);
    }
  }
  return missing;
}

/**
 * Opens, updates or closes the request's AGREE_MEDICINE_PLAN task. Call inside the transaction that changed
 * the booking or a plan. The task is due a week before the procedure (or today, if that has passed).
 */
export async function syncMedicinePlanTasks(tx: Db, procedureRequestId: string, now: Date): Promise<'OPEN' | 'DONE' | 'NONE'> {
  const key = medicinePlanTaskKey(procedureRequestId);
  const [existing, request, missing] = await Promise.all([
    tx.task.findUnique({ where: { dedupeKey: key }, select: { id: true, status: true } }),
    tx.procedureRequest.findUnique({
      where: { id: procedureRequestId },
      select: {
        patientId: true,
        status: true,
        appointments: {
          where: { kind: 'PROCEDURE', status: { in: [...ACTIVE_STATUSES] } },
          orderBy: { startsAt: 'asc' },
          take: 1,
          select: { id: true, startsAt: true },
        },
      },
    }),
    missingMedicinePlans(tx, procedureRequestId),
  ]);
  const appointment = request?.status === 'BOOKED' ? request.appointments[0] : undefined;
  const count = missing ? missing.bloodThinners.length + missing.diabetes.length : 0;
  if (!request || !appointment || count === 0) {
    if (existing?.status === 'OPEN') {
      await tx.task.update({ where: { id: existing.id }, data: { status: 'DONE', doneAt: now }, select: { id: true } });
      return 'DONE';
    }
    return existing ? 'DONE' : 'NONE';
  }
  // The day the leaflet promises the call (planCallDay), or today when that has passed.
  const today = DateTime.fromJSDate(now, { zone: UNIT_TIME_ZONE }).startOf('day');
  const target = planCallDay(DateTime.fromJSDate(appointment.startsAt));
  const due = (target < today ? today : target).toISODate()!;
  // Counts only: the title is shown in lists, and the medicines are on the plan page.
  const title = `Phone the patient to agree ${count === 1 ? 'a medicine plan' : `${count} medicine plans`} before their procedure`;
  const data = {
    kind: 'AGREE_MEDICINE_PLAN' as const,
    status: 'OPEN' as const,
    title,
    patientId: request.patientId,
    appointmentId: appointment.id,
    dueOn: new Date(`${due}T00:00:00.000Z`),
    doneAt: null,
    doneById: null,
  };
  if (existing) await tx.task.update({ where: { id: existing.id }, data, select: { id: true } });
  else await tx.task.create({ data: { ...data, dedupeKey: key }, select: { id: true } });
  return 'OPEN';
}

/** After the patient's medicines change: re-sync the task of each of their booked procedure requests. */
export async function syncMedicinePlanTasksForPatient(tx: Db, patientId: string, now: Date): Promise<void> {
  const requests = await tx.procedureRequest.findMany({ where: { patientId, status: 'BOOKED' }, select: { id: true } });
  for (const { id } of requests) await syncMedicinePlanTasks(tx, id, now);
}
