// What a patient does with each diabetes medicine around the fast is a clinician's decision, recorded per
// medicine per procedure request and printed as written (DESIGN rule 10, clinical-facts.md): the system never
// computes it. Recording or replacing one is audited with the previous value.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { recordBookingEvent } from '~/events/booking-events.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { needsPlanAroundFast, type DiabetesMedicineClass } from './catalogue';
import { lockOpenProcedureRequest } from './lock-open-request.server';
import { syncMedicinePlanTasks } from './medicine-plan-tasks.server';

type Db = PrismaClient | Prisma.TransactionClient;

export type DiabetesMedicineTaken = { medicineId: string; genericName: string; displayName: string; diabetesClass: DiabetesMedicineClass };

/** The diabetes medicines a patient currently takes (catalogue medicines with a diabetes class, not stopped). */
export async function currentDiabetesMedicines(db: Db, patientId: string): Promise<DiabetesMedicineTaken[]> {
  const rows = await db.patientMedicine.findMany({
    where: { patientId, stoppedAt: null, medicine: { diabetesClass: { not: 'NONE' } } },
    orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
    select: { medicine: { select: { id: true, genericName: true, displayName: true, diabetesClass: true } } },
  });
  const seen = new Set<string>();
  const out: DiabetesMedicineTaken[] = [];
  for (const { medicine } of rows) {
    if (!medicine || seen.has(medicine.id)) continue;
    seen.add(medicine.id);
    out.push({ medicineId: medicine.id, genericName: medicine.genericName, displayName: medicine.displayName, diabetesClass: medicine.diabetesClass });
  }
  return out;
}

export type DiabetesPlanItem = DiabetesMedicineTaken & {
  /** The procedure has a fast and this class needs a clinician's instruction around it. */
  needsPlan: boolean;
  plan: { instruction: string; confirmedByName: string | null; confirmedAt: Date } | null;
};

/** The diabetes section of the plan page (read inside the page's audited view). */
export async function diabetesPlanItems(db: Db, requestId: string): Promise<{ fast: boolean; items: DiabetesPlanItem[] }> {
  const request = await db.procedureRequest.findUnique({
    where: { id: requestId },
    select: {
      patientId: true,
      sedation: true,
      diabetesPlans: { select: { medicineId: true, instruction: true, confirmedAt: true, confirmedBy: { select: { name: true } } } },
    },
  });
  if (!request) throw new DomainError('NOT_FOUND', 'That procedure request does not exist.');
  const medicines = await currentDiabetesMedicines(db, request.patientId);
  return {
    fast: request.sedation,
    items: medicines.map((m) => {
      const stored = request.diabetesPlans.find((p) => p.medicineId === m.medicineId);
      return {
        ...m,
        needsPlan: request.sedation && needsPlanAroundFast(m.diabetesClass),
        plan: stored ? { instruction: stored.instruction, confirmedByName: stored.confirmedBy.name, confirmedAt: stored.confirmedAt } : null,
      };
    }),
  };
}

export type DiabetesPlanDecision = { medicineId: string; instruction: string };

/**
 * A doctor records (or replaces) the instruction for one or more diabetes medicines around this request's fast,
 * together: all are saved or none. Field errors are keyed diabetes[i].instruction.
 */
export async function recordDiabetesMedicinePlans(
  requestId: string,
  decisions: readonly DiabetesPlanDecision[],
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ recorded: string[] }> {
  if (actor?.role !== 'DOCTOR') throw new DomainError('FORBIDDEN', 'Only a doctor can record a diabetes medicine plan.');
  if (decisions.length === 0) throw new DomainError('INVALID_INPUT', 'Enter the instruction for at least one diabetes medicine.');
  for (const [index, decision] of decisions.entries()) {
    const text = decision.instruction.trim();
    const field = `diabetes[${index}].instruction`;
    if (text.length < 10) {
      throw new DomainError('INVALID_INPUT', 'Enter what the patient should do with this medicine', {
        [field]: ['Enter what the patient should do with this medicine before and on the day'],
      });
    }
    if (text.length > 1000) {
      throw new DomainError('INVALID_INPUT', 'Instruction must be 1000 characters or fewer', { [field]: ['Instruction must be 1000 characters or fewer'] });
    }
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const request = await lockOpenProcedureRequest(tx, requestId, 'This procedure request is closed: its medicine plans can no longer change.');
    const medicines = await currentDiabetesMedicines(tx, request.patientId);
    const recorded: string[] = [];
    let changed = false;
    for (const decision of decisions) {
      const text = decision.instruction.trim();
      const medicineId = decision.medicineId;
      if (!medicines.some((m) => m.medicineId === medicineId)) {
        throw new DomainError('INVALID_INPUT', 'That medicine is not a diabetes medicine this patient currently takes.');
      }
      const key = { procedureRequestId_medicineId: { procedureRequestId: requestId, medicineId } };
      const previous = await tx.diabetesMedicinePlan.findUnique({
        where: key,
        select: { instruction: true, confirmedById: true, confirmedAt: true },
      });
      const plan = await tx.diabetesMedicinePlan.upsert({
        where: key,
        create: { procedureRequestId: requestId, medicineId, instruction: text, confirmedById: actor.id, confirmedAt: now },
        update: { instruction: text, confirmedById: actor.id, confirmedAt: now },
        select: { id: true },
      });
      if (previous?.instruction !== text) changed = true;
      await recordAudit(tx, {
        actor,
        action: previous ? 'diabetes-medicine-plan.replace' : 'diabetes-medicine-plan.record',
        entityType: 'DiabetesMedicinePlan',
        entityId: plan.id,
        patientId: request.patientId,
        ipAddress,
        // The instruction is the clinical value the leaflet prints (like a stop interval), kept with the one it replaced.
        details: {
          procedureRequestId: requestId,
          medicineId,
          instruction: text,
          previous: previous
            ? { instruction: previous.instruction, confirmedById: previous.confirmedById, confirmedAt: previous.confirmedAt.toISOString() }
            : null,
        },
      });
      recorded.push(plan.id);
    }
    await syncMedicinePlanTasks(tx, requestId, now);
    if (changed) await recordBookingEvent(tx, { type: 'MEDICINE_PLAN_CHANGED', procedureRequestId: requestId, changeKey: `diabetes:${now.getTime()}` }, now);
    return { recorded };
  });
}
