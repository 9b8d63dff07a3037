// The schemas for the clinical details forms (one page, several forms told apart by `intent`), shared by the
// browser and the action.
import { z } from 'zod';

export const ALLERGY_KINDS = [
  { value: 'IODINE_CONTRAST', label: 'Iodine contrast' },
  { value: 'LATEX', label: 'Latex' },
  { value: 'LOCAL_ANAESTHETIC', label: 'Local anaesthetic' },
  { value: 'STEROID', label: 'Steroid' },
  { value: 'ANTISEPTIC', label: 'Antiseptic' },
  { value: 'OTHER', label: 'Other' },
] as const;

export const DIABETES_STATUSES = [
  { value: 'NONE', label: 'No diabetes' },
  { value: 'DIET_CONTROLLED', label: 'Diabetes, diet controlled' },
  { value: 'ON_MEDICATION', label: 'Diabetes, on medication (tablets or insulin)' },
  { value: 'UNKNOWN', label: 'Not known' },
] as const;

type Values<T extends readonly { value: string }[]> = T[number]['value'];
const allergyValues = ALLERGY_KINDS.map((k) => k.value) as [Values<typeof ALLERGY_KINDS>, ...Values<typeof ALLERGY_KINDS>[]];
const diabetesValues = DIABETES_STATUSES.map((k) => k.value) as [Values<typeof DIABETES_STATUSES>, ...Values<typeof DIABETES_STATUSES>[]];

export const addMedicineSchema = z.object({
  intent: z.literal('add-medicine'),
  name: z
    .string({ required_error: 'Enter the name of the medicine' })
    .trim()
    .min(2, 'Enter the name of the medicine')
    .max(100, 'Medicine name must be 100 characters or fewer'),
  dose: z.string().trim().max(100, 'Dose must be 100 characters or fewer').optional(),
});

export const stopMedicineSchema = z.object({
  intent: z.literal('stop-medicine'),
  patientMedicineId: z.string({ required_error: 'Missing medicine' }).min(1),
});

export const diabetesSchema = z.object({
  intent: z.literal('diabetes'),
  diabetes: z.enum(diabetesValues, { errorMap: () => ({ message: 'Select whether the patient has diabetes' }) }),
});

export const addAllergySchema = z
  .object({
    intent: z.literal('add-allergy'),
    kind: z.enum(allergyValues, { errorMap: () => ({ message: 'Select the allergy' }) }),
    detail: z.string().trim().max(200, 'Details must be 200 characters or fewer').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'OTHER' && !value.detail) {
      ctx.addIssue({ code: 'custom', path: ['detail'], message: 'Enter what the patient is allergic to' });
    }
  });

export const removeAllergySchema = z.object({
  intent: z.literal('remove-allergy'),
  allergyId: z.string({ required_error: 'Missing allergy' }).min(1),
});

export const CLINICAL_FORM_SCHEMAS = {
  'add-medicine': addMedicineSchema,
  'stop-medicine': stopMedicineSchema,
  diabetes: diabetesSchema,
  'add-allergy': addAllergySchema,
  'remove-allergy': removeAllergySchema,
} as const;

export type ClinicalIntent = keyof typeof CLINICAL_FORM_SCHEMAS;

export function isClinicalIntent(value: unknown): value is ClinicalIntent {
  return typeof value === 'string' && Object.hasOwn(CLINICAL_FORM_SCHEMAS, value);
}
