import { describe, expect, it } from 'vitest';
import { leafletAdminView, reviewState, REVIEW_DUE_DAYS } from './leaflet-admin';
import type { LeafletApprovalRecord } from './leaflet-approval';
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
  it('sorts parts by key, counts past review, due and blocked parts, and lists parts with unconfirmed facts', () => {
    const approved = (key: string, hash: string, extra: Partial<LeafletApprovalRecord> = {}): LeafletApprovalRecord => ({
      partKey: key,
      contentHash: hash,
      approvedBy: 'Dr Imogen Hale',
      approvedAt: new Date('2027-01-05T10:00:00.000Z'),
      demo: false,
      revokedAt: null,
      ...extra,
    });
    const view = leafletAdminView(
      [
        part('shared/contacts', '2027-12-01', { contentHash: 'c'.repeat(64) }),
        part('shared/appointment', '2027-03-01'),
        part('caudal-epidural/about', '2027-04-30', { unconfirmed: ['Needle depth'], contentHash: 'd'.repeat(64) }),
        part('shared/fasting', '2027-02-01', { contentHash: 'f'.repeat(64) }),
      ],
      '2027-03-22',
      [
        approved('shared/contacts', 'c'.repeat(64)),
        approved('caudal-epidural/about', 'd'.repeat(64), { demo: true }),
        approved('shared/fasting', 'e'.repeat(64)),
      ],
    );
    expect(view.rows.map((r) => [r.key, r.reviewState, r.approval.status, r.blocks])).toEqual([
      ['caudal-epidural/about', 'REVIEW_DUE', 'APPROVED', []],
      ['shared/appointment', 'PAST_REVIEW', 'NOT_APPROVED', ['NOT_APPROVED', 'PAST_REVIEW']],
      ['shared/contacts', 'IN_DATE', 'APPROVED', []],
      ['shared/fasting', 'PAST_REVIEW', 'CHANGED_SINCE_APPROVAL', ['CHANGED_SINCE_APPROVAL', 'PAST_REVIEW']],
    ]);
    expect(view.rows[0]!.approval).toMatchObject({ by: 'Dr Imogen Hale', demo: true });
    expect(view).toMatchObject({ pastReview: 2, reviewDue: 1, blocked: 2, demoApprovals: 1 });
    expect(view.withUnconfirmed.map((r) => [r.key, r.unconfirmed])).toEqual([['caudal-epidural/about', ['Needle depth']]]);
  });
});
