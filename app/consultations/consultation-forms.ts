// The schemas of the consultation forms (book, move, cancel) and of the free-slot search, shared by the
// browser (conform) and the actions and loaders. Pure.
import { z } from 'zod';
import { versionField } from '~/utils/form-numbers';
import { parseLocalDate } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const CANCELLED_BY_OPTIONS = [
  { value: 'PATIENT', label: 'The patient' },
  { value: 'HOSPITAL', label: 'The hospital' },
] as const;

type CancelledByValue = (typeof CANCELLED_BY_OPTIONS)[number]['value'];
const CANCELLED_BY_VALUES = CANCELLED_BY_OPTIONS.map((o) => o.value) as [CancelledByValue, ...CancelledByValue[]];

const idempotencyKey = z
  .string({ required_error: 'This form is out of date. Reload the page and try again.' })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'This form is out of date. Reload the page and try again.');

const version = versionField('This form is out of date. Reload the page and try again.');

const id = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(64, message);

export const bookFormSchema = z
  .object({
    intent: z.literal('book'),
    slotId: id('Choose a slot'),
    idempotencyKey,
    referralId: z.string().max(64).optional(),
    rebookFromId: z.string().max(64).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.referralId === !value.rebookFromId) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Start again from the waiting list: this form does not say who to book.' });
    }
  });

export type BookFormValue = z.output<typeof bookFormSchema>;

export const moveFormSchema = z.object({
  intent: z.literal('move'),
  slotId: id('Choose a new time for the consultation'),
  version,
  idempotencyKey,
  requestedBy: z.enum(CANCELLED_BY_VALUES, { errorMap: () => ({ message: 'Select who asked for the move' }) }),
  moveReason: z.string().trim().max(500, 'Reason must be 500 characters or fewer').optional(),
});

export type MoveFormValue = z.output<typeof moveFormSchema>;

export const cancelFormSchema = z.object({
  intent: z.literal('cancel'),
  version,
  cancelledBy: z.enum(CANCELLED_BY_VALUES, { errorMap: () => ({ message: 'Select who cancelled the appointment' }) }),
  reason: z
    .string({ required_error: 'Enter the reason for cancelling' })
    .trim()
    .min(1, 'Enter the reason for cancelling')
    .max(500, 'Reason must be 500 characters or fewer'),
});

export type CancelFormValue = z.output<typeof cancelFormSchema>;

/** The free-slot search (a GET form): any site or one, any doctor or one, from a date. */
export const slotSearchSchema = z.object({
  siteId: z.string().max(64).optional(),
  clinicianId: z.string().max(64).optional(),
  from: z
    .string()
    .optional()
    .refine((value) => {
      if (!value) return true;
      try {
        parseLocalDate(value, UNIT_TIME_ZONE);
        return true;
      } catch {
        return false;
      }
    }, 'Enter the date to search from as a real date, for example 2027-03-22'),
  page: z.coerce.number().int().min(1).max(500).optional(),
});

export type SlotSearch = z.output<typeof slotSearchSchema>;

/** Reads the search from a URL's query; an invalid date is reported, not silently dropped. */
export function parseSlotSearch(params: URLSearchParams): { search: SlotSearch; errors: Record<string, string[]> } {
  const raw = Object.fromEntries(
    ['siteId', 'clinicianId', 'from', 'page'].flatMap((key) => {
      const value = params.get(key)?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = slotSearchSchema.safeParse(raw);
  if (parsed.success) return { search: parsed.data, errors: {} };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? '')] ??= []).push(issue.message);
  const search = slotSearchSchema.safeParse({ ...raw, ...Object.fromEntries(Object.keys(errors).map((k) => [k, undefined])) });
  return { search: search.success ? search.data : {}, errors };
}
