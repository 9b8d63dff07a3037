// When a patient takes the last dose of a medicine a clinician has planned to stop, written so it can be
// followed without doing sums (clinical-facts.md: "last doses are clearest written by day"). Pure; Europe/London.
//
// A stop of at least two whole days is written by day: the last dose day is the last calendar day that ends
// no later than (start - interval), so a dose at any time that day keeps the gap at least the interval, and
// the patient takes none from the next day until after the procedure. Shorter intervals (for example a
// prophylactic heparin 12 hours before) lose too much by rounding to days, so they keep a clock time.
import { DateTime } from 'luxon';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const ZONE = UNIT_TIME_ZONE;

export type StopSchedule =
  | {
      kind: 'BY_DAY';
      /** The earliest instant the gap would still hold: start minus the interval. */
      cutoff: DateTime;
      /** Local date (start of day, Europe/London) of the last day a dose may be taken. */
      lastDoseDay: DateTime;
      /** The first and last local dates on which none is taken (the last is the procedure day). */
      noneFrom: DateTime;
      noneUntil: DateTime;
    }
  | { kind: 'BY_TIME'; cutoff: DateTime };

export function stopSchedule(start: DateTime, stopBeforeHours: number): StopSchedule {
  const localStart = start.setZone(ZONE);
  // Elapsed hours, not wall-clock days: across a clock change the gap stays at least the hours planned.
  const cutoff = localStart.minus({ hours: stopBeforeHours });
  if (stopBeforeHours < 48 || stopBeforeHours % 24 !== 0) return { kind: 'BY_TIME', cutoff };
  const cutoffDay = cutoff.startOf('day');
  // A cutoff exactly at midnight ends the day before it; any other cutoff falls inside its day, so the day before.
  const lastDoseDay = cutoffDay.minus({ days: 1 });
  return { kind: 'BY_DAY', cutoff, lastDoseDay, noneFrom: lastDoseDay.plus({ days: 1 }), noneUntil: localStart.startOf('day') };
}

/**
 * The last moment the patient could still follow the plan: the end of the last dose day (by day) or the
 * cutoff (by time). A booking whose moment is already past, or within a day of now, leaves the patient no
 * time to be told (DESIGN rule 11).
 */
export function lastDoseDeadline(start: DateTime, stopBeforeHours: number): DateTime {
  const schedule = stopSchedule(start, stopBeforeHours);
  return schedule.kind === 'BY_DAY' ? schedule.lastDoseDay.endOf('day') : schedule.cutoff;
}

export const MINIMUM_NOTICE_HOURS = 24;

/** True when a stop of this length can still be followed if the patient is told now. */
export function leavesTimeToStop(now: DateTime, start: DateTime, stopBeforeHours: number): boolean {
  return lastDoseDeadline(start, stopBeforeHours) >= now.plus({ hours: MINIMUM_NOTICE_HOURS });
}
