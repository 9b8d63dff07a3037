// Turns weekly templates ("Mondays 09:00-12:00, 20-minute slots") into dated sessions with UTC instants,
// and plans the times of cases on a procedure list. Pure: the zone is passed in and the clock is never read.
//
// Templates are wall-clock times in the unit's zone, so a 09:00 clinic is at 09:00 local time on both
// sides of a clock change; only its UTC instant moves. Slots are laid out in wall-clock time for the same
// reason: a clerk reading "10:20" on a clock-change Sunday must get a call at 10:20 local time.
import { DateTime } from 'luxon';
import { DomainError } from '~/errors';

/** The zone every PainDesk time is shown and computed in (DESIGN.md, rule 3). */

/** A template, date range or case that cannot be scheduled: a DomainError the routes show as a 400. */
function invalid(message: string): DomainError {
  return new DomainError('INVALID_INPUT', message);
}

export type WeeklyTemplate = {
  /** 1 = Monday .. 7 = Sunday (ISO 8601). */
  isoWeekday: number;
  /** "HH:mm", local time in the zone. */
  startTime: string;
  endTime: string;
  /** Omit for sessions without bookable slots (procedure lists). */
  slotMinutes?: number | null;
};

export type TimeRange = { startsAt: Date; endsAt: Date };

export type DatedSession = TimeRange & {
  /** Local date, "yyyy-MM-dd". */
  date: string;
  slots: TimeRange[];
};

export type DateRange = { from: string; to: string };

/** Generating further ahead than this is almost certainly a mistake (a year typed wrongly). */
export const MAX_RANGE_DAYS = 800;

const TIME_PATTERN = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function minutesOfDay(time: string, label: string): number {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw invalid(`${label} must be a 24-hour time like 09:30, not "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Parses a local calendar date ("yyyy-MM-dd") in the zone; throws for anything else. */
export function parseLocalDate(date: string, zone: string): DateTime {
  const parsed = DATE_PATTERN.test(date) ? DateTime.fromISO(date, { zone }) : null;
  if (!parsed?.isValid) throw invalid(`"${date}" is not a date in the form yyyy-MM-dd`);
  return parsed.startOf('day');
}

/**
 * The calendar years a date asked for in an address (a week, a clinic day) may be in. Outside them
 * ("0000-01-01", "9999-12-31") the date is refused as bad input: the database cannot store year 0, the week
 * after 9999-12-31 has no yyyy-MM-dd date, and nothing PainDesk shows is that far away (docs/decisions/0018).
 * Dates worked out from an accepted one (the week's Sunday, the next day) may step just outside and still parse.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** parseLocalDate for a date someone asked for: also refuses a year outside FIRST_YEAR to LAST_YEAR. */
export function parseRequestedDate(date: string, zone: string): DateTime {
  const parsed = parseLocalDate(date, zone);
  if (parsed.year < FIRST_YEAR || parsed.year > LAST_YEAR) throw invalid(`"${date}" is not between ${FIRST_YEAR} and ${LAST_YEAR}`);
  return parsed;
}

/** The local calendar date ("yyyy-MM-dd") of an instant in the zone. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** The local date `days` after (or before, if negative) `date`. */
export function addLocalDays(date: string, days: number, zone: string): string {
  return parseLocalDate(date, zone).plus({ days }).toISODate()!;
}

/** Checks a template's shape; returns its start, end and slot length in minutes of the day. */
export function validateWeeklyTemplate(template: WeeklyTemplate): {
  startMinute: number;
  endMinute: number;
  slotMinutes: number | null;
} {
  if (!Number.isInteger(template.isoWeekday) || template.isoWeekday < 1 || template.isoWeekday > 7) {
    throw invalid(`Day of the week must be 1 (Monday) to 7 (Sunday), not ${template.isoWeekday}`);
  }
  const startMinute = minutesOfDay(template.startTime, 'Start time');
  const endMinute = minutesOfDay(template.endTime, 'End time');
  if (endMinute <= startMinute) {
    throw invalid(
      `End time ${template.endTime} must be after start time ${template.startTime}`,
    );
  }
  const slotMinutes = template.slotMinutes ?? null;
  if (slotMinutes !== null) {
    if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) {
      throw invalid(`Slot length must be a whole number of minutes, not ${slotMinutes}`);
    }
    if (slotMinutes > endMinute - startMinute) {
      throw invalid(
        `Slot length of ${slotMinutes} minutes does not fit in a session from ${template.startTime} to ${template.endTime}`,
      );
    }
  }
  return { startMinute, endMinute, slotMinutes };
}

/**
 * The instant of a wall-clock time on a local date. Refuses a time that does not exist that day (the hour
 * skipped when the clocks go forward) rather than silently moving it, so nobody is booked at a time that
 * their letter cannot show.
 */
function wallClockInstant(day: DateTime, minuteOfDay: number): Date {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const local = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: day.zone },
  );
  if (local.hour !== hour || local.minute !== minute) {
    const shown = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    throw invalid(`${shown} does not exist on ${day.toISODate()} because the clocks go forward`);
  }
  return local.toJSDate();
}

/** Checks an inclusive range of local dates; returns its first and last day. */
export function validateDateRange(range: DateRange, zone: string): { first: DateTime; last: DateTime } {
  const first = parseLocalDate(range.from, zone);
  const last = parseLocalDate(range.to, zone);
  if (last < first) throw invalid(`The range ends (${range.to}) before it starts (${range.from})`);
  const days = last.diff(first, 'days').days;
  if (days > MAX_RANGE_DAYS) {
    throw invalid(`A range of more than ${MAX_RANGE_DAYS} days cannot be generated at once`);
  }
  return { first, last };
}

/**
 * The sessions a weekly template gives on each matching day of an inclusive range of local dates.
 * A trailing part-slot that does not fit before the end time is dropped.
 */
export function sessionsInRange(template: WeeklyTemplate, range: DateRange, zone: string): DatedSession[] {
  const { startMinute, endMinute, slotMinutes } = validateWeeklyTemplate(template);
  const { first, last } = validateDateRange(range, zone);

  const sessions: DatedSession[] = [];
  const offset = (template.isoWeekday - first.weekday + 7) % 7;
  for (let day = first.plus({ days: offset }); day <= last; day = day.plus({ weeks: 1 })) {
    const slots: TimeRange[] = [];
    if (slotMinutes !== null) {
      for (let m = startMinute; m + slotMinutes <= endMinute; m += slotMinutes) {
        slots.push({ startsAt: wallClockInstant(day, m), endsAt: wallClockInstant(day, m + slotMinutes) });
      }
    }
    sessions.push({
      date: day.toISODate()!,
      startsAt: wallClockInstant(day, startMinute),
      endsAt: wallClockInstant(day, endMinute),
      slots,
    });
  }
  return sessions;
}

export type PlannedCase = TimeRange & { arrivalAt: Date };

/**
 * Planned times of the cases on a list, one after another from the list's start, in list order.
 * Durations are real elapsed minutes; patients are asked to arrive `arrivalLeadMinutes` before their case.
 */
export function planListTimes(
  listStartsAt: Date,
  cases: readonly { minutes: number }[],
  arrivalLeadMinutes = 30,
): PlannedCase[] {
  if (!Number.isInteger(arrivalLeadMinutes) || arrivalLeadMinutes < 0) {
    throw invalid(`Arrival lead time must be zero or more whole minutes, not ${arrivalLeadMinutes}`);
  }
  const minute = 60_000;
  let cursor = listStartsAt.getTime();
  return cases.map(({ minutes }, index) => {
    if (!Number.isInteger(minutes) || minutes <= 0) {
      throw invalid(`Case ${index + 1} must last a whole number of minutes, not ${minutes}`);
    }
    const startsAt = new Date(cursor);
    cursor += minutes * minute;
    return { startsAt, endsAt: new Date(cursor), arrivalAt: new Date(startsAt.getTime() - arrivalLeadMinutes * minute) };
  });
}
