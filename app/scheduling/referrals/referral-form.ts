// The one schema for the referral intake form, shared by the browser (conform) and the action. A referral is
// for a patient found by NHS number, or for a new patient whose details are checked by the patient form's own
// schema, so both forms give the same messages. Every field is checked on every submit, so the clerk sees all
// problems at once.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { nhsNumberField, patientFormSchema, type PatientFormValue } from '~/patients/patient-form';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const REFERRAL_SOURCES = [
  { value: 'GP_VIA_MSK', label: 'GP, via the MSK service' },
  { value: 'CONSULTANT', label: 'Consultant' },
  { value: 'AHP', label: 'Allied health professional (for example, a physiotherapist)' },
  { value: 'PAIN_CLINIC', label: 'Another pain clinic' },
] as const;

export const PRIORITIES = [
  { value: 'URGENT', label: 'Urgent' },
  { value: 'SOON', label: 'Soon' },
  { value: 'ROUTINE', label: 'Routine' },
] as const;

export type ReferralSourceValue = (typeof REFERRAL_SOURCES)[number]['value'];
export type PriorityValue = (typeof PRIORITIES)[number]['value'];

export const SOURCE_LABEL: Record<string, string> = {
  GP_VIA_MSK: 'GP via the MSK service',
  CONSULTANT: 'a consultant',
  AHP: 'an allied health professional',
  PAIN_CLINIC: 'another pain clinic',
};
export const PRIORITY_LABEL: Record<string, string> = Object.fromEntries(PRIORITIES.map((p) => [p.value, p.label]));

/** A referral received longer ago than this is almost certainly a mistyped year. */
export const MAX_REFERRAL_AGE_YEARS = 2;

const optional = z.string().optional();
const dateParts = z.object({ day: optional, month: optional, year: optional }).optional();

/** Everything the form can send, loosely: the real checks are in the transform, so all run together. */
const rawShape = {
  patient: optional,
  existingNhsNumber: optional,
  // New patient: the patient form's fields, under the same names.
  nhsNumber: optional,
  firstName: optional,
  lastName: optional,
  dateOfBirth: dateParts,
  email: optional,
  emailConsent: optional,
  mobilePhone: optional,
  addressLine1: optional,
  addressLine2: optional,
  town: optional,
  postcode: optional,
  gpPractice: optional,
  communicationNeeds: z.array(z.string()).optional(),
  interpreterLanguage: optional,
  // The referral.
  source: optional,
  receivedOn: dateParts,
  priority: optional,
  reason: optional,
};

export type ReferralDetails = {
  source: ReferralSourceValue;
  /** Local date, yyyy-MM-dd: the RTT clock start. */
  receivedOn: string;
  priority: PriorityValue;
  reason: string;
};

export type ReferralFormValue = {
  patient: { kind: 'existing'; nhsNumber: string } | { kind: 'new'; details: PatientFormValue };
  referral: ReferralDetails;
};

/** A received date from the three date inputs: a real date, not in the future, not years ago. */
export function receivedOnField(today: string) {
  return z
    .object({ day: optional, month: optional, year: optional }, { required_error: 'Enter the date the referral was received' })
    .transform((parts, ctx) => {
      const missing = (['day', 'month', 'year'] as const).filter((k) => !parts[k]?.trim());
      if (missing.length === 3) {
        ctx.addIssue({ code: 'custom', message: 'Enter the date the referral was received' });
        return z.NEVER;
      }
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', message: `Date received must include a ${missing.join(' and ')}` });
        return z.NEVER;
      }
      const [day, month, year] = [parts.day!, parts.month!, parts.year!].map((v) => v.trim());
      const date =
        /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)
          ? DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: UNIT_TIME_ZONE })
          : null;
      if (!date || !date.isValid) {
        ctx.addIssue({ code: 'custom', message: 'Date received must be a real date, for example 15 3 2027' });
        return z.NEVER;
      }
      const iso = date.toISODate()!;
      if (iso > today) {
        ctx.addIssue({ code: 'custom', message: 'Date received must be today or in the past' });
        return z.NEVER;
      }
      const earliest = DateTime.fromISO(today, { zone: UNIT_TIME_ZONE }).minus({ years: MAX_REFERRAL_AGE_YEARS }).toISODate()!;
      if (iso < earliest) {
        ctx.addIssue({ code: 'custom', message: `Date received must be within the last ${MAX_REFERRAL_AGE_YEARS} years: check the year` });
        return z.NEVER;
      }
      return iso;
    });
}

function referralDetailsSchema(today: string) {
  return z.object({
    source: z.enum(REFERRAL_SOURCES.map((s) => s.value) as [ReferralSourceValue, ...ReferralSourceValue[]], {
      errorMap: () => ({ message: 'Select who referred the patient' }),
    }),
    receivedOn: receivedOnField(today),
    priority: z.enum(PRIORITIES.map((p) => p.value) as [PriorityValue, ...PriorityValue[]], {
      errorMap: () => ({ message: 'Select the priority' }),
    }),
    reason: z
      .string({ required_error: 'Enter the reason for referral' })
      .trim()
      .min(1, 'Enter the reason for referral')
      .max(2000, 'Reason for referral must be 2000 characters or fewer'),
  });
}

const existingPatientSchema = z.object({
  existingNhsNumber: z.string({ required_error: "Enter the patient's NHS number" }).pipe(nhsNumberField),
});

/** `today` (yyyy-MM-dd, Europe/London) is passed in: received dates and dates of birth may not be after it. */
export function referralFormSchema(today: string) {
  const details = referralDetailsSchema(today);
  const newPatient = patientFormSchema(today);
  return z.object(rawShape).transform((raw, ctx): ReferralFormValue => {
    const forward = (issues: z.ZodIssue[]) => {
      for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    };
    let patient: ReferralFormValue['patient'] | undefined;
    if (raw.patient === 'existing') {
      const parsed = existingPatientSchema.safeParse(raw);
      if (parsed.success) patient = { kind: 'existing', nhsNumber: parsed.data.existingNhsNumber };
      else forward(parsed.error.issues);
    } else if (raw.patient === 'new') {
      const parsed = newPatient.safeParse(raw);
      if (parsed.success) patient = { kind: 'new', details: parsed.data };
      else forward(parsed.error.issues);
    } else {
      ctx.addIssue({ code: 'custom', path: ['patient'], message: 'Select whether the patient is already registered' });
    }
    // After the patient's issues, so the error summary lists problems in the order of the page.
    const referral = details.safeParse(raw);
    if (!referral.success) forward(referral.error.issues);
    if (!referral.success || !patient) return z.NEVER;
    return { patient, referral: referral.data };
  });
}
