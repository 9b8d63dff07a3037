// When reminders are due. Pure: the zone and `now` are passed in.
//
// A reminder "7 days before" is due at 9am local time on the calendar day seven days before the appointment's
// local date, so it is 9am in Europe/London on both sides of a clock change (only its UTC instant moves).
// A reminder whose time has already passed when the appointment is booked is not made: a reminder for an
// appointment booked tomorrow is noise after the booking message.
import { DateTime } from 'luxon';

/** The local time of day reminders are due. */
export const REMINDER_LOCAL_HOUR = 9;

export type DueReminder = { daysBefore: number; dueAt: Date };

export function reminderSchedule(
  startsAt: Date,
  daysBefore: readonly number[],
  now: Date,
  zone: string,
  localHour: number = REMINDER_LOCAL_HOUR,
): DueReminder[] {
  const appointmentDay = DateTime.fromJSDate(startsAt, { zone }).startOf('day');
  const unique = [...new Set(daysBefore)].filter((d) => Number.isInteger(d) && d > 0).sort((a, b) => b - a);
  const due: DueReminder[] = [];
  for (const days of unique) {
    const at = appointmentDay.minus({ days }).set({ hour: localHour, minute: 0, second: 0, millisecond: 0 });
    const dueAt = at.toJSDate();
    if (dueAt.getTime() > now.getTime() && dueAt.getTime() < startsAt.getTime()) due.push({ daysBefore: days, dueAt });
  }
  return due;
}
