import { describe, expect, it } from 'vitest';
import { leafletAdminView, reviewState, REVIEW_DUE_DAYS } from './leaflet-admin';
import type { LeafletPart } from './leaflet-part';

function part(key: string, review: string, overrides: Partial<LeafletPart> = {}): LeafletPart {
  return {
    key,
    title: `Title of ${key}`,
    reference: `CPU/${key}`,
    version: '1.0',
    updated: '2026-01-10',
    review,
    owner: 'Chronic Pain Unit, Maidstone',
    signOff: 'pending',
    unconfirmed: [],
    body: 'Text',
    contentHash: 'a'.repeat(64),
    ...overrides,
  };
}

describe('reviewState', () => {
  const today = '2027-03-22';
  it('is past review only when the review date is before today', () => {
    expect(reviewState('2027-03-21', today)).toBe('PAST_REVIEW');
    expect(reviewState('2026-11-23', today)).toBe('PAST_REVIEW');
    expect(reviewState('2027-03-22', today)).toBe('REVIEW_DUE');
  });

  it(`is due within ${REVIEW_DUE_DAYS} days of the review date, counted in calendar days`, () => {
    // 22 March + 60 days = 21 May 2027.
    expect(reviewState('2027-05-21', today)).toBe('REVIEW_DUE');
    expect(reviewState('2027-05-22', today)).toBe('IN_DATE');
    expect(reviewState('2027-11-23', today)).toBe('IN_DATE');
  });

  it('counts across the clock change and a leap day as plain dates', () => {
    expect(reviewState('2028-04-29', '2028-02-29')).toBe('REVIEW_DUE');
    expect(reviewState('2028-04-30', '2028-02-29')).toBe('IN_DATE');
    expect(reviewState('2027-03-28', '2027-03-29')).toBe('PAST_REVIEW');
  });
});

describe('leafletAdminView', () => {
  it('sorts parts by key, counts past review, due and pending sign-off, and lists parts with unconfirmed facts', () => {
    const view = leafletAdminView(
      [
        part('shared/contacts', '2027-12-01', { signOff: 'signed' }),
        part('shared/appointment', '2027-03-01'),
        part('caudal-epidural/about', '2027-04-30', { unconfirmed: ['Needle depth'] }),
        part('shared/fasting', '2027-02-01', { signOff: 'Signed ' }),
      ],
      '2027-03-22',
    );
    expect(view.rows.map((r) => [r.key, r.reviewState, r.signedOff])).toEqual([
      ['caudal-epidural/about', 'REVIEW_DUE', false],
      ['shared/appointment', 'PAST_REVIEW', false],
      ['shared/contacts', 'IN_DATE', true],
      ['shared/fasting', 'PAST_REVIEW', true],
    ]);
    expect(view).toMatchObject({ pastReview: 2, reviewDue: 1, pendingSignOff: 2 });
    expect(view.withUnconfirmed.map((r) => [r.key, r.unconfirmed])).toEqual([['caudal-epidural/about', ['Needle depth']]]);
  });
});
