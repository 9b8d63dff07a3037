// The admin's view of leaflet content governance: every part with its version, review date and approval, and
// which parts are past review, due soon, or not approved for patients (DESIGN.md "Leaflets" and rule 10).
// Pure: `today` (a Europe/London calendar date, yyyy-MM-dd) is passed in.
import { DateTime } from 'luxon';
import { blockReasons, partApproval, type ApprovalStatus, type BlockReason, type LeafletApprovalRecord } from './leaflet-approval';
import type { LeafletPart, LeafletPartHistory } from './leaflet-part';

/** A part is "review due" this many days ahead of its review date. */
export const REVIEW_DUE_DAYS = 60;

export type ReviewState = 'PAST_REVIEW' | 'REVIEW_DUE' | 'IN_DATE';

/** PAST_REVIEW when the review date is before today; REVIEW_DUE when it is today or within REVIEW_DUE_DAYS. */
export function reviewState(review: string, today: string): ReviewState {
  if (review < today) return 'PAST_REVIEW';
  const dueFrom = DateTime.fromISO(review, { zone: 'utc' }).minus({ days: REVIEW_DUE_DAYS }).toISODate()!;
  return today >= dueFrom ? 'REVIEW_DUE' : 'IN_DATE';
}

export type LeafletAdminRow = LeafletPartHistory & {
  /** SHA-256 of the file now: what an approval is for. */
  contentHash: string;
  approval: {
    status: ApprovalStatus;
    /** Who approved this content (APPROVED, REVOKED) or the earlier content (CHANGED_SINCE_APPROVAL), and when. */
    by: string | null;
    at: Date | null;
    revokedAt: Date | null;
    demo: boolean;
  };
  /** Why the part may not reach a patient today; empty when it may. */
  blocks: BlockReason[];
  reviewState: ReviewState;
  unconfirmed: string[];
};

export type LeafletAdminView = {
  rows: LeafletAdminRow[];
  pastReview: number;
  reviewDue: number;
  /** Parts that may not reach a patient today (not approved, changed, withdrawn or past review). */
  blocked: number;
  /** Approvals made by the demo data, not by a clinician. */
  demoApprovals: number;
  /** Parts whose text holds facts marked unconfirmed, for clinical sign-off. */
  withUnconfirmed: LeafletAdminRow[];
};

export function leafletAdminView(parts: readonly LeafletPart[], today: string, approvals: readonly LeafletApprovalRecord[] = []): LeafletAdminView {
  const rows = [...parts]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((p): LeafletAdminRow => {
      const { status, approval } = partApproval(p, approvals);
      return {
      key: p.key,
      title: p.title,
      reference: p.reference,
      version: p.version,
      updated: p.updated,
      review: p.review,
      owner: p.owner,
      contentHash: p.contentHash,
      approval: {
        status,
        by: approval?.approvedBy ?? null,
        at: approval?.approvedAt ?? null,
        revokedAt: approval?.revokedAt ?? null,
        demo: approval?.demo ?? false,
      },
      blocks: blockReasons(p, approvals, today),
      reviewState: reviewState(p.review, today),
      unconfirmed: p.unconfirmed,
      };
    });
  return {
    rows,
    pastReview: rows.filter((r) => r.reviewState === 'PAST_REVIEW').length,
    reviewDue: rows.filter((r) => r.reviewState === 'REVIEW_DUE').length,
    blocked: rows.filter((r) => r.blocks.length > 0).length,
    demoApprovals: rows.filter((r) => r.approval.status === 'APPROVED' && r.approval.demo).length,
    withUnconfirmed: rows.filter((r) => r.unconfirmed.length > 0),
  };
}
