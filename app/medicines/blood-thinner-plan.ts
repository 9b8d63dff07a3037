// Proposes a blood-thinner plan from the rule table. Pure: the caller passes the rules (from the database), the
// medicine and the procedure's bleeding risk. The result is only a PROPOSAL: nothing counts as a plan until a
// doctor has confirmed it (DESIGN rule 4).
import type { BloodThinnerClass } from './catalogue';
import { instructionOf, type BleedingRisk, type BloodThinnerAction, type BloodThinnerInstruction } from './blood-thinner-rules';

export type PlanRule = {
  id?: string;
  bloodThinnerClass: BloodThinnerClass;
  /** Lower-case generic name for a drug-specific rule; null for the class rule. */
  medicineGenericName: string | null;
  /** A rule for one procedure type; null (the normal case) for every procedure of the bleeding risk. */
  procedureTypeCode?: string | null;
  bleedingRisk: BleedingRisk;
  variant: string;
} & BloodThinnerInstruction;

export type PlanMedicine = { genericName: string; bloodThinnerClass: BloodThinnerClass };

export type ProposedPlan = BloodThinnerInstruction & {
  /** The rule the proposal came from; null when no rule applied. */
  ruleId: string | null;
  variant: string;
  bleedingRisk: BleedingRisk;
};

export const NO_RULE_NOTE = 'No rule in the table covers this medicine and procedure: a clinician must decide.';

function applicable(rules: readonly PlanRule[], medicine: PlanMedicine, risk: BleedingRisk, procedureTypeCode?: string) {
  const name = medicine.genericName.trim().toLowerCase();
  return rules.filter(
    (r) =>
      r.bloodThinnerClass === medicine.bloodThinnerClass &&
      r.bleedingRisk === risk &&
      (r.medicineGenericName === null || r.medicineGenericName === name) &&
      (r.procedureTypeCode == null || r.procedureTypeCode === procedureTypeCode),
  );
}

/** Most specific first: a drug rule beats its class rule; a procedure rule beats a bleeding-risk rule. */
function specificity(rule: PlanRule) {
  return (rule.medicineGenericName !== null ? 2 : 0) + (rule.procedureTypeCode ? 1 : 0);
}

/** The variants (e.g. CrCl bands, dose, prevention type) the doctor must choose between; [] if none. */
export function planVariants(
  rules: readonly PlanRule[],
  medicine: PlanMedicine,
  bleedingRisk: BleedingRisk,
  procedureTypeCode?: string,
): string[] {
  const found = applicable(rules, medicine, bleedingRisk, procedureTypeCode);
  const best = Math.max(-1, ...found.map(specificity));
  return [...new Set(found.filter((r) => specificity(r) === best).map((r) => r.variant))].filter((v) => v !== '');
}

export function proposeBloodThinnerPlan(input: {
  rules: readonly PlanRule[];
  medicine: PlanMedicine;
  bleedingRisk: BleedingRisk;
  variant?: string | null;
  procedureTypeCode?: string;
}): ProposedPlan {
  const { medicine, bleedingRisk } = input;
  const variant = input.variant ?? '';
  const none = (note: string): ProposedPlan => ({
    action: 'SHARED_DECISION',
    stopBeforeHours: null,
    restartAfterHours: null,
    inrCheck: false,
    note,
    ruleId: null,
    variant,
    bleedingRisk,
  });
  if (medicine.bloodThinnerClass === 'NONE') return none('Not a blood thinner.');

  const found = applicable(input.rules, medicine, bleedingRisk, input.procedureTypeCode);
  if (found.length === 0) return none(NO_RULE_NOTE);
  const best = Math.max(...found.map(specificity));
  const candidates = found.filter((r) => specificity(r) === best);
  const match = candidates.find((r) => r.variant === variant);
  if (!match) {
    const options = candidates.map((r) => r.variant).filter((v) => v !== '');
    return none(
      options.length > 0
        ? `Choose one of: ${options.join('; ')}, to see the proposal.`
        : NO_RULE_NOTE,
    );
  }
  return {
    ...instructionOf(match),
    ruleId: match.id ?? null,
    variant,
    bleedingRisk,
  };
}

/** "5 days", "12 hours", "2 days 6 hours": how a stop or restart interval is shown to staff. */
export function formatHours(hours: number | null): string {
  if (hours === null) return 'Not set';
  if (hours % 24 === 0 && hours > 0) return `${hours / 24} day${hours === 24 ? '' : 's'}`;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

export const ACTION_LABEL: Record<BloodThinnerAction, string> = {
  STOP: 'Stop before the procedure',
  CONTINUE: 'Continue',
  SHARED_DECISION: 'Shared decision',
};

export type PlanInstruction = Pick<ProposedPlan, 'action' | 'stopBeforeHours' | 'restartAfterHours' | 'inrCheck'>;

/**
 * Where a doctor's plan gives the patient less protection from bleeding than the rule table proposes
 * (DESIGN rule 10): a shorter stop, not stopping at all where the table says stop, or no INR check where the
 * table asks for one. A longer stop, or a plan where the table proposes nothing firm (a shared decision or
 * continue), is not a deviation. Returns the reasons in staff words; [] when the plan keeps to the table.
 */
export function planDeviations(proposal: PlanInstruction, plan: PlanInstruction): string[] {
  const out: string[] = [];
  if (proposal.action === 'STOP') {
    if (plan.action !== 'STOP') {
      out.push(`The table says stop ${formatHours(proposal.stopBeforeHours)} before; this plan does not stop it`);
    } else if (proposal.stopBeforeHours !== null && (plan.stopBeforeHours ?? 0) < proposal.stopBeforeHours) {
      out.push(`Stops ${formatHours(plan.stopBeforeHours)} before; the table says ${formatHours(proposal.stopBeforeHours)}`);
    }
  }
  if (proposal.inrCheck && !plan.inrCheck) out.push('The table asks for an INR check before the procedure; this plan has none');
  return out;
}

/** A plan counts (reaches a leaflet) once confirmed, and, if it departs from the table, second-confirmed. */
export function planCounts(plan: { confirmedAt: Date | null; deviatesFromRule: boolean; secondConfirmedAt: Date | null }): boolean {
  return plan.confirmedAt !== null && (!plan.deviatesFromRule || plan.secondConfirmedAt !== null);
}
