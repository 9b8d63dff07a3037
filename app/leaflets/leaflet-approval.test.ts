import { describe, expect, it } from 'vitest';
import { blockedLeafletsMessage, blockingParts, blockReasons, partApproval, type LeafletApprovalRecord } from './leaflet-approval';

const HASH = 'a'.repeat(64);
const EDITED = 'b'.repeat(64);
const part = (key: string, overrides: { review?: string; contentHash?: string } = {}) => ({
  key,
  title: `Title of ${key}`,
  review: overrides.review ?? '2027-11-23',
  contentHash: overrides.contentHash ?? HASH,
});
const approval = (partKey: string, overrides: Partial<LeafletApprovalRecord> = {}): LeafletApprovalRecord => ({
  partKey,
  contentHash: HASH,
  approvedBy: 'Dr Imogen Hale',
  approvedAt: new Date('2027-01-05T10:00:00.000Z'),
  demo: false,
  revokedAt: null,
  ...overrides,
});
const TODAY = '2027-03-22';

describe('blockReasons: a part reaches a patient only when approved for its exact content and within review', () => {
  it('blocks a part nobody approved', () => {
    expect(blockReasons(part('shared/contacts'), [], TODAY)).toEqual(['NOT_APPROVED']);
    // An approval of another part does not count.
    expect(blockReasons(part('shared/contacts'), [approval('shared/fasting')], TODAY)).toEqual(['NOT_APPROVED']);
  });

  it('blocks a part whose file changed since it was approved (the hash differs)', () => {
    const approvals = [approval('shared/contacts')];
    expect(blockReasons(part('shared/contacts', { contentHash: EDITED }), approvals, TODAY)).toEqual(['CHANGED_SINCE_APPROVAL']);
    expect(partApproval(part('shared/contacts', { contentHash: EDITED }), approvals)).toMatchObject({
      status: 'CHANGED_SINCE_APPROVAL',
      approval: { approvedBy: 'Dr Imogen Hale' },
    });
  });

  it('blocks a part whose approval was withdrawn, even if an earlier text was approved too', () => {
    const approvals = [
      approval('shared/contacts', { contentHash: EDITED, approvedAt: new Date('2026-12-01T10:00:00.000Z') }),
      approval('shared/contacts', { revokedAt: new Date('2027-03-01T10:00:00.000Z') }),
    ];
    expect(blockReasons(part('shared/contacts'), approvals, TODAY)).toEqual(['REVOKED']);
  });

  it('blocks an approved part past its review date; the review day itself is still in date (Europe/London day passed in)', () => {
    const approvals = [approval('shared/contacts')];
    expect(blockReasons(part('shared/contacts', { review: '2027-03-21' }), approvals, TODAY)).toEqual(['PAST_REVIEW']);
    expect(blockReasons(part('shared/contacts', { review: '2027-03-22' }), approvals, TODAY)).toEqual([]);
    expect(blockReasons(part('shared/contacts', { review: '2027-03-21' }), [], TODAY)).toEqual(['NOT_APPROVED', 'PAST_REVIEW']);
  });

  it('lets an approved part within its review date through, demo approvals included', () => {
    expect(blockReasons(part('shared/contacts'), [approval('shared/contacts')], TODAY)).toEqual([]);
    expect(blockReasons(part('shared/contacts'), [approval('shared/contacts', { demo: true })], TODAY)).toEqual([]);
  });
});

describe('blockingParts', () => {
  it('lists each blocking part once, in order, with reasons; a message names every part', () => {
    const used = [part('shared/appointment'), part('shared/contacts', { review: '2027-01-01' }), part('shared/appointment'), part('shared/fasting')];
    const blocks = blockingParts(used, [approval('shared/contacts'), approval('shared/fasting')], TODAY);
    expect(blocks).toEqual([
      { key: 'shared/appointment', title: 'Title of shared/appointment', reasons: ['NOT_APPROVED'] },
      { key: 'shared/contacts', title: 'Title of shared/contacts', reasons: ['PAST_REVIEW'] },
    ]);
    const message = blockedLeafletsMessage(blocks);
    expect(message).toContain('Title of shared/appointment (shared/appointment): not approved by a doctor');
    expect(message).toContain('Title of shared/contacts (shared/contacts): past its review date');
    expect(blockingParts(used.filter((p) => p.key !== 'shared/appointment'), [approval('shared/contacts'), approval('shared/fasting')], '2026-12-31')).toEqual([]);
  });
});
