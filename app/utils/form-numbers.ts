// Whole numbers that forms send back, above all optimistic-lock versions (hidden fields a client can edit).
// Pure. A value the database's integer column cannot hold ("2147483648", "1e20") must be a form message,
// never a database error; so must a decimal or a negative number (docs/decisions/0018).
import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` (int4) column. */
export const INT4_MAX = 2_147_483_647;

/**
 * A whole number from `min` to `max` (at most INT4_MAX). The form's text is turned into a number first, so
 * "1e20" is 10^20 and refused by the bound, and "1.5" is refused as not whole.
 */
export function wholeNumberField(messages: { required: string; invalid: string }, { min = 0, max = INT4_MAX }: { min?: number; max?: number } = {}) {
  return z.coerce
    .number({ required_error: messages.required, invalid_type_error: messages.invalid })
    .int(messages.invalid)
    .min(min, messages.invalid)
    .max(Math.min(max, INT4_MAX), messages.invalid);
}

/** The record version a form was made from (hidden field): 1 or more (0 or more where a record may not exist yet). */
export function versionField(message: string, { min = 1 }: { min?: number } = {}) {
  return wholeNumberField({ required: message, invalid: message }, { min });
}
