import { describe, expect, it } from 'vitest';
import { hasPhoneNumber, phoneRouteFlags } from './phone-route';

const patient = { mobilePhone: '07700 900123', communicationNeeds: [] as string[], interpreterLanguage: null };

describe('phoneRouteFlags', () => {
  it('has nothing to say for a patient with a number and no communication need', () => {
    expect(phoneRouteFlags(patient)).toEqual([]);
  });

  it('offers the right alternative for no number, BSL and an interpreter', () => {
    expect(phoneRouteFlags({ ...patient, mobilePhone: '  ' })).toEqual(['No phone number on record: add one or book face to face']);
    expect(phoneRouteFlags({ ...patient, communicationNeeds: ['BSL'] })).toEqual(['Uses BSL: a phone call will not work, offer video or face to face']);
    expect(phoneRouteFlags({ ...patient, communicationNeeds: ['INTERPRETER'], interpreterLanguage: 'Polish' })).toEqual([
      'Needs an interpreter (Polish): book an interpreter for the call',
    ]);
    expect(phoneRouteFlags({ ...patient, communicationNeeds: ['LARGE_PRINT'] })).toEqual([]);
  });

  it('counts only a non-empty number as a phone route', () => {
    expect(hasPhoneNumber({ mobilePhone: null })).toBe(false);
    expect(hasPhoneNumber({ mobilePhone: '' })).toBe(false);
    expect(hasPhoneNumber({ mobilePhone: '01622 729000' })).toBe(true);
  });
});
