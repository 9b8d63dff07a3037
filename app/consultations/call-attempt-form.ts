// The "log a call" form on My clinic: one small form per consultation. Pure; shared by browser and action.
import { z } from 'zod';
import { parseRequestedDate } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { versionField } from '~/utils/form-numbers';

export const CALL_RESULTS = ['NO_ANSWER', 'ANSWERED'] as const;
export const CALL_RESULT_LABEL: Record<(typeof CALL_RESULTS)[number], string> = { NO_ANSWER: 'No answer', ANSWERED: 'Answered' };

export const callAttemptFormSchema = z.object({
  intent: z.literal('call'),
  appointmentId: z.string().min(1),
  version: versionField('This list is out of date. Open My clinic again and log the call.'),
  result: z.enum(CALL_RESULTS, { required_error: 'Choose whether the patient answered', invalid_type_error: 'Choose whether the patient answered' }),
  /** Set when the doctor opened a colleague's clinic to cover it: that colleague's id (ADR 0019). */
  coveringFor: z.string().max(64).optional(),
});

/** yyyy-MM-dd from the query string, or null when absent or not a real date from FIRST_YEAR to LAST_YEAR. */
export function parseClinicDate(value: string | null): string | null {
  if (!value) return null;
  try {
    parseRequestedDate(value, UNIT_TIME_ZONE);
    return value;
  } catch {
    return null;
  }
}
