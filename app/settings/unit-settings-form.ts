// The unit settings form: the DNA thresholds, the reminder days and the roles that need a second factor. Pure and browser-safe, so the same rules
// check the form in the browser and on the server.
import { z } from 'zod';
import { STAFF_ROLES, withRequiredRoles } from '~/settings/second-factor-roles';

const count = (label: string) =>
  z.coerce
    .number({ invalid_type_error: `Enter ${label} as a whole number`, required_error: `Enter ${label}` })
    .int(`Enter ${label} as a whole number`)
    .min(1, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be at least 1`)
    .max(10, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be 10 or fewer`);

export const MAX_REMINDERS = 5;
export const MAX_REMINDER_DAYS = 60;

/** "7, 2" -> [7, 2]; empty -> [] (no reminders). Latest reminder last. */
const reminderDays = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const parts = (value ?? '')
      .split(/[\s,]+/)
      .map((part) => part.trim())
      .filter(Boolean);
    if (parts.some((part) => !/^\d+$/.test(part))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter reminder days as whole numbers separated by commas, for example 7, 2' });
      return z.NEVER;
    }
    const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
    if (days.some((day) => day < 1 || day > MAX_REMINDER_DAYS)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Each reminder must be between 1 and ${MAX_REMINDER_DAYS} days before the appointment` });
      return z.NEVER;
    }
    if (days.length > MAX_REMINDERS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Enter no more than ${MAX_REMINDERS} reminders` });
      return z.NEVER;
    }
    return days;
  });

export const unitSettingsFormSchema = z.object({
  unansweredAttemptsBeforeDna: count('the number of unanswered calls'),
  dnasBeforeDischargeOffered: count('the number of DNAs'),
  reminderDaysBefore: reminderDays,
  // Ticked roles; administrators are always added (their box is shown ticked and cannot be cleared).
  secondFactorRoles: z
    .union([z.enum(STAFF_ROLES), z.array(z.enum(STAFF_ROLES, { message: 'Choose roles from the list' }))], {
      errorMap: () => ({ message: 'Choose roles from the list' }),
    })
    .optional()
    .transform((value) => withRequiredRoles(value === undefined ? [] : Array.isArray(value) ? value : [value])),
});

export type UnitSettingsForm = z.output<typeof unitSettingsFormSchema>;
