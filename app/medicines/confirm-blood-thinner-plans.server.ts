// A doctor confirms (or edits, then confirms) the blood-thinner plan for a procedure request. The table's
// proposal is recomputed here, never taken from the form, and stored beside what the doctor confirmed, so the
// record shows what was changed; each confirmation is audited with the previous values. A plan that protects
// the patient less than the table (planDeviations) needs a recorded reason and a second, different doctor's
// confirmation before it counts (DESIGN rule 10, ADR 0011); changing it clears that second confirmation.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { recordBookingEvent } from '~/events/booking-events.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import { procedureBleedingRisk } from './bleeding-risk';
import { planDeviations, planVariants, proposeBloodThinnerPlan } from './blood-thinner-plan';
import type { BloodThinnerInstruction } from './blood-thinner-rules';
import { currentBloodThinners } from './blood-thinner-plan-status.server';
import { lockOpenProcedureRequest } from './lock-open-request.server';
import { listBloodThinnerRules } from './blood-thinner-rule-repo.server';
import { syncMedicinePlanTasks } from './medicine-plan-tasks.server';

export type PlanDecision = BloodThinnerInstruction & {
  medicineId: string;
  /** The variant the doctor chose (CrCl band, dose, prevention type); "" when the rules have none. */
  variant: string;
  /** Why the plan departs from the rule table; required when it does. */
  deviationReason?: string | null;
};

type Instruction = Pick<PlanDecision, 'action' | 'stopBeforeHours' | 'restartAfterHours' | 'inrCheck'>;

/** The same instruction to the patient (the note aside). */
function sameInstruction(a: Instruction, b: Instruction): boolean {
  return a.action === b.action && a.stopBeforeHours === b.stopBeforeHours && a.restartAfterHours === b.restartAfterHours && a.inrCheck === b.inrCheck;
}

export async function confirmBloodThinnerPlans(
  requestId: string,
  plans: readonly PlanDecision[],
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ confirmed: string[] }> {
  if (actor?.role !== 'DOCTOR') throw new DomainError('FORBIDDEN', 'Only a doctor can confirm a blood-thinner plan.');
  if (plans.length === 0) throw new DomainError('INVALID_INPUT', 'There is no plan to confirm.');
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // Two doctors confirming the same request at once take turns: the second sees the first's plan as the
    // previous values (a re-confirmation, audited as such) instead of racing it to the unique key.
    await tx.$executeRaw`SELECT 1 FROM "ProcedureRequest" WHERE "id" = ${requestId} FOR UPDATE`;
    const request = await tx.procedureRequest.findUnique({
      where: { id: requestId },
      select: {
        id: true,
        patientId: true,
        status: true,
        levels: true,
        procedureType: { select: { code: true, bleedingRisk: true, cervicalBleedingRisk: true } },
      },
    });
    if (!request) throw new DomainError('NOT_FOUND', 'That procedure request does not exist.');
    if (request.status === 'DONE' || request.status === 'REMOVED') {
      throw new DomainError('INVALID_INPUT', 'This procedure request is closed: its blood-thinner plan can no longer change.');
    }
    const thinners = await currentBloodThinners(tx, request.patientId);
    const rules = await listBloodThinnerRules(tx);
    // The category from the recorded levels: a cervical medial branch block is intermediate, a lumbar one low.
    const bleedingRisk = procedureBleedingRisk(request.procedureType, request.levels);
    const confirmed: string[] = [];
    let instructionsChanged = false;
    for (const [index, decision] of plans.entries()) {
      const medicine = thinners.find((t) => t.medicineId === decision.medicineId);
      if (!medicine) {
        throw new DomainError('INVALID_INPUT', 'That medicine is not a blood thinner this patient currently takes.');
      }
      const variants = planVariants(rules, medicine, bleedingRisk, request.procedureType.code);
      // Where the rules have no variants a posted one is ignored: an unknown variant must not turn the
      // proposal into a shared decision and so hide a deviation.
      const variant = variants.length > 0 ? decision.variant : '';
      if (variants.length > 0 && !variants.includes(decision.variant)) {
        throw new DomainError('INVALID_INPUT', `Choose one of: ${variants.join('; ')}`, {
          [`plans[${index}].variant`]: [`Choose which applies to ${medicine.displayName}`],
        });
      }
      if (decision.action === 'STOP' && decision.stopBeforeHours === null) {
        throw new DomainError('INVALID_INPUT', 'Enter how many hours before the procedure to stop', {
          [`plans[${index}].stopBeforeHours`]: ['Enter how many hours before the procedure to stop'],
        });
      }
      // A stop with no restart leaves the patient off it with no end.
      if (decision.action === 'STOP' && decision.restartAfterHours === null) {
        throw new DomainError('INVALID_INPUT', 'Enter how many hours after the procedure to restart', {
          [`plans[${index}].restartAfterHours`]: ['Enter how many hours after the procedure to restart'],
        });
      }
      const proposal = proposeBloodThinnerPlan({
        rules,
        medicine,
        bleedingRisk,
        variant,
        procedureTypeCode: request.procedureType.code,
      });
      const instruction = {
        action: decision.action,
        stopBeforeHours: decision.action === 'CONTINUE' ? null : decision.stopBeforeHours,
        restartAfterHours: decision.restartAfterHours,
        inrCheck: decision.inrCheck,
      };
      const deviations = planDeviations(proposal, instruction);
      const reason = decision.deviationReason?.trim() || null;
      if (deviations.length > 0 && !reason) {
        throw new DomainError('INVALID_INPUT', `${medicine.displayName}: ${deviations.join('; ')}. Give the reason for departing from the rule table.`, {
          [`plans[${index}].deviationReason`]: [
            `${deviations.join('; ')}. Give the reason for departing from the rule table; a second doctor must then confirm it.`,
          ],
        });
      }
      const previous = await tx.bloodThinnerPlan.findUnique({
        where: { procedureRequestId_medicineId: { procedureRequestId: requestId, medicineId: medicine.medicineId } },
        select: {
          id: true,
          action: true,
          stopBeforeHours: true,
          restartAfterHours: true,
          inrCheck: true,
          confirmedById: true,
          confirmedAt: true,
          deviationReason: true,
          secondConfirmedById: true,
          secondConfirmedAt: true,
        },
      });
      const deviatesFromRule = deviations.length > 0;
      // The second doctor confirmed exactly this instruction for exactly this reason; anything else clears it,
      // as does the second doctor re-confirming it themselves (one person would then hold both confirmations).
      const keepSecond =
        deviatesFromRule &&
        previous?.secondConfirmedAt != null &&
        previous.secondConfirmedById !== actor.id &&
        sameInstruction(previous, instruction) &&
        previous.deviationReason === reason;
      const values = {
        ...instruction,
        note: decision.note,
        deviatesFromRule,
        deviationReason: deviatesFromRule ? reason : null,
        secondConfirmedById: keepSecond ? previous!.secondConfirmedById : null,
        secondConfirmedAt: keepSecond ? previous!.secondConfirmedAt : null,
      };
      if (!previous?.confirmedAt || !sameInstruction(previous, values)) instructionsChanged = true;
      const plan = await tx.bloodThinnerPlan.upsert({
        where: { procedureRequestId_medicineId: { procedureRequestId: requestId, medicineId: medicine.medicineId } },
        create: {
          procedureRequestId: requestId,
          medicineId: medicine.medicineId,
          ...values,
          proposed: proposal as unknown as Prisma.InputJsonValue,
          confirmedById: actor.id,
          confirmedAt: now,
        },
        update: { ...values, proposed: proposal as unknown as Prisma.InputJsonValue, confirmedById: actor.id, confirmedAt: now },
        select: { id: true },
      });
      const { note: _proposalNote, ...proposedValues } = proposal;
      await recordAudit(tx, {
        actor,
        action: previous ? 'blood-thinner-plan.reconfirm' : 'blood-thinner-plan.confirm',
        entityType: 'BloodThinnerPlan',
        entityId: plan.id,
        patientId: request.patientId,
        ipAddress,
        // Values and identifiers only: the free-text note may hold patient detail.
        details: {
          procedureRequestId: requestId,
          medicineId: medicine.medicineId,
          proposed: proposedValues,
          confirmed: instruction,
          editedFromProposal: !sameInstruction(proposal, values),
          // The reason is free text and stays out of the audit; whether there is one is enough here.
          deviatesFromRule,
          deviations,
          secondConfirmationKept: keepSecond,
          previous: previous
            ? {
                action: previous.action,
                stopBeforeHours: previous.stopBeforeHours,
                restartAfterHours: previous.restartAfterHours,
                inrCheck: previous.inrCheck,
                confirmedById: previous.confirmedById,
                confirmedAt: previous.confirmedAt?.toISOString() ?? null,
                secondConfirmedById: previous.secondConfirmedById,
              }
            : null,
        },
      });
      confirmed.push(plan.id);
    }
    await syncMedicinePlanTasks(tx, requestId, now);
    // A patient who already has their leaflets gets new ones with the confirmed instructions (rule 4).
    if (instructionsChanged) await recordBookingEvent(tx, { type: 'MEDICINE_PLAN_CHANGED', procedureRequestId: requestId, changeKey: String(now.getTime()) }, now);
    return { confirmed };
  });
}

/**
 * A second doctor confirms a plan that departs from the rule table (DESIGN rule 10). The doctor who confirmed
 * the plan cannot be the second; a plan that keeps to the table, is unconfirmed, or is already second-confirmed
 * needs nothing more. Audited; once it counts, a patient holding leaflets is sent new ones.
 */
export async function secondConfirmBloodThinnerPlan(
  requestId: string,
  medicineId: string,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ id: string }> {
  if (actor?.role !== 'DOCTOR') throw new DomainError('FORBIDDEN', 'Only a doctor can confirm a blood-thinner plan.');
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const request = await lockOpenProcedureRequest(tx, requestId, 'This procedure request is closed: its blood-thinner plan can no longer change.');
    const plan = await tx.bloodThinnerPlan.findUnique({
      where: { procedureRequestId_medicineId: { procedureRequestId: requestId, medicineId } },
      select: { id: true, confirmedById: true, confirmedAt: true, deviatesFromRule: true, secondConfirmedAt: true },
    });
    if (!plan?.confirmedAt) throw new DomainError('INVALID_INPUT', 'There is no confirmed plan for that medicine to second-confirm.');
    if (!plan.deviatesFromRule) throw new DomainError('INVALID_INPUT', 'This plan keeps to the rule table: it needs no second confirmation.');
    if (plan.secondConfirmedAt) throw new DomainError('STALE_FORM', 'A second doctor has already confirmed this plan.');
    if (plan.confirmedById === actor.id) {
      throw new DomainError('INVALID_INPUT', 'You confirmed this plan: a different doctor must give the second confirmation.');
    }
    await tx.bloodThinnerPlan.update({ where: { id: plan.id }, data: { secondConfirmedById: actor.id, secondConfirmedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      actor,
      action: 'blood-thinner-plan.second-confirm',
      entityType: 'BloodThinnerPlan',
      entityId: plan.id,
      patientId: request.patientId,
      ipAddress,
      details: { procedureRequestId: requestId, medicineId, confirmedById: plan.confirmedById, confirmedAt: plan.confirmedAt.toISOString() },
    });
    await syncMedicinePlanTasks(tx, requestId, now);
    await recordBookingEvent(tx, { type: 'MEDICINE_PLAN_CHANGED', procedureRequestId: requestId, changeKey: String(now.getTime()) }, now);
    return { id: plan.id };
  });
}
