// Form fields shared by the clinic and procedure-list schemas: a time of day ("HH:mm") and a local date
// today or later. Each form words its own messages, so they are passed in. Pure: `today` (yyyy-MM-dd in
// Europe/London) is passed in, so past dates are refused without reading the clock.
import { z } from 'zod';
import { parseLocalDate } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

/** A 24-hour "HH:mm" time. */
export const TIME_PATTERN = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** Minutes since midnight of a time that matches TIME_PATTERN. */
export function minutesOf(time: string): number {
  const match = TIME_PATTERN.exec(time)!;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A 24-hour "HH:mm" time; "9:30" is accepted and written as "09:30". */
export function timeField(messages: { required: string; invalid: string }) {
  return z
    .string({ required_error: messages.required })
    .trim()
    .transform((value) => (/^\d:\d\d$/.test(value) ? `0${value}` : value))
    .refine((value) => TIME_PATTERN.test(value), messages.invalid);
}

/** A local date "yyyy-MM-dd" (what a date input sends), today or later. */
export function futureDateField(today: string, messages: { required: string; invalid: string; past: string }) {
  return z
    .string({ required_error: messages.required })
    .trim()
    .superRefine((value, ctx) => {
      try {
        parseLocalDate(value, UNIT_TIME_ZONE);
      } catch {
        ctx.addIssue({ code: 'custom', message: messages.invalid });
        return;
      }
      if (value < today) ctx.addIssue({ code: 'custom', message: messages.past });
    });
}
