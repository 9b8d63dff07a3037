import { describe, expect, it } from 'vitest';
import { MEDICINES, findCatalogueMedicine, needsPlanAroundFast } from './catalogue';

describe('medicines catalogue', () => {
  it('keys every medicine by a unique lower-case generic name', () => {
    const names = MEDICINES.map((m) => m.genericName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toBe(name.toLowerCase());
  });

  it('carries the s5A limits for exactly the specified medicines', () => {
    const specified = Object.fromEntries(
      MEDICINES.filter((m) => m.drivingCategory === 'SPECIFIED_LIMIT').map((m) => [m.genericName, m.drivingLimitMcgPerL]),
    );
    expect(specified).toEqual({
      clonazepam: 50,
      diazepam: 550,
      flunitrazepam: 300,
      lorazepam: 100,
      methadone: 500,
      morphine: 80,
      oxazepam: 300,
      temazepam: 1000,
      amphetamine: 250,
    });
  });

  it('classifies driving and blood-thinner groups', () => {
    const byCategory = (category: string) =>
      MEDICINES.filter((m) => m.drivingCategory === category).map((m) => m.genericName).sort();
    expect(byCategory('OTHER_OPIOID')).toEqual(
      ['buprenorphine', 'codeine', 'dihydrocodeine', 'fentanyl', 'oxycodone', 'tapentadol', 'tramadol'],
    );
    expect(byCategory('GABAPENTINOID')).toEqual(['gabapentin', 'pregabalin']);
    expect(byCategory('SEDATING_ANTIDEPRESSANT')).toEqual(['amitriptyline', 'duloxetine', 'nortriptyline']);
    expect(byCategory('CANNABIS_BASED').length).toBeGreaterThan(0);
    // Impairing medicines without a specified limit (clinical-facts.md: "belong in the catalogue").
    expect(byCategory('OTHER_IMPAIRING')).toEqual(
      expect.arrayContaining(['alprazolam', 'baclofen', 'chlordiazepoxide', 'dexamfetamine', 'ketamine', 'lisdexamfetamine', 'methylphenidate', 'nitrazepam', 'tizanidine', 'zolpidem', 'zopiclone']),
    );
    for (const m of MEDICINES.filter((x) => x.drivingCategory === 'OTHER_IMPAIRING')) expect(m.drivingLimitMcgPerL).toBeNull();

    const thinner = (name: string) => findCatalogueMedicine(name)?.bloodThinnerClass;
    expect(thinner('warfarin')).toBe('WARFARIN');
    expect(thinner('enoxaparin')).toBe('LMWH');
    expect(thinner('aspirin')).toBe('ASPIRIN');
    expect(['ibuprofen', 'diclofenac', 'naproxen', 'meloxicam'].map(thinner)).toEqual(Array(4).fill('NSAID'));
    expect(['clopidogrel', 'prasugrel', 'ticagrelor'].map(thinner)).toEqual(Array(3).fill('P2Y12_INHIBITOR'));
    expect(['apixaban', 'rivaroxaban', 'edoxaban'].map(thinner)).toEqual(Array(3).fill('FACTOR_XA_INHIBITOR'));
    expect(thinner('dabigatran')).toBe('DABIGATRAN');
    expect(findCatalogueMedicine('paracetamol')).toMatchObject({ drivingCategory: 'NONE', bloodThinnerClass: 'NONE' });
  });

  it('classifies diabetes medicines by how they behave around a fast, and every one of them needs a clinician plan', () => {
    const byClass = (diabetesClass: string) =>
      MEDICINES.filter((m) => m.diabetesClass === diabetesClass).map((m) => m.genericName).sort();
    expect(byClass('INSULIN')).toEqual(['insulin']);
    expect(byClass('SULFONYLUREA')).toEqual(['glimepiride', 'glipizide', 'gliclazide', 'tolbutamide'].sort());
    expect(byClass('SGLT2_INHIBITOR')).toEqual(['canagliflozin', 'dapagliflozin', 'empagliflozin', 'ertugliflozin']);
    expect(byClass('GLP1_AGONIST')).toEqual(['dulaglutide', 'exenatide', 'liraglutide', 'semaglutide']);
    expect(byClass('METFORMIN')).toEqual(['metformin']);
    expect(byClass('OTHER')).toEqual(expect.arrayContaining(['linagliptin', 'pioglitazone', 'sitagliptin']));
    for (const m of MEDICINES.filter((x) => x.diabetesClass !== 'NONE')) {
      expect(needsPlanAroundFast(m.diabetesClass)).toBe(true);
      expect(m).toMatchObject({ drivingCategory: 'NONE', bloodThinnerClass: 'NONE' });
    }
    expect(needsPlanAroundFast(findCatalogueMedicine('paracetamol')!.diabetesClass)).toBe(false);
  });

  it('finds a medicine by generic name whatever its case and surrounding spaces, and nothing else', () => {
    expect(findCatalogueMedicine('  Pregabalin ')?.genericName).toBe('pregabalin');
    expect(findCatalogueMedicine('MORPHINE')?.drivingLimitMcgPerL).toBe(80);
    expect(findCatalogueMedicine('Lyrica')).toBeUndefined();
    expect(findCatalogueMedicine('')).toBeUndefined();
  });
});
