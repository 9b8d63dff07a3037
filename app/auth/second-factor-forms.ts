// The second-factor forms' schemas. Pure and browser-safe.
import { z } from 'zod';

const ENTER_CODE = 'Enter the 6-digit code from your authenticator app';

/** A current code from the app: to confirm a set-up, get new recovery codes, or turn the second factor off. */
export const confirmCodeSchema = z.object({
  code: z.string({ required_error: ENTER_CODE }).trim().min(1, ENTER_CODE).max(20, ENTER_CODE),
});
