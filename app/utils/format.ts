// Display formats. Instants are shown in Europe/London; calendar dates (stored as UTC midnight)
// are shown as the same calendar date whatever the machine's zone.
import { DateTime } from 'luxon';
import { UNIT_TIME_ZONE } from './time-zone';


/** "27 March 1956" for a date-only value. */
export function formatDate(date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'utc' }).toFormat('d LLLL yyyy');
}

/** "Thursday 1 April 2027, 8:15am" for an instant, in Europe/London. */
export function formatDateTime(instant: Date): string {
  const dt = DateTime.fromJSDate(instant, { zone: UNIT_TIME_ZONE });
  return `${dt.toFormat('cccc d LLLL yyyy')}, ${formatTime(instant)}`;
}

/** "8:15am" / "1:30pm" in Europe/London. */
export function formatTime(instant: Date): string {
  const dt = DateTime.fromJSDate(instant, { zone: UNIT_TIME_ZONE });
  return `${dt.toFormat(dt.minute === 0 ? 'h' : 'h:mm')}${dt.hour < 12 ? 'am' : 'pm'}`;
}

/** "Sunday 28 March 2027" for an instant, in Europe/London. */
export function formatLongDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: UNIT_TIME_ZONE }).toFormat('cccc d LLLL yyyy');
}

/** "28 March 2027" for an instant, in Europe/London. */
export function formatShortDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: UNIT_TIME_ZONE }).toFormat('d LLLL yyyy');
}

/** "8:30am to 12pm" */
export function formatTimeRange(startsAt: Date, endsAt: Date): string {
  return `${formatTime(startsAt)} to ${formatTime(endsAt)}`;
}

export function londonToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: UNIT_TIME_ZONE }).toISODate()!;
}

/** Whole years between a date of birth and `now` (in Europe/London). */
export function ageOn(dateOfBirth: Date, now: Date): number {
  const dob = DateTime.fromJSDate(dateOfBirth, { zone: 'utc' });
  const today = DateTime.fromISO(londonToday(now), { zone: 'utc' });
  return Math.floor(today.diff(dob, 'years').years);
}

export function pageTitle(name: string) {
  return [{ title: `${name} - PainDesk` }];
}

export function titleCase(code: string) {
  const s = code.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
