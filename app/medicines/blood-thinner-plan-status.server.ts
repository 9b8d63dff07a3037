// What a procedure request's blood-thinner plans look like: per blood thinner the patient takes, the table's
// proposal and the doctor's confirmed plan, if any. A proposal is never a plan (DESIGN rule 4): only a row with
// confirmedAt counts.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { BleedingRisk, BloodThinnerAction } from '~/generated/prisma/enums';
import { procedureBleedingRisk } from './bleeding-risk';
import { planCounts, planVariants, proposeBloodThinnerPlan, type PlanInstruction, type PlanRule, type ProposedPlan } from './blood-thinner-plan';
import { listBloodThinnerRules } from './blood-thinner-rule-repo.server';
import type { BloodThinnerClass } from './catalogue';
import { diabetesPlanItems } from './diabetes-medicine-plans.server';

type Db = PrismaClient | Prisma.TransactionClient;

/** A plan's instruction (blood-thinner-plan.ts PlanInstruction), as the plan page, leaflets and day list read it. */
export const planInstructionSelect = {
  action: true,
  stopBeforeHours: true,
  restartAfterHours: true,
  inrCheck: true,
} as const satisfies Record<keyof PlanInstruction, true>;

export type BloodThinnerTaken = {
  medicineId: string;
  genericName: string;
  displayName: string;
  bloodThinnerClass: BloodThinnerClass;
  dose: string | null;
};

/** The blood thinners a patient currently takes (catalogue medicines with a blood-thinner class, not stopped). */
export async function currentBloodThinners(db: Db, patientId: string): Promise<BloodThinnerTaken[]> {
  const rows = await db.patientMedicine.findMany({
    where: { patientId, stoppedAt: null, medicine: { bloodThinnerClass: { not: 'NONE' } } },
    orderBy: { recordedAt: 'asc' },
    select: { dose: true, medicine: { select: { id: true, genericName: true, displayName: true, bloodThinnerClass: true } } },
  });
  const seen = new Set<string>();
  const out: BloodThinnerTaken[] = [];
  for (const r of rows) {
    if (!r.medicine || seen.has(r.medicine.id)) continue;
    seen.add(r.medicine.id);
    out.push({
      medicineId: r.medicine.id,
      genericName: r.medicine.genericName,
      displayName: r.medicine.displayName,
      bloodThinnerClass: r.medicine.bloodThinnerClass,
      dose: r.dose,
    });
  }
  return out;
}

export type PlanStatusItem = {
  medicineId: string;
  displayName: string;
  bloodThinnerClass: BloodThinnerClass;
  confirmed: boolean;
  confirmedAt: Date | null;
};

export type BloodThinnerPlanStatus = {
  requestId: string;
  /** The patient takes at least one blood thinner, so a plan is needed before the leaflet can say anything. */
  needed: boolean;
  /** Every blood thinner has a doctor-confirmed plan (true when none is taken). */
  allConfirmed: boolean;
  items: PlanStatusItem[];
};

/** Per blood thinner the patient takes, whether a doctor has confirmed a plan for this request. */
export async function bloodThinnerPlanStatus(requestId: string, db?: Db): Promise<BloodThinnerPlanStatus> {
  const prisma = db ?? (await getPrisma());
  const request = await prisma.procedureRequest.findUnique({
    where: { id: requestId },
    select: { patientId: true, plans: { select: { medicineId: true, confirmedAt: true, deviatesFromRule: true, secondConfirmedAt: true } } },
  });
  if (!request) throw new DomainError('NOT_FOUND', 'That procedure request does not exist.');
  const thinners = await currentBloodThinners(prisma, request.patientId);
  const items = thinners.map((t) => {
    const plan = request.plans.find((p) => p.medicineId === t.medicineId);
    const confirmedAt = plan?.confirmedAt ?? null;
    return {
      medicineId: t.medicineId,
      displayName: t.displayName,
      bloodThinnerClass: t.bloodThinnerClass,
      // A deviation awaiting its second doctor is not yet a plan the leaflet may carry.
      confirmed: plan ? planCounts(plan) : false,
      confirmedAt,
    };
  });
  return { requestId, needed: items.length > 0, allConfirmed: items.every((i) => i.confirmed), items };
}

export type ConfirmedPlan = {
  action: BloodThinnerAction;
  stopBeforeHours: number | null;
  restartAfterHours: number | null;
  inrCheck: boolean;
  note: string | null;
  proposed: ProposedPlan | null;
  confirmedByName: string | null;
  confirmedById: string | null;
  confirmedAt: Date | null;
  deviatesFromRule: boolean;
  deviationReason: string | null;
  secondConfirmedByName: string | null;
  secondConfirmedAt: Date | null;
  /** Confirmed and, where it departs from the table, second-confirmed: the leaflet carries it. */
  counts: boolean;
};

export type PlanPageItem = BloodThinnerTaken & {
  variants: string[];
  variant: string;
  proposal: ProposedPlan;
  plan: ConfirmedPlan | null;
};

/**
 * The plan page: the request, and per blood thinner the proposal (for the chosen variant, else the one the doctor
 * confirmed with) and the confirmed plan. Viewing is audited.
 */
export async function getBloodThinnerPlanPage(
  requestId: string,
  chosenVariants: Record<string, string>,
  actor: Actor,
  ipAddress: string | null,
) {
  const prisma = await getPrisma();
  const request = await prisma.procedureRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      patientId: true,
      status: true,
      side: true,
      levels: true,
      patient: { select: { id: true, firstName: true, lastName: true, nhsNumber: true } },
      procedureType: { select: { code: true, name: true, bleedingRisk: true, cervicalBleedingRisk: true } },
      plans: {
        select: {
          medicineId: true,
          ...planInstructionSelect,
          note: true,
          proposed: true,
          confirmedAt: true,
          confirmedById: true,
          confirmedBy: { select: { name: true } },
          deviatesFromRule: true,
          deviationReason: true,
          secondConfirmedAt: true,
          secondConfirmedBy: { select: { name: true } },
        },
      },
    },
  });
  if (!request) throw new DomainError('NOT_FOUND', 'That procedure request does not exist.');
  const [thinners, rules, diabetes] = await Promise.all([
    currentBloodThinners(prisma, request.patientId),
    listBloodThinnerRules(prisma),
    diabetesPlanItems(prisma, request.id),
  ]);
  // From the recorded levels: a cervical medial branch block is intermediate risk, a lumbar one low.
  const bleedingRisk = procedureBleedingRisk(request.procedureType, request.levels);
  const items: PlanPageItem[] = thinners.map((t) => {
    const stored = request.plans.find((p) => p.medicineId === t.medicineId);
    const proposedBefore = (stored?.proposed ?? null) as ProposedPlan | null;
    const variants = planVariants(rules, t, bleedingRisk, request.procedureType.code);
    const wanted = chosenVariants[t.medicineId] ?? proposedBefore?.variant ?? '';
    const variant = variants.includes(wanted) ? wanted : '';
    return {
      ...t,
      variants,
      variant,
      proposal: proposeBloodThinnerPlan({ rules, medicine: t, bleedingRisk, variant, procedureTypeCode: request.procedureType.code }),
      plan: stored
        ? {
            action: stored.action,
            stopBeforeHours: stored.stopBeforeHours,
            restartAfterHours: stored.restartAfterHours,
            inrCheck: stored.inrCheck,
            note: stored.note,
            proposed: proposedBefore,
            confirmedByName: stored.confirmedBy?.name ?? null,
            confirmedById: stored.confirmedById,
            confirmedAt: stored.confirmedAt,
            deviatesFromRule: stored.deviatesFromRule,
            deviationReason: stored.deviationReason,
            secondConfirmedByName: stored.secondConfirmedBy?.name ?? null,
            secondConfirmedAt: stored.secondConfirmedAt,
            counts: planCounts(stored),
          }
        : null,
    };
  });
  await recordAudit(prisma, {
    actor,
    action: 'blood-thinner-plan.view',
    entityType: 'ProcedureRequest',
    entityId: request.id,
    patientId: request.patientId,
    ipAddress,
  });
  return { request: { ...request, plans: undefined }, bleedingRisk: bleedingRisk as BleedingRisk, items, diabetes };
}

export type { PlanRule };
