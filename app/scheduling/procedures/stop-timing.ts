// Does a case's time leave the patient time to stop their medicines as planned (DESIGN.md rule 11)? Pure.
//
// Every counting STOP plan of the request is checked with leavesTimeToStop: the last dose must not be past
// or within a day of now. A plan that does not count yet is a readiness problem (readiness.ts), not a timing
// one: it has no confirmed interval to check.
import { DateTime } from 'luxon';
import { ZONE, leavesTimeToStop } from '~/medicines/stop-dates';
import { planCounts, type ReadinessPlan } from './readiness';
import { formatLongDate } from '~/utils/format';

export type TimedPlan = ReadinessPlan & { medicine: { displayName: string } };

export type TooSoonToStop = {
  medicine: string;
  stopBeforeHours: number;
  /** The first day on which a case at the same time of day would leave enough time. */
  earliestDate: Date;
};

/** How far ahead to look for the earliest workable day (far beyond any stop interval). */
const SEARCH_DAYS = 60;

function earliestWorkableStart(now: DateTime, start: DateTime, hours: number): DateTime {
  let candidate = start;
  for (let day = 0; day < SEARCH_DAYS && !leavesTimeToStop(now, candidate, hours); day++) candidate = candidate.plus({ days: 1 });
  return candidate;
}

/** The planned stops this case's start leaves too little time for; empty when it is fine. */
export function stopsTooSoon(now: Date, caseStart: Date, plans: readonly TimedPlan[]): TooSoonToStop[] {
  const nowTime = DateTime.fromJSDate(now);
  // In Europe/London, so 'the same time on a later day' keeps the local time across a clock change.
  const start = DateTime.fromJSDate(caseStart, { zone: ZONE });
  return plans
    .filter((p) => p.action === 'STOP' && p.stopBeforeHours !== null && planCounts(p))
    .filter((p) => !leavesTimeToStop(nowTime, start, p.stopBeforeHours!))
    .map((p) => ({
      medicine: p.medicine.displayName,
      stopBeforeHours: p.stopBeforeHours!,
      earliestDate: earliestWorkableStart(nowTime, start, p.stopBeforeHours!).toJSDate(),
    }));
}

/** For the list chooser and the error: "Too soon to stop Warfarin as planned (5 days before): the earliest list that works is on ..." */
export function tooSoonMessage(problems: readonly TooSoonToStop[]): string {
  const latest = problems.reduce((a, b) => (b.earliestDate > a.earliestDate ? b : a));
  const names = problems.map((p) => `${p.medicine} (stop ${describeHours(p.stopBeforeHours)} before)`).join(' and ');
  return `This list is too soon for the patient to stop ${names} as planned. Choose a list on or after ${formatLongDate(latest.earliestDate)}, or record why a clinician agrees to book it anyway.`;
}

/** A short label for the chooser. */
export function tooSoonLabel(problems: readonly TooSoonToStop[]): string {
  return `Too soon to stop ${problems.map((p) => p.medicine).join(' and ')}`;
}

function describeHours(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  return `${hours} hours`;
}
