// How leaflets write dates, times and lists: Europe/London, in the style of the emails. Pure.
import type { DateTime } from 'luxon';
import { formatTime } from '~/utils/format';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export function formatLondonDate(at: DateTime): string {
  return at.setZone(UNIT_TIME_ZONE).setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** The app's "8:15am" / "1pm" (formatTime), but "midday" and "midnight": a leaflet never says "12am". */
export function formatLondonTime(at: DateTime): string {
  const local = at.setZone(UNIT_TIME_ZONE);
  if (local.minute === 0 && local.hour === 12) return 'midday';
  if (local.minute === 0 && local.hour === 0) return 'midnight';
  return formatTime(at.toJSDate());
}

/** "8:30am on Monday 29 March 2027" */
export function formatLondonTimeOnDate(at: DateTime): string {
  const local = at.setZone(UNIT_TIME_ZONE);
  // "Midnight on Friday" is read both ways; name the evening it ends instead.
  if (local.hour === 0 && local.minute === 0) return `midnight at the end of ${formatLondonDate(local.minus({ days: 1 }))}`;
  return `${formatLondonTime(at)} on ${formatLondonDate(at)}`;
}

export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

export function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
