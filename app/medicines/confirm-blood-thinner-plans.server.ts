// A doctor confirms (or edits, then confirms) the blood-thinner plan for a procedure request. The table's
// proposal is recomputed here, never taken from the form, and stored beside what the doctor confirmed, so the
// record shows what was changed; each confirmation is audited with the previous values.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { queueLeafletUpdateMessages } from '~/communications/triggers.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import type { BloodThinnerAction } from '~/generated/prisma/enums';
import { planVariants, proposeBloodThinnerPlan } from './blood-thinner-plan';
import { currentBloodThinners } from './blood-thinner-plan-status.server';
import { listBloodThinnerRules } from './blood-thinner-rule-repo.server';

export type PlanDecision = {
  medicineId: string;
  /** The variant the doctor chose (CrCl band, dose, prevention type); "" when the rules have none. */
  variant: string;
  action: BloodThinnerAction;
  stopBeforeHours: number | null;
  restartAfterHours: number | null;
  inrCheck: boolean;
  note: string | null;
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
      select: { id: true, patientId: true, status: true, procedureType: { select: { code: true, bleedingRisk: true } } },
    });
    if (!request) throw new DomainError('NOT_FOUND', 'That procedure request does not exist.');
    if (request.status === 'DONE' || request.status === 'REMOVED') {
      throw new DomainError('INVALID_INPUT', 'This procedure request is closed: its blood-thinner plan can no longer change.');
    }
    const thinners = await currentBloodThinners(tx, request.patientId);
    const rules = await listBloodThinnerRules(tx);
    const bleedingRisk = request.procedureType.bleedingRisk;
    const confirmed: string[] = [];
    let instructionsChanged = false;
    for (const [index, decision] of plans.entries()) {
      const medicine = thinners.find((t) => t.medicineId === decision.medicineId);
      if (!medicine) {
        throw new DomainError('INVALID_INPUT', 'That medicine is not a blood thinner this patient currently takes.');
      }
      const variants = planVariants(rules, medicine, bleedingRisk, request.procedureType.code);
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
      const proposal = proposeBloodThinnerPlan({
        rules,
        medicine,
        bleedingRisk,
        variant: decision.variant,
        procedureTypeCode: request.procedureType.code,
      });
      const values = {
        action: decision.action,
        stopBeforeHours: decision.action === 'CONTINUE' ? null : decision.stopBeforeHours,
        restartAfterHours: decision.restartAfterHours,
        inrCheck: decision.inrCheck,
        note: decision.note,
      };
      const previous = await tx.bloodThinnerPlan.findUnique({
        where: { procedureRequestId_medicineId: { procedureRequestId: requestId, medicineId: medicine.medicineId } },
        select: { id: true, action: true, stopBeforeHours: true, restartAfterHours: true, inrCheck: true, confirmedById: true, confirmedAt: true },
      });
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
      const { note: _note, ...confirmedValues } = values;
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
          confirmed: confirmedValues,
          editedFromProposal: !sameInstruction(proposal, values),
          previous: previous
            ? {
                action: previous.action,
                stopBeforeHours: previous.stopBeforeHours,
                restartAfterHours: previous.restartAfterHours,
                inrCheck: previous.inrCheck,
                confirmedById: previous.confirmedById,
                confirmedAt: previous.confirmedAt?.toISOString() ?? null,
              }
            : null,
        },
      });
      confirmed.push(plan.id);
    }
    // A patient who already has their leaflets gets new ones with the confirmed instructions (rule 4).
    if (instructionsChanged) await queueLeafletUpdateMessages(tx, { procedureRequestId: requestId, changeKey: String(now.getTime()), now });
    return { confirmed };
  });
}
