import { describe, expect, it } from 'vitest';
import { findCatalogueMedicine } from './catalogue';
import { NO_RULE_NOTE, formatHours, planCounts, planDeviations, planVariants, proposeBloodThinnerPlan, type PlanRule } from './blood-thinner-plan';
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
  // P2Y12 inhibitors: by drug, the longer end of a range; never stopped after a recent stent without cardiology.
  ['clopidogrel', 'no recent coronary stent', SD, ['STOP', 168, null], ['STOP', 168, null]],
  ['clopidogrel', 'recent coronary stent', SD, SD, SD],
  ['prasugrel', 'no recent coronary stent', SD, ['STOP', 240, null], ['STOP', 240, null]],
  ['prasugrel', 'recent coronary stent', SD, SD, SD],
  ['ticagrelor', 'no recent coronary stent', SD, ['STOP', 120, null], ['STOP', 120, null]],
  // ASRA/ESRA 2018 for interventional spine and pain procedures, not the 48 h neuraxial figures.
  ['apixaban', '', SD, ['STOP', 120, null], ['STOP', 120, null]],
  ['rivaroxaban', '', SD, ['STOP', 72, null], ['STOP', 72, null]],
  ['edoxaban', '', SD, ['STOP', 72, null], ['STOP', 72, null]],
  ['dabigatran', 'CrCl 50 ml/min or more', SD, ['STOP', 120, null], ['STOP', 120, null]],
  ['dabigatran', 'CrCl 30-49 ml/min', SD, ['STOP', 144, null], ['STOP', 144, null]],
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
    // A variant is chosen only where the rules for that risk have variants (P2Y12 at low risk has none).
    const offered = planVariants(rules, findCatalogueMedicine(drug)!, risk);
    const chosen = offered.includes(variant) ? variant : '';
    const plan = propose(drug, risk, chosen);
    expect(plan).toMatchObject({ action, stopBeforeHours: stop, restartAfterHours: restart, inrCheck: inr, variant: chosen });
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
    expect(planVariants(rules, findCatalogueMedicine('clopidogrel')!, 'INTERMEDIATE')).toEqual([
      'no recent coronary stent',
      'recent coronary stent',
    ]);
    expect(planVariants(rules, findCatalogueMedicine('apixaban')!, 'INTERMEDIATE')).toEqual([]);
    expect(planVariants(rules, findCatalogueMedicine('enoxaparin')!, 'LOW')).toEqual(['prophylactic dose', 'treatment dose']);
    expect(planVariants(rules, findCatalogueMedicine('aspirin')!, 'HIGH')).toEqual(['primary prevention', 'secondary prevention']);
    expect(planVariants(rules, findCatalogueMedicine('dabigatran')!, 'HIGH')).toHaveLength(3);
    expect(planVariants(rules, findCatalogueMedicine('warfarin')!, 'HIGH')).toEqual([]);
    expect(planVariants(rules, findCatalogueMedicine('naproxen')!, 'HIGH')).toEqual([]);

    const unchosen = propose('dabigatran', 'INTERMEDIATE');
    expect(unchosen).toMatchObject({ action: 'SHARED_DECISION', stopBeforeHours: null, ruleId: null });
    expect(unchosen.note).toContain('CrCl 50 ml/min or more');
    expect(propose('dabigatran', 'INTERMEDIATE', 'no such band').action).toBe('SHARED_DECISION');
  });

  it('lets a medicine-specific rule override its class rule', () => {
    const custom: PlanRule[] = [
      { ...rules.find((r) => r.bloodThinnerClass === 'FACTOR_XA_INHIBITOR' && r.bleedingRisk === 'INTERMEDIATE' && r.medicineGenericName === 'apixaban')! },
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
    const apixaban = proposeBloodThinnerPlan({ rules: custom, medicine: findCatalogueMedicine('apixaban')!, bleedingRisk: 'INTERMEDIATE' });
    expect(apixaban.stopBeforeHours).toBe(120);
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

  it('never proposes the 48 hour neuraxial figures for a DOAC, and says a clinician must ask cardiology after a recent stent', () => {
    for (const drug of ['apixaban', 'rivaroxaban', 'edoxaban', 'dabigatran']) {
      for (const r of BLOOD_THINNER_RULES.filter((x) => x.bloodThinnerClass === findCatalogueMedicine(drug)!.bloodThinnerClass)) {
        expect(r.stopBeforeHours === null || r.stopBeforeHours >= 72).toBe(true);
      }
    }
    expect(propose('clopidogrel', 'INTERMEDIATE', 'recent coronary stent').note).toMatch(/cardiology/);
    expect(propose('apixaban', 'HIGH').note).toMatch(/3 to 5 days/);
  });

  it('shows intervals in days or hours', () => {
    expect(formatHours(120)).toBe('5 days');
    expect(formatHours(24)).toBe('1 day');
    expect(formatHours(12)).toBe('12 hours');
    expect(formatHours(null)).toBe('Not set');
  });
});

describe('planDeviations: a plan that protects the patient less than the table', () => {
  const warfarin = { action: 'STOP', stopBeforeHours: 120, restartAfterHours: 6, inrCheck: true } as const;
  it('flags a shorter stop, not stopping where the table says stop, and a missing INR check', () => {
    expect(planDeviations(warfarin, { ...warfarin, stopBeforeHours: 24 })).toEqual(['Stops 1 day before; the table says 5 days']);
    expect(planDeviations(warfarin, { ...warfarin, action: 'CONTINUE', stopBeforeHours: null })).toHaveLength(1);
    expect(planDeviations(warfarin, { ...warfarin, action: 'SHARED_DECISION', stopBeforeHours: null })).toHaveLength(1);
    expect(planDeviations(warfarin, { ...warfarin, inrCheck: false })).toEqual([
      'The table asks for an INR check before the procedure; this plan has none',
    ]);
  });
  it('accepts the proposal, a longer stop, and anything where the table proposes no stop', () => {
    expect(planDeviations(warfarin, warfarin)).toEqual([]);
    expect(planDeviations(warfarin, { ...warfarin, stopBeforeHours: 144 })).toEqual([]);
    const shared = { action: 'SHARED_DECISION', stopBeforeHours: null, restartAfterHours: null, inrCheck: false } as const;
    expect(planDeviations(shared, { action: 'CONTINUE', stopBeforeHours: null, restartAfterHours: null, inrCheck: false })).toEqual([]);
    expect(planDeviations(shared, { action: 'STOP', stopBeforeHours: 48, restartAfterHours: 24, inrCheck: false })).toEqual([]);
  });
  it('counts a plan only when confirmed and, if it deviates, second-confirmed', () => {
    const at = new Date('2027-03-01T10:00:00Z');
    expect(planCounts({ confirmedAt: null, deviatesFromRule: false, secondConfirmedAt: null })).toBe(false);
    expect(planCounts({ confirmedAt: at, deviatesFromRule: false, secondConfirmedAt: null })).toBe(true);
    expect(planCounts({ confirmedAt: at, deviatesFromRule: true, secondConfirmedAt: null })).toBe(false);
    expect(planCounts({ confirmedAt: at, deviatesFromRule: true, secondConfirmedAt: at })).toBe(true);
  });
});
