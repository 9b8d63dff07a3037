// Weeks for the list overview: Monday to Sunday in Europe/London. Pure.
import { addLocalDays, parseRequestedDate } from '../session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export type Week = { monday: string; sunday: string; previous: string; next: string };

/** The week (Monday to Sunday) containing a local date, yyyy-MM-dd. Throws INVALID_INPUT for a bad date or one outside FIRST_YEAR to LAST_YEAR. */
export function weekContaining(date: string, zone: string = UNIT_TIME_ZONE): Week {
  const day = parseRequestedDate(date, zone);
  const monday = day.minus({ days: day.weekday - 1 }).toISODate()!;
  return {
    monday,
    sunday: addLocalDays(monday, 6, zone),
    previous: addLocalDays(monday, -7, zone),
    next: addLocalDays(monday, 7, zone),
  };
}
