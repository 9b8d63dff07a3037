import { DateTime } from 'luxon';
import { z } from 'zod';
import { findCatalogueMedicine, type BloodThinnerClass, type DiabetesMedicineClass, type DrivingCategory } from '~/medicines/catalogue';
import { parseNhsNumber } from '~/utils/nhs-number';
import { findProcedureTypeReference, findSiteReference, PROCEDURE_CODES, SITE_CODES } from '~/scheduling/reference-data';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

const ZONE = UNIT_TIME_ZONE;

// An instant must carry its offset: "2027-03-28T09:00" alone would be read in the machine's zone.
const instant = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const parsed =
    value instanceof Date
      ? DateTime.fromJSDate(value)
      : /(Z|[+-]\d{2}:?\d{2})$/.test(value)
        ? DateTime.fromISO(value, { setZone: true })
        : DateTime.invalid('no offset');
  if (!parsed.isValid) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an ISO-8601 instant with an offset, for example 2027-04-01T08:45:00+01:00' });
    return z.NEVER;
  }
  return parsed.setZone(ZONE);
});

const calendarDate = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, {
  message: 'must be a date written yyyy-MM-dd',
});

const medicineFacts = z.object({
  name: z.string().trim().min(1),
  drivingCategory: z.enum(['SPECIFIED_LIMIT', 'OTHER_OPIOID', 'GABAPENTINOID', 'SEDATING_ANTIDEPRESSANT', 'CANNABIS_BASED', 'OTHER_IMPAIRING', 'NONE']),
  drivingLimitMcgPerL: z.number().positive().nullable().default(null),
  bloodThinnerClass: z.enum(['NONE', 'WARFARIN', 'LMWH', 'ASPIRIN', 'NSAID', 'P2Y12_INHIBITOR', 'FACTOR_XA_INHIBITOR', 'DABIGATRAN']),
  diabetesClass: z.enum(['NONE', 'INSULIN', 'SULFONYLUREA', 'SGLT2_INHIBITOR', 'GLP1_AGONIST', 'METFORMIN', 'OTHER']).default('NONE'),
});

const siteFacts = z.object({
  name: z.string().trim().min(1),
  unitName: z.string().trim().min(1).nullable(),
  addressLines: z.array(z.string()),
  postcode: z.string(),
  phone: z.string().trim().min(1),
  hasInterventionalSuite: z.boolean(),
});

export type LeafletSite = z.output<typeof siteFacts>;

export const leafletInputSchema = z.object({
  patient: z.object({
    firstName: z.string().trim().min(1, 'first name is missing'),
    lastName: z.string().trim().min(1, 'last name is missing'),
    nhsNumber: z.string().transform((value, ctx) => {
      const result = parseNhsNumber(value);
      if (!result.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
        return z.NEVER;
      }
      return result.value;
    }),
    dateOfBirth: calendarDate,
    needs: z.array(z.string()).default([]),
  }),
  procedure: z.object({
    code: z.string().refine((code) => findProcedureTypeReference(code) !== undefined, {
      message: `unknown procedure code; expected one of ${PROCEDURE_CODES.join(', ')}`,
    }),
    side: z.enum(['LEFT', 'RIGHT', 'BOTH', 'NOT_APPLICABLE']).optional(),
    levels: z.string().trim().min(1).optional(),
    sedation: z.boolean(),
    /** Omitted: the procedure type's default (medial branch blocks and RF use none). */
    withSteroid: z.boolean().optional(),
    /** Radiofrequency: the answer to "pacemaker, ICD or spinal cord stimulator?"; omitted or null: not yet asked. */
    implantedDevice: z.enum(['NONE', 'PACEMAKER', 'ICD', 'SPINAL_CORD_STIMULATOR', 'OTHER']).nullable().optional(),
  }),
  appointment: z
    .object({
      start: instant,
      arrival: instant.optional(),
      siteCode: z.string(),
      // A caller holding the database's Site row passes it, so the leaflet prints the unit's current address
      // and phone number; a case file names the site by code and gets the reference data.
      site: siteFacts.optional(),
    })
    .superRefine((appointment, ctx) => {
      const site = appointment.site ?? findSiteReference(appointment.siteCode);
      const path = ['siteCode'];
      if (!site) ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `unknown site code; expected one of ${SITE_CODES.join(', ')}` });
      else if (!site.hasInterventionalSuite)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `${site.name} has no interventional suite: procedures are only done at Maidstone` });
    }),
  // A bare generic name is classified from the starting catalogue; a caller holding the database row passes its facts.
  medicines: z.array(z.union([z.string().trim().min(1), medicineFacts])).default([]),
  bloodThinnerPlan: z
    .array(
      z.object({
        medicine: z.string().trim().min(1),
        action: z.enum(['STOP', 'CONTINUE', 'SHARED_DECISION']).default('STOP'),
        stopBeforeHours: z.number().int().nonnegative().nullable().optional(),
        restartAfterHours: z.number().int().nonnegative().nullable().optional(),
        /** Warfarin: the doctor wants the INR checked before the procedure. */
        inrCheck: z.boolean().default(false),
        confirmedBy: z.string().trim().min(1, 'a plan must name the doctor who confirmed it'),
        /** Departs from the rule table (shorter stop, or continue where it says stop): needs a second clinician. */
        deviatesFromRule: z.boolean().default(false),
        secondConfirmedBy: z.string().trim().min(1).nullable().optional(),
      }),
    )
    .optional(),
  /** What a clinician recorded for each risky diabetes medicine around the fast (never computed). */
  diabetesPlan: z
    .array(
      z.object({
        medicine: z.string().trim().min(1),
        /** The clinician's words for the patient, printed as written. */
        instruction: z.string().trim().min(1),
        confirmedBy: z.string().trim().min(1, 'a plan must name the clinician who recorded it'),
      }),
    )
    .optional(),
  /** The recorded diabetes status; `diabetic: true` is kept for older case files and means ON_MEDICATION. */
  diabetes: z.enum(['NONE', 'DIET_CONTROLLED', 'ON_MEDICATION', 'UNKNOWN']).optional(),
  diabetic: z.boolean().optional(),
  allergies: z.array(z.string().trim().min(1)).optional(),
  /** The day this copy is made (printed in the footer); the caller passes it, the model never reads the clock. */
  generatedOn: calendarDate.optional(),
  /** A replacement copy: what it replaces, e.g. "the leaflet made on 3 June 2027", printed in the footer. */
  replaces: z.string().trim().min(1).optional(),
});

export type LeafletInputRaw = z.input<typeof leafletInputSchema>;
export type LeafletInput = z.output<typeof leafletInputSchema>;

export type ClassifiedMedicine = {
  name: string;
  drivingCategory: DrivingCategory;
  drivingLimitMcgPerL: number | null;
  bloodThinnerClass: BloodThinnerClass;
  diabetesClass: DiabetesMedicineClass;
};

export class LeafletInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid leaflet input:\n${issues.map((issue) => `- ${issue}`).join('\n')}`);
    this.name = 'LeafletInputError';
  }
}

export function parseLeafletInput(raw: unknown): LeafletInput {
  const result = leafletInputSchema.safeParse(raw);
  if (!result.success) {
    throw new LeafletInputError(result.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`));
  }
  const input = result.data;
  const { start, arrival } = input.appointment;
  if (arrival && arrival > start) throw new LeafletInputError(['appointment.arrival: must not be after the start']);
  if (DateTime.fromISO(input.patient.dateOfBirth, { zone: ZONE }) > start) {
    throw new LeafletInputError(['patient.dateOfBirth: must be before the appointment']);
  }
  return input;
}

export function classifyMedicine(entry: LeafletInput['medicines'][number]): ClassifiedMedicine {
  if (typeof entry !== 'string') return entry;
  const known = findCatalogueMedicine(entry);
  // An unknown name is kept by name but given no category: it changes no paragraph, and the clinical
  // pages already flag free-text medicines for a doctor to review.
  return known
    ? {
        name: known.genericName,
        drivingCategory: known.drivingCategory,
        drivingLimitMcgPerL: known.drivingLimitMcgPerL,
        bloodThinnerClass: known.bloodThinnerClass,
        diabetesClass: known.diabetesClass,
      }
    : { name: entry.trim().toLowerCase(), drivingCategory: 'NONE', drivingLimitMcgPerL: null, bloodThinnerClass: 'NONE', diabetesClass: 'NONE' };
}
