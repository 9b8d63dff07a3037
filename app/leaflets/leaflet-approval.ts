// Only approved content reaches a patient (DESIGN.md rule 10): a leaflet part may be used for a patient only
// when a named clinician approved its exact file (partKey + SHA-256 of the file) and the part is within its
// review date. Editing the file changes its hash, so an approval never carries over to new words.
// Pure: the approvals and `today` (a Europe/London calendar date, yyyy-MM-dd) are passed in.
import type { LeafletPart } from './leaflet-part';

export type LeafletApprovalRecord = {
  partKey: string;
  contentHash: string;
  approvedBy: string;
  approvedAt: Date;
  /** Made by the demo seed, not by a clinician. */
  demo: boolean;
  revokedAt: Date | null;
};

export type ApprovalStatus =
  /** Approved for this exact content, not revoked. */
  | 'APPROVED'
  /** The approval of this exact content was revoked. */
  | 'REVOKED'
  /** An earlier content of the part was approved; this one is not. */
  | 'CHANGED_SINCE_APPROVAL'
  | 'NOT_APPROVED';

export type PartApproval = {
  status: ApprovalStatus;
  /** The approval of this content (APPROVED, REVOKED), or the newest of an earlier content (CHANGED_SINCE_APPROVAL). */
  approval: LeafletApprovalRecord | null;
};

export type BlockReason = 'NOT_APPROVED' | 'REVOKED' | 'CHANGED_SINCE_APPROVAL' | 'PAST_REVIEW';

export type PartBlock = { key: string; title: string; reasons: BlockReason[] };

type PartForApproval = Pick<LeafletPart, 'key' | 'title' | 'review' | 'contentHash'>;

/** The approval state of one part's current content. */
export function partApproval(part: Pick<LeafletPart, 'key' | 'contentHash'>, approvals: readonly LeafletApprovalRecord[]): PartApproval {
  const own = approvals.filter((a) => a.partKey === part.key);
  const exact = own.find((a) => a.contentHash === part.contentHash);
  if (exact) return { status: exact.revokedAt ? 'REVOKED' : 'APPROVED', approval: exact };
  const earlier = own.filter((a) => !a.revokedAt).sort((a, b) => b.approvedAt.getTime() - a.approvedAt.getTime())[0];
  return earlier ? { status: 'CHANGED_SINCE_APPROVAL', approval: earlier } : { status: 'NOT_APPROVED', approval: null };
}

/** Why a part may not be used for a patient today; empty when it may. */
export function blockReasons(part: PartForApproval, approvals: readonly LeafletApprovalRecord[], today: string): BlockReason[] {
  const reasons: BlockReason[] = [];
  const { status } = partApproval(part, approvals);
  if (status !== 'APPROVED') reasons.push(status);
  // Review on the day itself is still in date: the part is due, not past.
  if (part.review < today) reasons.push('PAST_REVIEW');
  return reasons;
}

/** The parts (of those a leaflet uses) that block it, each with its reasons, in the order given. */
export function blockingParts(parts: readonly PartForApproval[], approvals: readonly LeafletApprovalRecord[], today: string): PartBlock[] {
  const seen = new Set<string>();
  const blocks: PartBlock[] = [];
  for (const part of parts) {
    if (seen.has(part.key)) continue;
    seen.add(part.key);
    const reasons = blockReasons(part, approvals, today);
    if (reasons.length > 0) blocks.push({ key: part.key, title: part.title, reasons });
  }
  return blocks;
}

export const BLOCK_REASON_TEXT: Record<BlockReason, string> = {
  NOT_APPROVED: 'not approved by a doctor',
  REVOKED: 'its approval was withdrawn',
  CHANGED_SINCE_APPROVAL: 'changed since a doctor approved it',
  PAST_REVIEW: 'past its review date',
};

/** One line per part for staff: "Contacts (shared/contacts): not approved by a doctor; past its review date". */
export function describeBlock(block: PartBlock): string {
  return `${block.title} (${block.key}): ${block.reasons.map((r) => BLOCK_REASON_TEXT[r]).join('; ')}`;
}

/** The message of the refusal to make leaflets from blocked parts. */
export function blockedLeafletsMessage(blocks: readonly PartBlock[]): string {
  const list = blocks.map(describeBlock).join('. ');
  return `The leaflets cannot be made for a patient: ${blocks.length === 1 ? 'a part they use is' : 'parts they use are'} not approved for patients. ${list}.`;
}

/**
 * The outbox `lastError` of a message held because its leaflets use a part that is not approved: it stays
 * QUEUED, is looked at again every LEAFLET_HOLD_RECHECK_MS, and is released at once when a doctor approves a part.
 */
export const LEAFLET_HOLD_CODE = 'LEAFLET_NOT_APPROVED';
export const LEAFLET_HOLD_RECHECK_MS = 60 * 60_000;
