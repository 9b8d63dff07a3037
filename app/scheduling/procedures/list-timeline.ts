// Where a case goes on a procedure list. Pure: instants in, instants out; the clock is never read.
//
// Cases run one after another from the list's start. A cancelled case leaves a gap: the cases after it
// keep their times (their patients have been told when to arrive), and the gap is offered to the waiting
// list. So a new case goes into the earliest gap long enough for it, not simply after the last case.
// Durations are real elapsed minutes, as in planListTimes.
import { DomainError } from '~/errors';
import type { PlannedCase, TimeRange } from '../session-times';

/** Patients are asked to arrive this long before their planned start (admission, checks, consent). */
export const ARRIVAL_LEAD_MINUTES = 30;

const MINUTE = 60_000;

/** The free intervals of a list: its window minus the busy cases, in time order. */
export function freeGaps(window: TimeRange, busy: readonly TimeRange[]): TimeRange[] {
  const sorted = [...busy].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const gaps: TimeRange[] = [];
  let cursor = window.startsAt.getTime();
  const end = window.endsAt.getTime();
  for (const range of sorted) {
    const start = Math.max(range.startsAt.getTime(), window.startsAt.getTime());
    if (start > cursor) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(Math.min(start, end)) });
    cursor = Math.max(cursor, range.endsAt.getTime());
    if (cursor >= end) break;
  }
  if (cursor < end) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(end) });
  return gaps.filter((gap) => gap.endsAt > gap.startsAt);
}

export function gapMinutes(gap: TimeRange): number {
  return Math.floor((gap.endsAt.getTime() - gap.startsAt.getTime()) / MINUTE);
}

function planned(startsAt: number, minutes: number, arrivalLeadMinutes: number): PlannedCase {
  return {
    startsAt: new Date(startsAt),
    endsAt: new Date(startsAt + minutes * MINUTE),
    arrivalAt: new Date(startsAt - arrivalLeadMinutes * MINUTE),
  };
}

function checkMinutes(minutes: number) {
  if (!Number.isInteger(minutes) || minutes <= 0) {
    throw new DomainError('INVALID_INPUT', `A case must last a whole number of minutes, not ${minutes}`);
  }
}

/**
 * The planned times of a case of `minutes` at the start of the earliest gap long enough for it, or null
 * if no gap is (the list's minutes may be free but split into pieces too short).
 */
export function placeInEarliestGap(
  window: TimeRange,
  busy: readonly TimeRange[],
  minutes: number,
  arrivalLeadMinutes = ARRIVAL_LEAD_MINUTES,
): PlannedCase | null {
  checkMinutes(minutes);
  const gap = freeGaps(window, busy).find((g) => gapMinutes(g) >= minutes);
  return gap ? planned(gap.startsAt.getTime(), minutes, arrivalLeadMinutes) : null;
}

/**
 * The planned times of a case put at the start of the free interval that contains `at` (a gap a clerk
 * chose, e.g. one freed by a cancellation), or null if that time is no longer free or the gap is too short.
 */
export function placeInGapAt(
  window: TimeRange,
  busy: readonly TimeRange[],
  at: Date,
  minutes: number,
  arrivalLeadMinutes = ARRIVAL_LEAD_MINUTES,
): PlannedCase | null {
  checkMinutes(minutes);
  const gap = freeGaps(window, busy).find((g) => g.startsAt <= at && at < g.endsAt);
  return gap && gapMinutes(gap) >= minutes ? planned(gap.startsAt.getTime(), minutes, arrivalLeadMinutes) : null;
}

/** The free intervals that overlap `range` (what is still free of a cancelled case's time), largest first. */
export function gapsOverlapping(window: TimeRange, busy: readonly TimeRange[], range: TimeRange): TimeRange[] {
  return freeGaps(window, busy)
    .filter((gap) => gap.startsAt < range.endsAt && range.startsAt < gap.endsAt)
    .sort((a, b) => gapMinutes(b) - gapMinutes(a) || a.startsAt.getTime() - b.startsAt.getTime());
}
