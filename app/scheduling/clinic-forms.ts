// The schemas of the clinic forms: weekly clinic templates, one-off clinics, generating clinics ahead,
// deactivating a template, and cancelling a clinic. Shared by the browser (conform) and the actions. Pure:
// `today` (yyyy-MM-dd in Europe/London) is passed in, so past dates are refused without reading the clock.
import { z } from 'zod';
import { futureDateField as sharedFutureDateField, minutesOf, timeField as sharedTimeField, TIME_PATTERN } from './form-fields';
import { parseRequestedDate } from './session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const WEEKDAYS = [
  { value: '1', label: 'Monday' },
  { value: '2', label: 'Tuesday' },
  { value: '3', label: 'Wednesday' },
  { value: '4', label: 'Thursday' },
  { value: '5', label: 'Friday' },
  { value: '6', label: 'Saturday' },
  { value: '7', label: 'Sunday' },
] as const;

export const WEEKDAY_LABEL: Record<number, string> = Object.fromEntries(WEEKDAYS.map((d) => [Number(d.value), d.label]));

/** Generating further ahead than this is refused: a typing slip, and a burden on the database. */
export const MAX_WEEKS_AHEAD = 26;
/** Slot lengths a telephone clinic may use. */
export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 120;

/** A 24-hour "HH:mm" time, in this form's words. */
function timeField(label: string) {
  return sharedTimeField({
    required: `Enter the ${label.toLowerCase()}`,
    invalid: `${label} must be a 24-hour time, like 09:30 or 13:45`,
  });
}

/** A local date "yyyy-MM-dd", today or later, in this form's words. */
function futureDateField(label: string, today: string) {
  return sharedFutureDateField(today, {
    required: `Enter the ${label.toLowerCase()}`,
    invalid: `${label} must be a real date, like 2027-03-22`,
    past: `${label} must be today or in the future`,
  });
}

const idField = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(64, message);

const slotMinutesField = z.coerce
  .number({ required_error: 'Enter the slot length in minutes', invalid_type_error: 'Slot length must be a number of minutes, like 20' })
  .int('Slot length must be a whole number of minutes')
  .min(MIN_SLOT_MINUTES, `Slot length must be at least ${MIN_SLOT_MINUTES} minutes`)
  .max(MAX_SLOT_MINUTES, `Slot length must be ${MAX_SLOT_MINUTES} minutes or less`);

type SessionShape = { startTime: string; endTime: string; slotMinutes: number };

/** End after start, and at least one slot fits: reported on the field to change. */
function checkSession(value: SessionShape, ctx: z.RefinementCtx) {
  if (!TIME_PATTERN.test(value.startTime) || !TIME_PATTERN.test(value.endTime)) return;
  const length = minutesOf(value.endTime) - minutesOf(value.startTime);
  if (length <= 0) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: `End time must be after the start time (${value.startTime})` });
  } else if (value.slotMinutes > length) {
    ctx.addIssue({
      code: 'custom',
      path: ['slotMinutes'],
      message: `A ${value.slotMinutes}-minute slot does not fit in a clinic from ${value.startTime} to ${value.endTime}`,
    });
  }
}

export function clinicTemplateFormSchema(today: string) {
  return z
    .object({
      intent: z.literal('create-template'),
      clinicianId: idField('Select the doctor'),
      siteId: idField('Select the site'),
      isoWeekday: z.coerce
        .number({ required_error: 'Select the day of the week', invalid_type_error: 'Select the day of the week' })
        .int()
        .min(1, 'Select the day of the week')
        .max(7, 'Select the day of the week'),
      startTime: timeField('Start time'),
      endTime: timeField('End time'),
      slotMinutes: slotMinutesField,
      validFrom: futureDateField('First date', today),
      validUntil: futureDateField('Last date', today).optional(),
    })
    .superRefine((value, ctx) => {
      checkSession(value, ctx);
      if (value.validUntil && value.validUntil < value.validFrom) {
        ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'Last date must be on or after the first date' });
      }
    });
}

export type ClinicTemplateFormValue = z.output<ReturnType<typeof clinicTemplateFormSchema>>;

export function oneOffClinicFormSchema(today: string) {
  return z
    .object({
      intent: z.literal('create-clinic'),
      clinicianId: idField('Select the doctor'),
      siteId: idField('Select the site'),
      date: futureDateField('Date', today),
      startTime: timeField('Start time'),
      endTime: timeField('End time'),
      slotMinutes: slotMinutesField,
    })
    .superRefine(checkSession);
}

export type OneOffClinicFormValue = z.output<ReturnType<typeof oneOffClinicFormSchema>>;

export const generateAheadFormSchema = z.object({
  intent: z.literal('generate'),
  weeks: z.coerce
    .number({ required_error: 'Enter how many weeks ahead', invalid_type_error: 'Weeks ahead must be a number, like 8' })
    .int('Weeks ahead must be a whole number')
    .min(1, 'Weeks ahead must be at least 1')
    .max(MAX_WEEKS_AHEAD, `Weeks ahead must be ${MAX_WEEKS_AHEAD} or fewer`),
});

export const deactivateTemplateFormSchema = z.object({
  intent: z.literal('deactivate-template'),
  templateId: idField('Choose a template'),
});

export const cancelClinicFormSchema = z.object({
  intent: z.literal('cancel-clinic'),
  clinicId: idField('Choose a clinic'),
  reason: z
    .string({ required_error: 'Enter the reason the clinic is cancelled' })
    .trim()
    .min(1, 'Enter the reason the clinic is cancelled')
    .max(300, 'Reason must be 300 characters or fewer'),
});

/** The clinic day page's query: a date (default today) and optionally a site. */
export function parseClinicDay(params: URLSearchParams, today: string): { date: string; siteId?: string; error?: string } {
  const date = params.get('date')?.trim() || today;
  const siteId = params.get('siteId')?.trim() || undefined;
  try {
    parseRequestedDate(date, UNIT_TIME_ZONE);
    return { date, siteId };
  } catch {
    return { date: today, siteId, error: 'Enter the date as a real date, like 2027-03-22' };
  }
}
