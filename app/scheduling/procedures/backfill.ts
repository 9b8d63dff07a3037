// Backfill: when a case is cancelled, which waiting patients could have the freed time. Pure.
//
// A request fits when its guidance is the list's modality, it is no longer than the freed gap and the
// minutes the list has left, and its patient has no other appointment that day. The fits are offered
// most urgent first, then longest waiting, then the one that uses more of the gap; patients ready for the
// procedure (readiness.ts) come before those who are not, in that order within each group, because a gap
// that opens at short notice is best given to someone who can go ahead.
import type { Guidance } from '../reference-data';
import { gapMinutes } from './list-timeline';
import { PRIORITY_ORDER, type Priority } from './waiting-list';
import type { TimeRange } from '../session-times';

export type BackfillCandidate = {
  id: string;
  priority: Priority;
  /** yyyy-MM-dd */
  listedOn: string;
  minutes: number;
  guidance: Guidance;
  /** Local dates (yyyy-MM-dd) on which the patient already has an active appointment. */
  patientBusyDates: ReadonlySet<string>;
  /** From the readiness rule; a candidate without it counts as ready. */
  ready?: boolean;
};

export type BackfillGap = {
  gap: TimeRange;
  /** The list's local date, yyyy-MM-dd. */
  listDate: string;
  modality: Guidance;
  /** capacityMinutes - bookedMinutes: a gap can be longer than the minutes the list may still take. */
  minutesLeft: number;
};

export function fitsGap(candidate: BackfillCandidate, target: BackfillGap): boolean {
  return (
    candidate.guidance === target.modality &&
    candidate.minutes <= Math.min(gapMinutes(target.gap), target.minutesLeft) &&
    !candidate.patientBusyDates.has(target.listDate)
  );
}

export function rankBackfill<C extends BackfillCandidate>(candidates: readonly C[], target: BackfillGap, limit = 5): C[] {
  return candidates
    .filter((candidate) => fitsGap(candidate, target))
    .sort(
      (a, b) =>
        Number(a.ready === false) - Number(b.ready === false) ||
        PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
        (a.listedOn < b.listedOn ? -1 : a.listedOn > b.listedOn ? 1 : 0) ||
        b.minutes - a.minutes ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, limit);
}
