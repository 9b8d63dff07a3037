import { describe, expect, it } from 'vitest';
import { PROCEDURE_CODES, PROCEDURE_TYPES, SITES, findProcedureTypeReference, findSiteReference } from './reference-data';

describe('site reference data', () => {
  it('has the three sites, with the interventional suite only at Maidstone', () => {
    expect(SITES.map((s) => s.code)).toEqual(['MAIDSTONE', 'TUNBRIDGE_WELLS', 'SEVENOAKS']);
    expect(SITES.filter((s) => s.hasInterventionalSuite).map((s) => s.code)).toEqual(['MAIDSTONE']);
    expect(findSiteReference('MAIDSTONE')?.unitName).toBe('Chronic Pain Unit, Hutchinson Suite, level 1');
  });
});

describe('procedure type reference data', () => {
  it('has one entry per stable code, with a kebab-case leaflet set', () => {
    expect(PROCEDURE_TYPES.map((p) => p.code)).toEqual([...PROCEDURE_CODES]);
    expect(findProcedureTypeReference('RADIOFREQUENCY_DENERVATION')?.leafletSet).toBe('radiofrequency-denervation');
    for (const type of PROCEDURE_TYPES) {
      expect(type.leafletSet).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(type.allowedGuidance.length).toBeGreaterThan(0);
      expect(type.defaultMinutes).toBeGreaterThanOrEqual(20);
      expect(type.defaultMinutes).toBeLessThanOrEqual(45);
    }
  });

  it('sets guidance and bleeding risk per clinical-facts.md', () => {
    const get = (code: string) => findProcedureTypeReference(code)!;
    expect(get('NERVE_ROOT_BLOCK').allowedGuidance).toEqual(['XRAY']);
    expect(get('PLEXUS_BLOCK').allowedGuidance).toEqual(['ULTRASOUND']);
    const risk = Object.fromEntries(PROCEDURE_TYPES.map((p) => [p.code, p.bleedingRisk]));
    expect(risk).toEqual({
      FACET_JOINT_INJECTION: 'LOW',
      MEDIAL_BRANCH_BLOCK: 'LOW',
      RADIOFREQUENCY_DENERVATION: 'LOW',
      SI_JOINT_INJECTION: 'LOW',
      CAUDAL_EPIDURAL: 'INTERMEDIATE',
      INTERLAMINAR_EPIDURAL: 'INTERMEDIATE',
      TRANSFORAMINAL_EPIDURAL: 'INTERMEDIATE',
      NERVE_ROOT_BLOCK: 'INTERMEDIATE',
      PLEXUS_BLOCK: 'INTERMEDIATE',
    });
  });
});
