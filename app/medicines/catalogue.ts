// The starting medicines catalogue (clinical-facts.md, "Driving and medicines" and "Blood thinners").
// Loaded into the Medicine table by the seed; the table is then the source of truth. Driving guidance and
// blood-thinner proposals are chosen from these two classifications, never from a drug's name in code.
// Pure data: the string unions mirror the Prisma enums of the same names.

export type DrivingCategory =
  | 'SPECIFIED_LIMIT'
  | 'OTHER_OPIOID'
  | 'GABAPENTINOID'
  | 'SEDATING_ANTIDEPRESSANT'
  | 'CANNABIS_BASED'
  | 'OTHER_IMPAIRING'
  | 'NONE';

/** How a diabetes medicine behaves around a fast: insulin and sulfonylureas risk a low sugar, SGLT2 inhibitors ketoacidosis. */
export type DiabetesMedicineClass = 'NONE' | 'INSULIN' | 'SULFONYLUREA' | 'SGLT2_INHIBITOR' | 'GLP1_AGONIST' | 'METFORMIN' | 'OTHER';

export type BloodThinnerClass =
  | 'NONE'
  | 'WARFARIN'
  | 'LMWH'
  | 'ASPIRIN'
  | 'NSAID'
  | 'P2Y12_INHIBITOR'
  | 'FACTOR_XA_INHIBITOR'
  | 'DABIGATRAN';

export type CatalogueMedicine = {
  /** Lower-case; the key medicines are matched on. */
  genericName: string;
  displayName: string;
  drivingCategory: DrivingCategory;
  /** Blood limit in micrograms per litre where the law sets one; null otherwise. */
  drivingLimitMcgPerL: number | null;
  bloodThinnerClass: BloodThinnerClass;
  diabetesClass: DiabetesMedicineClass;
};

function medicine(
  genericName: string,
  displayName: string,
  drivingCategory: DrivingCategory,
  bloodThinnerClass: BloodThinnerClass,
  drivingLimitMcgPerL: number | null = null,
  diabetesClass: DiabetesMedicineClass = 'NONE',
): CatalogueMedicine {
  return { genericName, displayName, drivingCategory, drivingLimitMcgPerL, bloodThinnerClass, diabetesClass };
}

function diabetes(genericName: string, displayName: string, diabetesClass: DiabetesMedicineClass): CatalogueMedicine {
  return medicine(genericName, displayName, 'NONE', 'NONE', null, diabetesClass);
}

export const MEDICINES: readonly CatalogueMedicine[] = [
  // Specified in regulations under s5A Road Traffic Act 1988, with their limits (micrograms/litre).
  medicine('clonazepam', 'Clonazepam', 'SPECIFIED_LIMIT', 'NONE', 50),
  medicine('diazepam', 'Diazepam', 'SPECIFIED_LIMIT', 'NONE', 550),
  medicine('flunitrazepam', 'Flunitrazepam', 'SPECIFIED_LIMIT', 'NONE', 300),
  medicine('lorazepam', 'Lorazepam', 'SPECIFIED_LIMIT', 'NONE', 100),
  medicine('methadone', 'Methadone', 'SPECIFIED_LIMIT', 'NONE', 500),
  medicine('morphine', 'Morphine', 'SPECIFIED_LIMIT', 'NONE', 80),
  medicine('oxazepam', 'Oxazepam', 'SPECIFIED_LIMIT', 'NONE', 300),
  medicine('temazepam', 'Temazepam', 'SPECIFIED_LIMIT', 'NONE', 1000),
  medicine('amphetamine', 'Amphetamine', 'SPECIFIED_LIMIT', 'NONE', 250),

  // Other medicines that can impair driving (clinical-facts.md): no specified limit, the impairment offence applies.
  medicine('alprazolam', 'Alprazolam', 'OTHER_IMPAIRING', 'NONE'),
  medicine('chlordiazepoxide', 'Chlordiazepoxide', 'OTHER_IMPAIRING', 'NONE'),
  medicine('nitrazepam', 'Nitrazepam', 'OTHER_IMPAIRING', 'NONE'),
  medicine('clobazam', 'Clobazam', 'OTHER_IMPAIRING', 'NONE'),
  medicine('zopiclone', 'Zopiclone', 'OTHER_IMPAIRING', 'NONE'),
  medicine('zolpidem', 'Zolpidem', 'OTHER_IMPAIRING', 'NONE'),
  medicine('baclofen', 'Baclofen', 'OTHER_IMPAIRING', 'NONE'),
  medicine('tizanidine', 'Tizanidine', 'OTHER_IMPAIRING', 'NONE'),
  medicine('ketamine', 'Ketamine', 'OTHER_IMPAIRING', 'NONE'),
  medicine('dexamfetamine', 'Dexamfetamine', 'OTHER_IMPAIRING', 'NONE'),
  medicine('lisdexamfetamine', 'Lisdexamfetamine', 'OTHER_IMPAIRING', 'NONE'),
  medicine('methylphenidate', 'Methylphenidate', 'OTHER_IMPAIRING', 'NONE'),

  // Opioids without a specified limit: only the impairment offence applies.
  medicine('codeine', 'Codeine', 'OTHER_OPIOID', 'NONE'),
  medicine('dihydrocodeine', 'Dihydrocodeine', 'OTHER_OPIOID', 'NONE'),
  medicine('tramadol', 'Tramadol', 'OTHER_OPIOID', 'NONE'),
  medicine('oxycodone', 'Oxycodone', 'OTHER_OPIOID', 'NONE'),
  medicine('tapentadol', 'Tapentadol', 'OTHER_OPIOID', 'NONE'),
  medicine('buprenorphine', 'Buprenorphine', 'OTHER_OPIOID', 'NONE'),
  medicine('fentanyl', 'Fentanyl', 'OTHER_OPIOID', 'NONE'),

  medicine('gabapentin', 'Gabapentin', 'GABAPENTINOID', 'NONE'),
  medicine('pregabalin', 'Pregabalin', 'GABAPENTINOID', 'NONE'),

  medicine('amitriptyline', 'Amitriptyline', 'SEDATING_ANTIDEPRESSANT', 'NONE'),
  medicine('nortriptyline', 'Nortriptyline', 'SEDATING_ANTIDEPRESSANT', 'NONE'),
  medicine('duloxetine', 'Duloxetine', 'SEDATING_ANTIDEPRESSANT', 'NONE'),

  // Prescribed cannabis-based medicines: the THC limit (2 micrograms/litre) applies, with a medical defence.
  medicine('nabiximols', 'Nabiximols (Sativex)', 'CANNABIS_BASED', 'NONE', 2),
  medicine('medicinal cannabis (thc)', 'Medicinal cannabis (THC)', 'CANNABIS_BASED', 'NONE', 2),

  medicine('warfarin', 'Warfarin', 'NONE', 'WARFARIN'),
  medicine('enoxaparin', 'Enoxaparin', 'NONE', 'LMWH'),
  medicine('dalteparin', 'Dalteparin', 'NONE', 'LMWH'),
  medicine('aspirin', 'Aspirin', 'NONE', 'ASPIRIN'),
  medicine('ibuprofen', 'Ibuprofen', 'NONE', 'NSAID'),
  medicine('diclofenac', 'Diclofenac', 'NONE', 'NSAID'),
  medicine('naproxen', 'Naproxen', 'NONE', 'NSAID'),
  medicine('meloxicam', 'Meloxicam', 'NONE', 'NSAID'),
  medicine('clopidogrel', 'Clopidogrel', 'NONE', 'P2Y12_INHIBITOR'),
  medicine('prasugrel', 'Prasugrel', 'NONE', 'P2Y12_INHIBITOR'),
  medicine('ticagrelor', 'Ticagrelor', 'NONE', 'P2Y12_INHIBITOR'),
  medicine('apixaban', 'Apixaban', 'NONE', 'FACTOR_XA_INHIBITOR'),
  medicine('rivaroxaban', 'Rivaroxaban', 'NONE', 'FACTOR_XA_INHIBITOR'),
  medicine('edoxaban', 'Edoxaban', 'NONE', 'FACTOR_XA_INHIBITOR'),
  medicine('dabigatran', 'Dabigatran', 'NONE', 'DABIGATRAN'),

  // Diabetes medicines, by how they behave around a fast (clinical-facts.md): insulin and sulfonylureas risk a
  // low sugar, SGLT2 inhibitors ketoacidosis. The leaflet never tells the patient what to do with any of them
  // around a fast: a clinician records it (DiabetesMedicinePlan).
  diabetes('insulin', 'Insulin', 'INSULIN'),
  diabetes('gliclazide', 'Gliclazide', 'SULFONYLUREA'),
  diabetes('glimepiride', 'Glimepiride', 'SULFONYLUREA'),
  diabetes('glipizide', 'Glipizide', 'SULFONYLUREA'),
  diabetes('tolbutamide', 'Tolbutamide', 'SULFONYLUREA'),
  diabetes('dapagliflozin', 'Dapagliflozin', 'SGLT2_INHIBITOR'),
  diabetes('empagliflozin', 'Empagliflozin', 'SGLT2_INHIBITOR'),
  diabetes('canagliflozin', 'Canagliflozin', 'SGLT2_INHIBITOR'),
  diabetes('ertugliflozin', 'Ertugliflozin', 'SGLT2_INHIBITOR'),
  diabetes('semaglutide', 'Semaglutide', 'GLP1_AGONIST'),
  diabetes('liraglutide', 'Liraglutide', 'GLP1_AGONIST'),
  diabetes('dulaglutide', 'Dulaglutide', 'GLP1_AGONIST'),
  diabetes('exenatide', 'Exenatide', 'GLP1_AGONIST'),
  diabetes('metformin', 'Metformin', 'METFORMIN'),
  diabetes('sitagliptin', 'Sitagliptin', 'OTHER'),
  diabetes('linagliptin', 'Linagliptin', 'OTHER'),
  diabetes('alogliptin', 'Alogliptin', 'OTHER'),
  diabetes('pioglitazone', 'Pioglitazone', 'OTHER'),

  // Common medicines that change neither driving, blood-thinner nor diabetes advice.
  medicine('paracetamol', 'Paracetamol', 'NONE', 'NONE'),
  medicine('omeprazole', 'Omeprazole', 'NONE', 'NONE'),
  medicine('atorvastatin', 'Atorvastatin', 'NONE', 'NONE'),
  medicine('ramipril', 'Ramipril', 'NONE', 'NONE'),
  medicine('levothyroxine', 'Levothyroxine', 'NONE', 'NONE'),
];

/**
 * Diabetes medicines whose use around a fast needs an instruction a clinician recorded (clinical-facts.md):
 * insulin and sulfonylureas risk a low sugar, SGLT2 inhibitors ketoacidosis. The others (metformin, GLP-1
 * agonists, other) carry less risk, but the leaflet still never says "as usual" beside a fast for any of them:
 * the clinician states it. So every class but NONE needs a plan when the patient fasts.
 */
export const HIGH_RISK_AROUND_FAST: readonly DiabetesMedicineClass[] = ['INSULIN', 'SULFONYLUREA', 'SGLT2_INHIBITOR'];

export function needsPlanAroundFast(diabetesClass: DiabetesMedicineClass): boolean {
  return diabetesClass !== 'NONE';
}

/** Looks a medicine up by generic name, ignoring case and surrounding spaces. */
export function findCatalogueMedicine(name: string): CatalogueMedicine | undefined {
  const key = name.trim().toLowerCase();
  if (key === '') return undefined;
  return MEDICINES.find((entry) => entry.genericName === key);
}
