import { describe, expect, it } from 'vitest';
import { caseToLeafletInput } from './leaflet-case';
import { loadLeafletParts } from './leaflet-content.server';
import { buildLeaflets } from './leaflet-model';

const base = {
  patient: { firstName: 'Tomasz', lastName: 'Dąbrowski', nhsNumber: '9434765919', dateOfBirth: '1971-11-03', needs: [] },
  procedure: { code: 'MEDIAL_BRANCH_BLOCK', sedation: false },
  appointment: { start: '2027-03-28T09:00:00+01:00', siteCode: 'MAIDSTONE' },
  medicines: ['apixaban'],
};

describe('case files', () => {
  it('reads ISO-8601 durations as hours and a stop interval as a STOP plan', () => {
    expect(caseToLeafletInput({ ...base, bloodThinnerPlan: [{ medicine: 'apixaban', stopBefore: 'P2D', restartAfter: 'PT24H', confirmedBy: 'Dr Shah' }] })).toMatchObject({
      bloodThinnerPlan: [{ medicine: 'apixaban', action: 'STOP', stopBeforeHours: 48, restartAfterHours: 24, confirmedBy: 'Dr Shah' }],
    });
  });

  it('gives no stop instruction for a plan entry without an interval or action', () => {
    const input = caseToLeafletInput({ ...base, bloodThinnerPlan: [{ medicine: 'apixaban', confirmedBy: 'Dr Shah' }] });
    const text = JSON.stringify(buildLeaflets(input, loadLeafletParts()).before);
    expect(text).not.toContain('last dose');
    expect(text).toContain('we will contact you about your apixaban');
  });

  it('names the field of a bad duration', () => {
    expect(() => caseToLeafletInput({ ...base, bloodThinnerPlan: [{ medicine: 'apixaban', stopBefore: '48 hours', confirmedBy: 'Dr Shah' }] })).toThrow(
      'bloodThinnerPlan.0.stopBefore: must be an ISO-8601 duration',
    );
  });
});
