// The one schema for the patient form, shared by the browser (conform) and the action.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseNhsNumber } from '~/utils/nhs-number';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const COMMUNICATION_NEEDS = [
  { value: 'LARGE_PRINT', label: 'Large print' },
  { value: 'EASY_READ', label: 'Easy read' },
  { value: 'INTERPRETER', label: 'Interpreter' },
  { value: 'BSL', label: 'British Sign Language (BSL)' },
  { value: 'BRAILLE', label: 'Braille' },
  { value: 'AUDIO', label: 'Audio' },
] as const;

export type CommunicationNeedValue = (typeof COMMUNICATION_NEEDS)[number]['value'];

const NEED_VALUES = COMMUNICATION_NEEDS.map((n) => n.value) as [CommunicationNeedValue, ...CommunicationNeedValue[]];

/** NHS number field: any form that takes one uses this, so every form gives the same clear message. */
export const nhsNumberField = z
  .string({ required_error: 'Enter an NHS number' })
  .transform((value, ctx) => {
    const parsed = parseNhsNumber(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

/** A date of birth from the three GOV.UK-style inputs, as an ISO date; `today` is passed in. */
export function dateOfBirthField(today: string) {
  return z
    .object(
      { day: z.string().optional(), month: z.string().optional(), year: z.string().optional() },
      { required_error: 'Enter a date of birth' },
    )
    .transform((parts, ctx) => {
      const missing = (['day', 'month', 'year'] as const).filter((k) => !parts[k]?.trim());
      if (missing.length === 3) {
        ctx.addIssue({ code: 'custom', message: 'Enter a date of birth' });
        return z.NEVER;
      }
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', message: `Date of birth must include a ${missing.join(' and ')}` });
        return z.NEVER;
      }
      const [day, month, year] = [parts.day!, parts.month!, parts.year!].map((v) => v.trim());
      const date = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)
        ? DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: UNIT_TIME_ZONE })
        : null;
      if (!date || !date.isValid) {
        ctx.addIssue({ code: 'custom', message: 'Date of birth must be a real date, for example 27 3 1956' });
        return z.NEVER;
      }
      const iso = date.toISODate()!;
      if (iso > today) {
        ctx.addIssue({ code: 'custom', message: 'Date of birth must be in the past' });
        return z.NEVER;
      }
      if (date.year < 1900) {
        ctx.addIssue({ code: 'custom', message: 'Date of birth must be after 1900' });
        return z.NEVER;
      }
      return iso;
    });
}

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

export function patientFormSchema(today: string) {
  return z
    .object({
      nhsNumber: nhsNumberField,
      firstName: z.string({ required_error: 'Enter a first name' }).trim().min(1, 'Enter a first name').max(100),
      lastName: z.string({ required_error: 'Enter a last name' }).trim().min(1, 'Enter a last name').max(100),
      dateOfBirth: dateOfBirthField(today),
      email: z
        .string()
        .trim()
        .email('Enter an email address in the correct format, like name@example.com')
        .optional(),
      emailConsent: z.literal('on').optional().transform((v) => v === 'on'),
      mobilePhone: z
        .string()
        .trim()
        .regex(/^(\+44\s?7\d{3}|07\d{3})\s?\d{3}\s?\d{3}$/, 'Enter a UK mobile number, like 07700 900 982')
        .optional(),
      addressLine1: optionalText(200),
      addressLine2: optionalText(200),
      town: optionalText(100),
      postcode: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/, 'Enter a real postcode, like ME16 9QQ')
        .optional(),
      gpPractice: optionalText(200),
      communicationNeeds: z.array(z.enum(NEED_VALUES)).default([]),
      interpreterLanguage: optionalText(60),
    })
    .superRefine((value, ctx) => {
      if (value.emailConsent && !value.email) {
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address, or untick email consent' });
      }
      if (value.communicationNeeds.includes('INTERPRETER') && !value.interpreterLanguage) {
        ctx.addIssue({ code: 'custom', path: ['interpreterLanguage'], message: 'Enter the language the patient needs an interpreter for' });
      }
    });
}

export type PatientFormValue = z.output<ReturnType<typeof patientFormSchema>>;

export const patientSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
});
