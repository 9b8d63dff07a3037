// The admin's view of leaflet content governance: every part with its version and review date, and which parts
// are past review or due soon (DESIGN.md "Leaflets": a leaflet past its review date is flagged to admins).
// Pure: `today` (a Europe/London calendar date, yyyy-MM-dd) is passed in.
import { DateTime } from 'luxon';
import type { LeafletPart } from './leaflet-part';

/** A part is "review due" this many days ahead of its review date. */
export const REVIEW_DUE_DAYS = 60;

export type ReviewState = 'PAST_REVIEW' | 'REVIEW_DUE' | 'IN_DATE';

/** PAST_REVIEW when the review date is before today; REVIEW_DUE when it is today or within REVIEW_DUE_DAYS. */
export function reviewState(review: string, today: string): ReviewState {
  if (review < today) return 'PAST_REVIEW';
  const dueFrom = DateTime.fromISO(review, { zone: 'utc' }).minus({ days: REVIEW_DUE_DAYS }).toISODate()!;
  return today >= dueFrom ? 'REVIEW_DUE' : 'IN_DATE';
}

export type LeafletAdminRow = {
  key: string;
  title: string;
  reference: string;
  version: string;
  updated: string;
  review: string;
  owner: string;
  signedOff: boolean;
  reviewState: ReviewState;
  unconfirmed: string[];
};

export type LeafletAdminView = {
  rows: LeafletAdminRow[];
  pastReview: number;
  reviewDue: number;
  pendingSignOff: number;
  /** Parts whose text holds facts marked unconfirmed, for clinical sign-off. */
  withUnconfirmed: LeafletAdminRow[];
};

export function leafletAdminView(parts: readonly LeafletPart[], today: string): LeafletAdminView {
  const rows = [...parts]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((p) => ({
      key: p.key,
      title: p.title,
      reference: p.reference,
      version: p.version,
      updated: p.updated,
      review: p.review,
      owner: p.owner,
      signedOff: p.signOff.trim().toLowerCase() === 'signed',
      reviewState: reviewState(p.review, today),
      unconfirmed: p.unconfirmed,
    }));
  return {
    rows,
    pastReview: rows.filter((r) => r.reviewState === 'PAST_REVIEW').length,
    reviewDue: rows.filter((r) => r.reviewState === 'REVIEW_DUE').length,
    pendingSignOff: rows.filter((r) => !r.signedOff).length,
    withUnconfirmed: rows.filter((r) => r.unconfirmed.length > 0),
  };
}
