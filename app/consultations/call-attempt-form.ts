// The "log a call" form on My clinic: one small form per consultation. Pure; shared by browser and action.
import { z } from 'zod';

export const CALL_RESULTS = ['NO_ANSWER', 'ANSWERED'] as const;
export const CALL_RESULT_LABEL: Record<(typeof CALL_RESULTS)[number], string> = { NO_ANSWER: 'No answer', ANSWERED: 'Answered' };

export const callAttemptFormSchema = z.object({
  intent: z.literal('call'),
  appointmentId: z.string().min(1),
  version: z.coerce.number().int().min(1),
  result: z.enum(CALL_RESULTS, { required_error: 'Choose whether the patient answered', invalid_type_error: 'Choose whether the patient answered' }),
  /** Set when the doctor opened a colleague's clinic to cover it: that colleague's id (ADR 0019). */
  coveringFor: z.string().max(64).optional(),
});

/** yyyy-MM-dd from the query string, or null when absent or not a real date. */
export function parseClinicDate(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}
