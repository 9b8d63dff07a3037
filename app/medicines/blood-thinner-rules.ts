// The starting blood-thinner rule table (clinical-facts.md, "Blood thinners": ASRA/ESRA 2018 for interventional
// spine and pain procedures, UK Clinical Pharmacy Association). Where the guideline gives a range the longer end
// is proposed, and a plan shorter than the proposal is a deviation (ADR 0011). Pure data, shared by the seed, the factories and the tests; once seeded
// the BloodThinnerRule table is the source of truth and admins edit it there.
//
// Where the facts are silent or marked unconfirmed the row is SHARED_DECISION with a note that a clinician must
// decide: no number here is invented. A row with a medicine name overrides its class row for that drug.
import type { BloodThinnerClass } from './catalogue';

export type BleedingRisk = 'LOW' | 'INTERMEDIATE' | 'HIGH';
export type BloodThinnerAction = 'STOP' | 'CONTINUE' | 'SHARED_DECISION';

export const BLEEDING_RISKS: readonly BleedingRisk[] = ['LOW', 'INTERMEDIATE', 'HIGH'];

/** What a rule, a proposal and a doctor's plan each say about one blood thinner. */
export type BloodThinnerInstruction = {
  action: BloodThinnerAction;
  stopBeforeHours: number | null;
  restartAfterHours: number | null;
  inrCheck: boolean;
  note: string | null;
};

/** Only the instruction's own fields, with no stop time when the medicine continues (a stale number means nothing). */
export function instructionOf(i: BloodThinnerInstruction): BloodThinnerInstruction {
  return {
    action: i.action,
    stopBeforeHours: i.action === 'CONTINUE' ? null : i.stopBeforeHours,
    restartAfterHours: i.restartAfterHours,
    inrCheck: i.inrCheck,
    note: i.note,
  };
}

export type BloodThinnerRuleData = {
  bloodThinnerClass: Exclude<BloodThinnerClass, 'NONE'>;
  /** Lower-case generic name for a drug-specific rule; null for the class rule. */
  medicineGenericName: string | null;
  bleedingRisk: BleedingRisk;
  /** "" when the rule has no variant; otherwise e.g. "CrCl > 30 ml/min". */
  variant: string;
  source: string | null;
} & BloodThinnerInstruction;

const ASRA = 'ASRA/ESRA 2018 (Narouze, Reg Anesth Pain Med 43:225-262)';
const UKCPA = 'UK Clinical Pharmacy Association, before neuraxial procedures';
export const CLINICIAN_MUST_DECIDE = 'The table does not give a rule here: a clinician must decide with the prescriber.';

type Row = Omit<BloodThinnerRuleData, 'medicineGenericName' | 'variant' | 'inrCheck'> &
  Partial<Pick<BloodThinnerRuleData, 'medicineGenericName' | 'variant' | 'inrCheck'>>;

function rule(row: Row): BloodThinnerRuleData {
  return { medicineGenericName: null, variant: '', inrCheck: false, ...row };
}

function shared(
  bloodThinnerClass: BloodThinnerRuleData['bloodThinnerClass'],
  bleedingRisk: BleedingRisk,
  extra: Partial<Row> = {},
): BloodThinnerRuleData {
  return rule({
    bloodThinnerClass,
    bleedingRisk,
    action: 'SHARED_DECISION',
    stopBeforeHours: null,
    restartAfterHours: null,
    note: CLINICIAN_MUST_DECIDE,
    source: ASRA,
    ...extra,
  });
}

const HIGHER_RISKS: readonly BleedingRisk[] = ['INTERMEDIATE', 'HIGH'];

export const LMWH_VARIANTS = ['prophylactic dose', 'treatment dose'] as const;
export const ASPIRIN_VARIANTS = ['primary prevention', 'secondary prevention'] as const;
export const P2Y12_VARIANTS = ['no recent coronary stent', 'recent coronary stent'] as const;
export const DABIGATRAN_VARIANTS = ['CrCl 50 ml/min or more', 'CrCl 30-49 ml/min', 'CrCl below 30 ml/min'] as const;

export const BLOOD_THINNER_RULES: readonly BloodThinnerRuleData[] = [
  // Warfarin: stop 5 days with INR <= 1.4 confirmed; low risk is a shared decision; restart 6 h after.
  shared('WARFARIN', 'LOW', {
    restartAfterHours: 6,
    note: 'Low bleeding risk: shared decision with the prescriber. If stopped, restart 6 hours after.',
  }),
  ...HIGHER_RISKS.map((bleedingRisk) =>
    rule({
      bloodThinnerClass: 'WARFARIN',
      bleedingRisk,
      action: 'STOP',
      stopBeforeHours: 5 * 24,
      restartAfterHours: 6,
      inrCheck: true,
      note: 'Confirm a normal INR (1.4 or less) before the procedure.',
      source: `${ASRA}; UK neuraxial INR limit`,
    }),
  ),

  // Low molecular weight heparin: 12 h (prophylactic) or 24 h (treatment dose) before; restart 4 h after a
  // low-risk procedure, 12-24 h after intermediate/high (the later end is proposed; the doctor may shorten it).
  ...LMWH_VARIANTS.map((variant) =>
    shared('LMWH', 'LOW', {
      variant,
      restartAfterHours: 4,
      note: `Low bleeding risk: the table gives no stop rule, a clinician must decide. If stopped, restart 4 hours after.`,
    }),
  ),
  ...HIGHER_RISKS.flatMap((bleedingRisk) =>
    LMWH_VARIANTS.map((variant) =>
      rule({
        bloodThinnerClass: 'LMWH',
        bleedingRisk,
        variant,
        action: 'STOP',
        stopBeforeHours: variant === 'prophylactic dose' ? 12 : 24,
        restartAfterHours: 24,
        note: 'The table allows restarting 12 to 24 hours after; 24 hours is proposed.',
        source: ASRA,
      }),
    ),
  ),

  // Aspirin: continue for low risk; high risk primary prevention stop 6 days; secondary prevention shared decision.
  ...ASPIRIN_VARIANTS.map((variant) =>
    rule({
      bloodThinnerClass: 'ASPIRIN',
      bleedingRisk: 'LOW',
      variant,
      action: 'CONTINUE',
      stopBeforeHours: null,
      restartAfterHours: null,
      note: null,
      source: ASRA,
    }),
  ),
  ...ASPIRIN_VARIANTS.map((variant) => shared('ASPIRIN', 'INTERMEDIATE', { variant })),
  rule({
    bloodThinnerClass: 'ASPIRIN',
    bleedingRisk: 'HIGH',
    variant: 'primary prevention',
    action: 'STOP',
    stopBeforeHours: 6 * 24,
    restartAfterHours: null,
    note: 'The table gives no restart time: the doctor sets it.',
    source: ASRA,
  }),
  shared('ASPIRIN', 'HIGH', {
    variant: 'secondary prevention',
    note: 'Secondary prevention: shared decision with the prescriber or cardiologist.',
  }),

  // NSAIDs: stop for high risk only, 5 half-lives; per drug. Other NSAIDs at high risk: a clinician decides.
  ...(['LOW', 'INTERMEDIATE'] as const).map((bleedingRisk) =>
    rule({
      bloodThinnerClass: 'NSAID',
      bleedingRisk,
      action: 'CONTINUE',
      stopBeforeHours: null,
      restartAfterHours: null,
      note: 'NSAIDs are stopped for high bleeding risk procedures only.',
      source: ASRA,
    }),
  ),
  shared('NSAID', 'HIGH', {
    note: 'Stop 5 half-lives before: the table lists only ibuprofen, diclofenac, naproxen and meloxicam, so a clinician must decide for this drug.',
  }),
  ...(
    [
      ['ibuprofen', 24],
      ['diclofenac', 24],
      ['naproxen', 96],
      ['meloxicam', 96],
    ] as const
  ).map(([medicineGenericName, hours]) =>
    rule({
      bloodThinnerClass: 'NSAID',
      medicineGenericName,
      bleedingRisk: 'HIGH',
      action: 'STOP',
      stopBeforeHours: hours,
      restartAfterHours: null,
      note: 'Five half-lives. The table gives no restart time: the doctor sets it.',
      source: ASRA,
    }),
  ),

  // P2Y12 inhibitors: per drug, before intermediate/high-risk procedures; low risk is not covered. The proposal
  // takes the longer end of a range (prasugrel 7-10 days); anything shorter is a deviation that needs a reason
  // and a second clinician (ADR 0011). After a recent coronary stent none is stopped without cardiology advice.
  ...BLEEDING_RISKS.map((bleedingRisk) => shared('P2Y12_INHIBITOR', bleedingRisk, { source: UKCPA })),
  ...(
    [
      ['clopidogrel', 7 * 24, 'Stop 7 days before.'],
      ['prasugrel', 10 * 24, 'The guideline gives 7 to 10 days; the longer end is proposed. A shorter stop needs a reason and a second clinician.'],
      ['ticagrelor', 5 * 24, 'Stop 5 days before.'],
    ] as const
  ).flatMap(([medicineGenericName, hours, note]) =>
    HIGHER_RISKS.flatMap((bleedingRisk) => [
      rule({
        bloodThinnerClass: 'P2Y12_INHIBITOR',
        medicineGenericName,
        bleedingRisk,
        variant: P2Y12_VARIANTS[0],
        action: 'STOP',
        stopBeforeHours: hours,
        restartAfterHours: null,
        note: `${note} The table gives no restart time: the doctor sets it.`,
        source: `${ASRA}; ${UKCPA}`,
      }),
      shared('P2Y12_INHIBITOR', bleedingRisk, {
        medicineGenericName,
        variant: P2Y12_VARIANTS[1],
        note: 'Recent coronary stent: never stop it without advice from the patient\'s cardiology team. Ask cardiology first.',
        source: ASRA,
      }),
    ]),
  ),

  // Factor Xa inhibitors before intermediate/high-risk interventional spine and pain procedures (ASRA/ESRA
  // 2018): rivaroxaban 3 days, edoxaban 3 days, apixaban 3 to 5 days (the longer end is proposed). The 48 h
  // neuraxial figures are for spinal anaesthesia and are not used. Another factor Xa drug: a clinician decides.
  ...BLEEDING_RISKS.map((bleedingRisk) => shared('FACTOR_XA_INHIBITOR', bleedingRisk)),
  ...(
    [
      ['rivaroxaban', 3 * 24, 'Stop 3 days before.'],
      ['edoxaban', 3 * 24, 'Stop 3 days before.'],
      ['apixaban', 5 * 24, 'The guideline gives 3 to 5 days; the longer end is proposed. A shorter stop needs a reason and a second clinician.'],
    ] as const
  ).flatMap(([medicineGenericName, hours, note]) =>
    HIGHER_RISKS.map((bleedingRisk) =>
      rule({
        bloodThinnerClass: 'FACTOR_XA_INHIBITOR',
        medicineGenericName,
        bleedingRisk,
        action: 'STOP',
        stopBeforeHours: hours,
        restartAfterHours: null,
        note: `${note} The table gives no restart time: the doctor sets it.`,
        source: ASRA,
      }),
    ),
  ),

  // Dabigatran (ASRA/ESRA 2018): 4 to 5 days (the longer end is proposed), 6 days with impaired kidney
  // function; with CrCl below 30 ml/min the guideline gives no number, so a clinician decides.
  ...DABIGATRAN_VARIANTS.map((variant) => shared('DABIGATRAN', 'LOW', { variant })),
  ...HIGHER_RISKS.flatMap((bleedingRisk) =>
    DABIGATRAN_VARIANTS.map((variant) =>
      variant === 'CrCl below 30 ml/min'
        ? shared('DABIGATRAN', bleedingRisk, { variant })
        : rule({
            bloodThinnerClass: 'DABIGATRAN',
            bleedingRisk,
            variant,
            action: 'STOP',
            stopBeforeHours: variant === 'CrCl 50 ml/min or more' ? 5 * 24 : 6 * 24,
            restartAfterHours: null,
            note:
              variant === 'CrCl 50 ml/min or more'
                ? 'The guideline gives 4 to 5 days; the longer end is proposed. The table gives no restart time: the doctor sets it.'
                : 'Impaired kidney function: 6 days. The table gives no restart time: the doctor sets it.',
            source: ASRA,
          }),
    ),
  ),
];
