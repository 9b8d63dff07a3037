import { describe, expect, it } from 'vitest';
import { findCatalogueMedicine } from './catalogue';
import { NO_RULE_NOTE, formatHours, planVariants, proposeBloodThinnerPlan, type PlanRule } from './blood-thinner-plan';
import { BLOOD_THINNER_RULES, CLINICIAN_MUST_DECIDE, type BleedingRisk } from './blood-thinner-rules';

const rules: PlanRule[] = BLOOD_THINNER_RULES.map((r, i) => ({ ...r, id: `rule-${i}` }));

function propose(name: string, bleedingRisk: BleedingRisk, variant?: string) {
  const entry = findCatalogueMedicine(name);
  if (!entry) throw new Error(`${name} is not in the catalogue`);
  return proposeBloodThinnerPlan({ rules, medicine: entry, bleedingRisk, variant });
}

type Expected = [action: string, stopBeforeHours: number | null, restartAfterHours: number | null, inrCheck?: boolean];
const SD: Expected = ['SHARED_DECISION', null, null];
const CONTINUE: Expected = ['CONTINUE', null, null];

// clinical-facts.md "Blood thinners", every class x every bleeding-risk category (x variant where the facts have one).
const TABLE: [drug: string, variant: string, low: Expected, intermediate: Expected, high: Expected][] = [
  ['warfarin', '', ['SHARED_DECISION', null, 6], ['STOP', 120, 6, true], ['STOP', 120, 6, true]],
  ['enoxaparin', 'prophylactic dose', ['SHARED_DECISION', null, 4], ['STOP', 12, 24], ['STOP', 12, 24]],
  ['enoxaparin', 'treatment dose', ['SHARED_DECISION', null, 4], ['STOP', 24, 24], ['STOP', 24, 24]],
  ['dalteparin', 'treatment dose', ['SHARED_DECISION', null, 4], ['STOP', 24, 24], ['STOP', 24, 24]],
  ['aspirin', 'primary prevention', CONTINUE, SD, ['STOP', 144, null]],
  ['aspirin', 'secondary prevention', CONTINUE, SD, SD],
  ['ibuprofen', '', CONTINUE, CONTINUE, ['STOP', 24, null]],
  ['diclofenac', '', CONTINUE, CONTINUE, ['STOP', 24, null]],
  ['naproxen', '', CONTINUE, CONTINUE, ['STOP', 96, null]],
  ['meloxicam', '', CONTINUE, CONTINUE, ['STOP', 96, null]],
  ['clopidogrel', '', SD, ['STOP', 168, null], ['STOP', 168, null]],
  ['prasugrel', '', SD, ['STOP', 168, null], ['STOP', 168, null]],
  ['ticagrelor', '', SD, ['STOP', 120, null], ['STOP', 120, null]],
  ['apixaban', 'CrCl > 30 ml/min', SD, ['STOP', 48, null], ['STOP', 48, null]],
  ['apixaban', 'CrCl 30 ml/min or less', SD, ['STOP', 72, null], ['STOP', 72, null]],
  ['rivaroxaban', 'CrCl > 30 ml/min', SD, ['STOP', 48, null], ['STOP', 48, null]],
  ['edoxaban', 'CrCl 30 ml/min or less', SD, ['STOP', 72, null], ['STOP', 72, null]],
  ['dabigatran', 'CrCl 50 ml/min or more', SD, ['STOP', 48, null], ['STOP', 48, null]],
  ['dabigatran', 'CrCl 30-49 ml/min', SD, ['STOP', 96, null], ['STOP', 96, null]],
  ['dabigatran', 'CrCl below 30 ml/min', SD, SD, SD],
];

describe('proposeBloodThinnerPlan', () => {
  const cases = TABLE.flatMap(([drug, variant, low, intermediate, high]) =>
    (
      [
        ['LOW', low],
        ['INTERMEDIATE', intermediate],
        ['HIGH', high],
      ] as const
    ).map(([risk, expected]) => [drug, variant, risk, expected] as const),
  );

  it.each(cases)('%s (%s) at %s bleeding risk', (drug, variant, risk, [action, stop, restart, inr = false]) => {
    const plan = propose(drug, risk, variant);
    expect(plan).toMatchObject({ action, stopBeforeHours: stop, restartAfterHours: restart, inrCheck: inr, variant });
    expect(plan.ruleId).toMatch(/^rule-/);
    if (action === 'SHARED_DECISION') expect(plan.note).toBeTruthy();
  });

  it('covers every blood-thinner class and every bleeding risk in the seeded table', () => {
    const classes = new Set(BLOOD_THINNER_RULES.map((r) => r.bloodThinnerClass));
    expect([...classes].sort()).toEqual(
      ['ASPIRIN', 'DABIGATRAN', 'FACTOR_XA_INHIBITOR', 'LMWH', 'NSAID', 'P2Y12_INHIBITOR', 'WARFARIN'],
    );
    for (const c of classes) {
      for (const risk of ['LOW', 'INTERMEDIATE', 'HIGH']) {
        expect(BLOOD_THINNER_RULES.some((r) => r.bloodThinnerClass === c && r.bleedingRisk === risk && r.medicineGenericName === null))
          .toBe(true);
      }
    }
  });

  it('never proposes a number where the table is silent: shared decision rows have no stop time and say a clinician decides', () => {
    for (const r of BLOOD_THINNER_RULES.filter((x) => x.action === 'SHARED_DECISION')) {
      expect(r.stopBeforeHours).toBeNull();
      expect(r.note).toBeTruthy();
    }
    expect(propose('clopidogrel', 'LOW').note).toBe(CLINICIAN_MUST_DECIDE);
  });

  it('lists the variants the doctor chooses between, and asks for one when none is given', () => {
    expect(planVariants(rules, findCatalogueMedicine('apixaban')!, 'INTERMEDIATE')).toEqual([
      'CrCl > 30 ml/min',
      'CrCl 30 ml/min or less',
    ]);
    expect(planVariants(rules, findCatalogueMedicine('enoxaparin')!, 'LOW')).toEqual(['prophylactic dose', 'treatment dose']);
    expect(planVariants(rules, findCatalogueMedicine('aspirin')!, 'HIGH')).toEqual(['primary prevention', 'secondary prevention']);
    expect(planVariants(rules, findCatalogueMedicine('dabigatran')!, 'HIGH')).toHaveLength(3);
    expect(planVariants(rules, findCatalogueMedicine('warfarin')!, 'HIGH')).toEqual([]);
    expect(planVariants(rules, findCatalogueMedicine('naproxen')!, 'HIGH')).toEqual([]);

    const unchosen = propose('apixaban', 'INTERMEDIATE');
    expect(unchosen).toMatchObject({ action: 'SHARED_DECISION', stopBeforeHours: null, ruleId: null });
    expect(unchosen.note).toContain('CrCl > 30 ml/min');
    expect(propose('apixaban', 'INTERMEDIATE', 'no such band').action).toBe('SHARED_DECISION');
  });

  it('lets a medicine-specific rule override its class rule', () => {
    const custom: PlanRule[] = [
      { ...rules.find((r) => r.bloodThinnerClass === 'FACTOR_XA_INHIBITOR' && r.bleedingRisk === 'INTERMEDIATE' && r.variant === 'CrCl > 30 ml/min')! },
      {
        id: 'edoxaban-only',
        bloodThinnerClass: 'FACTOR_XA_INHIBITOR',
        medicineGenericName: 'edoxaban',
        bleedingRisk: 'INTERMEDIATE',
        variant: '',
        action: 'STOP',
        stopBeforeHours: 36,
        restartAfterHours: 12,
        inrCheck: false,
        note: 'test override',
      },
    ];
    const edoxaban = proposeBloodThinnerPlan({ rules: custom, medicine: findCatalogueMedicine('Edoxaban')!, bleedingRisk: 'INTERMEDIATE' });
    expect(edoxaban).toMatchObject({ ruleId: 'edoxaban-only', stopBeforeHours: 36, restartAfterHours: 12 });
    const apixaban = proposeBloodThinnerPlan({ rules: custom, medicine: findCatalogueMedicine('apixaban')!, bleedingRisk: 'INTERMEDIATE', variant: 'CrCl > 30 ml/min' });
    expect(apixaban.stopBeforeHours).toBe(48);
    // The seeded NSAID drug rules override the class's "clinician decides" rule for high risk.
    expect(propose('naproxen', 'HIGH').stopBeforeHours).toBe(96);
  });

  it('lets a procedure-specific rule override the bleeding-risk rule for that procedure only', () => {
    const custom: PlanRule[] = [
      ...rules,
      { id: 'plexus', bloodThinnerClass: 'WARFARIN', medicineGenericName: null, procedureTypeCode: 'PLEXUS_BLOCK', bleedingRisk: 'LOW', variant: '', action: 'STOP', stopBeforeHours: 120, restartAfterHours: 6, inrCheck: true, note: null },
    ];
    const warfarin = findCatalogueMedicine('warfarin')!;
    expect(proposeBloodThinnerPlan({ rules: custom, medicine: warfarin, bleedingRisk: 'LOW', procedureTypeCode: 'PLEXUS_BLOCK' }).ruleId).toBe('plexus');
    expect(proposeBloodThinnerPlan({ rules: custom, medicine: warfarin, bleedingRisk: 'LOW', procedureTypeCode: 'SI_JOINT_INJECTION' }).action).toBe('SHARED_DECISION');
  });

  it('proposes a shared decision with a note when no rule is found', () => {
    const plan = proposeBloodThinnerPlan({ rules: [], medicine: { genericName: 'warfarin', bloodThinnerClass: 'WARFARIN' }, bleedingRisk: 'HIGH' });
    expect(plan).toMatchObject({ action: 'SHARED_DECISION', stopBeforeHours: null, restartAfterHours: null, ruleId: null, note: NO_RULE_NOTE });
  });

  it('shows intervals in days or hours', () => {
    expect(formatHours(120)).toBe('5 days');
    expect(formatHours(24)).toBe('1 day');
    expect(formatHours(12)).toBe('12 hours');
    expect(formatHours(null)).toBe('Not set');
  });
});
