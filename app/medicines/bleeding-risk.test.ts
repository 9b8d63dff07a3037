import { describe, expect, it } from 'vitest';
import { PROCEDURE_TYPES, findProcedureTypeReference } from '~/scheduling/reference-data';
import { isCervical, procedureBleedingRisk, spinalRegions } from './bleeding-risk';

const type = (code: string) => findProcedureTypeReference(code)!;

describe('spinal regions from the recorded levels', () => {
  it.each([
    ['C5/6', ['CERVICAL']],
    ['C7/T1', ['CERVICAL', 'THORACIC']],
    ['left L4/5 and L5/S1', ['LUMBAR', 'SACRAL']],
    ['l3-l5', ['LUMBAR']],
    ['T12', ['THORACIC']],
    ['', []],
    ['both sides', []],
    ['L9', []],
  ] as const)('%s is %j', (levels, regions) => {
    expect(spinalRegions('FACET_JOINT_INJECTION', levels)).toEqual(regions);
  });

  it('a caudal epidural and an SI joint injection are sacral whatever is written', () => {
    expect(spinalRegions('CAUDAL_EPIDURAL', 'C5')).toEqual(['SACRAL']);
    expect(spinalRegions('SI_JOINT_INJECTION', undefined)).toEqual(['SACRAL']);
    expect(isCervical('SI_JOINT_INJECTION', 'C5')).toBe(false);
  });
});

describe('bleeding-risk category from the procedure and the level (ASRA 2018, 2019 update)', () => {
  it.each(['FACET_JOINT_INJECTION', 'MEDIAL_BRANCH_BLOCK', 'RADIOFREQUENCY_DENERVATION'])(
    '%s is intermediate at a cervical level and low at a lumbar or thoracic one',
    (code) => {
      expect(procedureBleedingRisk(type(code), 'C4/5')).toBe('INTERMEDIATE');
      expect(procedureBleedingRisk(type(code), 'C7/T1')).toBe('INTERMEDIATE');
      expect(procedureBleedingRisk(type(code), 'L4/5')).toBe('LOW');
      expect(procedureBleedingRisk(type(code), 'T10/11')).toBe('LOW');
    },
  );

  it('with no level recorded the higher (cervical) category is used, never the lower by guess', () => {
    expect(procedureBleedingRisk(type('MEDIAL_BRANCH_BLOCK'), null)).toBe('INTERMEDIATE');
  });

  it('types whose category does not depend on the level keep it', () => {
    for (const t of PROCEDURE_TYPES.filter((p) => p.cervicalBleedingRisk === null)) {
      expect(procedureBleedingRisk(t, 'C5/6')).toBe(t.bleedingRisk);
      expect(procedureBleedingRisk(t, 'L5/S1')).toBe(t.bleedingRisk);
    }
    expect(procedureBleedingRisk(type('INTERLAMINAR_EPIDURAL'), 'L4/5')).toBe('INTERMEDIATE');
    expect(procedureBleedingRisk(type('SI_JOINT_INJECTION'), undefined)).toBe('LOW');
  });
});
