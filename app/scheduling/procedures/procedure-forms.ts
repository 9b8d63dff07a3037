// The zod schemas of the procedure forms, shared by the browser (conform) and the actions. One schema per
// form; a page with several forms tells them apart by the hidden `intent` field.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { versionField } from '~/utils/form-numbers';
import { futureDateField, minutesOf, timeField as sharedTimeField, TIME_PATTERN } from '~/scheduling/form-fields';

const id = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(100);

/** Made by the page's loader and sent back in a hidden field, so a form submitted twice books once. */
const idempotencyKey = z.string({ required_error: 'This form is out of date. Open the page again.' }).min(16).max(200);

const version = versionField('This form is out of date. Open the page again.');

/** Only for a list too soon for a planned medicine stop: why a clinician agrees to it (DESIGN.md rule 11). */
const timingOverrideReason = z
  .string()
  .trim()
  .max(500, 'The reason must be 500 characters or fewer')
  .optional();

export const bookProcedureSchema = z.object({
  listId: id('Choose a list'),
  idempotencyKey,
  timingOverrideReason,
});

export const moveCaseSchema = z.object({
  intent: z.literal('move'),
  version,
  toListId: id('Choose the list to move the case to'),
  timingOverrideReason,
});

export const CANCELLED_BY = [
  { value: 'PATIENT', label: 'The patient' },
  { value: 'HOSPITAL', label: 'The hospital' },
] as const;

export const cancelCaseSchema = z.object({
  intent: z.literal('cancel'),
  version,
  by: z.enum(['PATIENT', 'HOSPITAL'], { errorMap: () => ({ message: 'Choose who cancelled: the patient or the hospital' }) }),
  reason: z.string({ required_error: 'Enter the reason for cancelling' }).trim().min(1, 'Enter the reason for cancelling').max(500, 'The reason must be 500 characters or fewer'),
});

export const dnaCaseSchema = z.object({ intent: z.literal('dna'), version });

export const backfillSchema = z.object({
  intent: z.literal('backfill'),
  requestId: id('Choose a patient from the suggestions'),
  gapAt: z
    .string({ required_error: 'This form is out of date. Open the page again.' })
    .refine((value) => DateTime.fromISO(value, { zone: 'utc' }).isValid, 'This form is out of date. Open the page again.')
    .transform((value) => DateTime.fromISO(value, { zone: 'utc' }).toJSDate()),
  idempotencyKey,
});

export const cancelListSchema = z.object({
  intent: z.literal('cancel-list'),
  reason: z.string({ required_error: 'Enter the reason for cancelling the list' }).trim().min(1, 'Enter the reason for cancelling the list').max(500, 'The reason must be 500 characters or fewer'),
});

// ---------------------------------------------------------------------------------------------
// Admin: recurring list templates (generating ahead and deactivating use the clinic template forms)
// ---------------------------------------------------------------------------------------------

function timeField(label: string) {
  return sharedTimeField({ required: `Enter the ${label}`, invalid: `The ${label} must be a 24-hour time, like 08:30 or 13:30` });
}

/** Lists run in the working day, which also keeps them clear of the hour the clocks skip or repeat. */
export const EARLIEST_LIST_TIME = '07:00';
export const LATEST_LIST_TIME = '21:00';

/** A local date typed as yyyy-MM-dd (as on the clinic template form), today or later. */
function dateField(label: string, today: string) {
  return futureDateField(today, {
    required: `Enter the ${label}`,
    invalid: `The ${label} must be a real date, like 2027-03-22`,
    past: `The ${label} must be today or in the future`,
  });
}

/** `today` (yyyy-MM-dd, Europe/London) is passed in, so past dates are refused without reading the clock. */
export function listTemplateSchema(today: string) {
  return z
    .object({
      intent: z.literal('create'),
      siteId: id('Choose the site'),
      operatorId: id('Choose the operator'),
      isoWeekday: z
        .number({ required_error: 'Choose the day of the week', invalid_type_error: 'Choose the day of the week' })
        .int()
        .min(1, 'Choose the day of the week')
        .max(7, 'Choose the day of the week'),
      sessionPart: z.enum(['MORNING', 'AFTERNOON'], { errorMap: () => ({ message: 'Choose morning or afternoon' }) }),
      startTime: timeField('start time'),
      endTime: timeField('end time'),
      modality: z.enum(['XRAY', 'ULTRASOUND'], { errorMap: () => ({ message: 'Choose X-ray or ultrasound' }) }),
      capacityMinutes: z
        .number({ required_error: 'Enter the capacity in minutes', invalid_type_error: 'The capacity must be a whole number of minutes, like 180' })
        .int('The capacity must be a whole number of minutes, like 180')
        .positive('The capacity must be more than 0 minutes'),
      validFrom: dateField('first date', today),
      validUntil: dateField('last date', today).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.validUntil && value.validUntil < value.validFrom) {
        ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'The last date must be on or after the first date' });
      }
      if (!TIME_PATTERN.test(value.startTime) || !TIME_PATTERN.test(value.endTime)) return;
      if (value.startTime < EARLIEST_LIST_TIME || value.endTime > LATEST_LIST_TIME) {
        ctx.addIssue({
          code: 'custom',
          path: [value.startTime < EARLIEST_LIST_TIME ? 'startTime' : 'endTime'],
          message: `Lists must run between ${EARLIEST_LIST_TIME} and ${LATEST_LIST_TIME}`,
        });
        return;
      }
      if (value.endTime <= value.startTime) {
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time' });
        return;
      }
      if (value.sessionPart === 'MORNING' && value.startTime >= '12:00') {
        ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'A morning list must start before 12:00' });
      }
      if (value.sessionPart === 'AFTERNOON' && value.startTime < '12:00') {
        ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'An afternoon list must start at 12:00 or later' });
      }
      const sessionMinutes = minutesOf(value.endTime) - minutesOf(value.startTime);
      if (value.capacityMinutes > sessionMinutes) {
        ctx.addIssue({
          code: 'custom',
          path: ['capacityMinutes'],
          message: `The capacity cannot be more than the ${sessionMinutes} minutes from ${value.startTime} to ${value.endTime}`,
        });
      }
    });
}

export type ListTemplateValue = z.output<ReturnType<typeof listTemplateSchema>>;
