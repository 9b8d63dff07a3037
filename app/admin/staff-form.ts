// The staff-account forms: adding a member of staff, changing their details, and setting a password. Pure and
// browser-safe, so the same rules check the form in the browser and on the server (where the common-password
// list is also checked: see password-rules.ts).
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '~/auth/password-rules';

export const STAFF_ROLES = ['CLERK', 'DOCTOR', 'ADMIN'] as const;

const name = z
  .string({ required_error: 'Enter their full name' })
  .trim()
  .min(1, 'Enter their full name')
  .max(100, 'Enter a name of at most 100 characters');

const role = z.enum(STAFF_ROLES, { required_error: 'Choose a role', invalid_type_error: 'Choose a role' });

/** A GMC reference number is 7 digits. Required for doctors, not kept for anyone else. */
const gmcNumber = z
  .string()
  .trim()
  .optional()
  .refine((v) => v === undefined || v === '' || /^\d{7}$/.test(v), 'Enter a GMC number of 7 digits, for example 1234567');

function requireGmcForDoctors(value: { role: (typeof STAFF_ROLES)[number]; gmcNumber?: string }, ctx: z.RefinementCtx) {
  if (value.role === 'DOCTOR' && !value.gmcNumber) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['gmcNumber'], message: 'Enter the doctor’s GMC number' });
  }
}

export const newStaffSchema = z
  .object({
    name,
    email: z
      .string({ required_error: 'Enter their email address' })
      .trim()
      .toLowerCase()
      .max(200, 'Enter an email address of at most 200 characters')
      .email('Enter an email address in the correct format, like name@nhs.net'),
    role,
    gmcNumber,
  })
  .superRefine(requireGmcForDoctors);

export type NewStaff = z.infer<typeof newStaffSchema>;

export const staffDetailsSchema = z.object({ intent: z.literal('details'), name, role, gmcNumber }).superRefine(requireGmcForDoctors);

export type StaffDetails = z.infer<typeof staffDetailsSchema>;

/** The one-button forms of the staff page. */
export const staffActionSchema = z.object({
  intent: z.enum(['deactivate', 'reactivate', 'unlock', 'password-reset'], { invalid_type_error: 'Choose what to do' }),
});

const newPassword = z
  .string({ required_error: 'Enter a new password' })
  .min(PASSWORD_MIN_LENGTH, `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Enter a password of at most ${PASSWORD_MAX_LENGTH} characters`);

function confirmMatches(value: { newPassword: string; confirmPassword?: string }, ctx: z.RefinementCtx) {
  if (value.confirmPassword !== value.newPassword) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['confirmPassword'], message: 'The passwords do not match' });
  }
}

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: 'Enter your current password' }).max(PASSWORD_MAX_LENGTH),
    newPassword,
    confirmPassword: z.string({ required_error: 'Enter the new password again' }).max(PASSWORD_MAX_LENGTH),
  })
  .superRefine(confirmMatches);

export const resetPasswordSchema = z
  .object({
    token: z.string({ required_error: 'This link is not complete' }).max(100),
    newPassword,
    confirmPassword: z.string({ required_error: 'Enter the new password again' }).max(PASSWORD_MAX_LENGTH),
  })
  .superRefine(confirmMatches);
