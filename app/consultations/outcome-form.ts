// The structured outcome form: one zod schema shared by the browser and the action (parsed with conform),
// and the per-kind details stored in OutcomeItem.details. Pure: no Prisma, no clock.
//
// The form ticks one or more outcome kinds; the fields of each ticked kind are validated, the others ignored.
import { z } from 'zod';
import { versionField } from '~/utils/form-numbers';
import { PROCEDURE_CODES, findProcedureTypeReference, type ProcedureCode } from '~/scheduling/reference-data';

export const OUTCOME_KINDS = [
  'LIST_FOR_PROCEDURE',
  'CONSERVATIVE_MANAGEMENT',
  'PSYCHOLOGY',
  'PAIN_MANAGEMENT_PROGRAMME',
  'INVESTIGATIONS',
  'SURGICAL_REFERRAL',
  'FOLLOW_UP',
  'DISCHARGE_TO_GP',
] as const;
export type OutcomeKindCode = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_KIND_LABEL: Record<OutcomeKindCode, string> = {
  LIST_FOR_PROCEDURE: 'List for a procedure',
  CONSERVATIVE_MANAGEMENT: 'Conservative management',
  PSYCHOLOGY: 'Psychology',
  PAIN_MANAGEMENT_PROGRAMME: 'Pain management programme',
  INVESTIGATIONS: 'Investigations',
  SURGICAL_REFERRAL: 'Surgical referral',
  FOLLOW_UP: 'Follow-up telephone consultation',
  DISCHARGE_TO_GP: 'Discharge to GP',
};

export const CONSERVATIVE_OPTIONS = ['PHYSIOTHERAPY', 'HYDROTHERAPY', 'PACING', 'MEDICATION_OPTIMISATION'] as const;
export const CONSERVATIVE_LABEL: Record<(typeof CONSERVATIVE_OPTIONS)[number], string> = {
  PHYSIOTHERAPY: 'Physiotherapy',
  HYDROTHERAPY: 'Hydrotherapy',
  PACING: 'Pacing',
  MEDICATION_OPTIMISATION: 'Medication optimisation',
};
export const INVESTIGATION_OPTIONS = ['MRI', 'NERVE_CONDUCTION_STUDIES'] as const;
export const INVESTIGATION_LABEL: Record<(typeof INVESTIGATION_OPTIONS)[number], string> = {
  MRI: 'MRI scan',
  NERVE_CONDUCTION_STUDIES: 'Nerve conduction studies',
};
export const SIDES = ['LEFT', 'RIGHT', 'BOTH', 'NOT_APPLICABLE'] as const;
export const SIDE_LABEL: Record<(typeof SIDES)[number], string> = { LEFT: 'Left', RIGHT: 'Right', BOTH: 'Both', NOT_APPLICABLE: 'Not applicable' };
export const GUIDANCE = ['XRAY', 'ULTRASOUND'] as const;
export const GUIDANCE_LABEL: Record<(typeof GUIDANCE)[number], string> = { XRAY: 'X-ray', ULTRASOUND: 'Ultrasound' };
export const PRIORITIES = ['URGENT', 'SOON', 'ROUTINE'] as const;
/** "With steroid": the procedure type's default (MBB and RF use none), or the doctor's yes or no. */
export const STEROID_CHOICES = ['default', 'yes', 'no'] as const;
export const STEROID_LABEL: Record<(typeof STEROID_CHOICES)[number], string> = {
  default: "The procedure's default",
  yes: 'With steroid',
  no: 'Without steroid',
};
/** Radiofrequency: "pacemaker, ICD or spinal cord stimulator?"; NOT_ASKED is stored as null. */
export const IMPLANTED_DEVICES = ['NONE', 'PACEMAKER', 'ICD', 'SPINAL_CORD_STIMULATOR', 'OTHER'] as const;
export const DEVICE_CHOICES = [...IMPLANTED_DEVICES, 'NOT_ASKED'] as const;
export const DEVICE_LABEL: Record<(typeof DEVICE_CHOICES)[number], string> = {
  NONE: 'None',
  PACEMAKER: 'Pacemaker',
  ICD: 'ICD (implanted defibrillator)',
  SPINAL_CORD_STIMULATOR: 'Spinal cord stimulator',
  OTHER: 'Other implanted device',
  NOT_ASKED: 'Not yet asked',
};
/** The only procedure that asks about implanted devices. */
export const ASKS_ABOUT_DEVICES = 'RADIOFREQUENCY_DENERVATION';

/** Details stored per kind (OutcomeItem.details). */
export const listForProcedureDetails = z.object({
  procedureCode: z.enum(PROCEDURE_CODES),
  side: z.enum(SIDES),
  levels: z.string().max(100).nullable(),
  guidance: z.enum(GUIDANCE),
  sedation: z.boolean(),
  priority: z.enum(PRIORITIES),
  notes: z.string().max(2000).nullable(),
  possiblePregnancy: z.boolean(),
  recentInfection: z.boolean(),
  escortArranged: z.boolean(),
  // Defaults keep details recorded before these questions existed readable (null: the type's default / not asked).
  withSteroid: z.boolean().nullable().default(null),
  implantedDevice: z.enum(IMPLANTED_DEVICES).nullable().default(null),
});
export type ListForProcedureDetails = z.infer<typeof listForProcedureDetails>;

export type OutcomeItemInput =
  | { kind: 'LIST_FOR_PROCEDURE'; details: ListForProcedureDetails }
  | { kind: 'CONSERVATIVE_MANAGEMENT'; details: { options: (typeof CONSERVATIVE_OPTIONS)[number][] } }
  | { kind: 'INVESTIGATIONS'; details: { options: (typeof INVESTIGATION_OPTIONS)[number][] } }
  | { kind: 'FOLLOW_UP'; details: { inWeeks: number } }
  | { kind: 'DISCHARGE_TO_GP'; details: { note: string | null } }
  | { kind: 'PSYCHOLOGY' | 'PAIN_MANAGEMENT_PROGRAMME' | 'SURGICAL_REFERRAL'; details: Record<string, never> };

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('yes'), z.literal('no'), z.literal('false')])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === 'yes');
const manyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null));

export const outcomeFormSchema = z
  .object({
    intent: z.literal('outcome').optional(),
    idempotencyKey: z.string().min(8).max(100),
    /** The outcome version the form was opened on: 0 for a first outcome. */
    expectedVersion: versionField('This form is out of date. Open the consultation again.', { min: 0 }),
    kinds: manyOf(OUTCOME_KINDS),
    summary: optionalText(2000),
    procedureCode: z.enum(PROCEDURE_CODES).optional(),
    side: z.enum(SIDES).optional(),
    levels: optionalText(100),
    guidance: z.enum(GUIDANCE).optional(),
    sedation: z.enum(['yes', 'no']).optional(),
    priority: z.enum(PRIORITIES).optional(),
    procedureNotes: optionalText(2000),
    possiblePregnancy: checkbox,
    recentInfection: checkbox,
    escortArranged: checkbox,
    withSteroid: z.enum(STEROID_CHOICES, { errorMap: () => ({ message: 'Choose with or without steroid, or the procedure’s default' }) }).optional(),
    implantedDevice: z
      .enum(DEVICE_CHOICES, { errorMap: () => ({ message: 'Choose the implanted device answer, or "Not yet asked"' }) })
      .optional(),
    conservative: manyOf(CONSERVATIVE_OPTIONS),
    investigations: manyOf(INVESTIGATION_OPTIONS),
    followUpWeeks: z.coerce.number({ invalid_type_error: 'Enter the number of weeks as a whole number' }).int('Enter a whole number of weeks').optional(),
    dischargeNote: optionalText(2000),
  })
  .superRefine((form, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const kinds = new Set(form.kinds);
    if (kinds.size === 0) issue('kinds', 'Choose at least one outcome');
    if (kinds.has('LIST_FOR_PROCEDURE')) {
      if (!form.procedureCode) issue('procedureCode', 'Choose the procedure');
      if (!form.side) issue('side', 'Choose the side');
      if (!form.guidance) issue('guidance', 'Choose the guidance');
      else if (form.procedureCode && !findProcedureTypeReference(form.procedureCode)?.allowedGuidance.includes(form.guidance)) {
        issue('guidance', `${findProcedureTypeReference(form.procedureCode)?.name ?? 'This procedure'} cannot be done with this guidance`);
      }
      if (!form.sedation) issue('sedation', 'Say whether the patient needs sedation');
      if (!form.priority) issue('priority', 'Choose the priority');
    }
    if (kinds.has('CONSERVATIVE_MANAGEMENT') && form.conservative.length === 0) issue('conservative', 'Choose at least one kind of conservative management');
    if (kinds.has('INVESTIGATIONS') && form.investigations.length === 0) issue('investigations', 'Choose at least one investigation');
    if (kinds.has('FOLLOW_UP')) {
      if (form.followUpWeeks === undefined) issue('followUpWeeks', 'Enter in how many weeks the follow-up call should be');
      else if (form.followUpWeeks < 1 || form.followUpWeeks > 52) issue('followUpWeeks', 'The follow-up must be between 1 and 52 weeks away');
    }
    if (kinds.has('DISCHARGE_TO_GP') && kinds.has('FOLLOW_UP')) issue('kinds', 'A patient discharged to their GP cannot also have a follow-up call');
    if (kinds.has('DISCHARGE_TO_GP') && kinds.has('LIST_FOR_PROCEDURE')) issue('kinds', 'A patient discharged to their GP cannot also be listed for a procedure');
  });

export type OutcomeForm = z.infer<typeof outcomeFormSchema>;

/** The structured items a valid form describes, in the order of OUTCOME_KINDS. */
export function outcomeItemsFromForm(form: OutcomeForm): OutcomeItemInput[] {
  const kinds = new Set(form.kinds);
  return OUTCOME_KINDS.filter((kind) => kinds.has(kind)).map((kind): OutcomeItemInput => {
    switch (kind) {
      case 'LIST_FOR_PROCEDURE':
        return {
          kind,
          details: {
            procedureCode: form.procedureCode as ProcedureCode,
            side: form.side!,
            levels: form.levels,
            guidance: form.guidance!,
            sedation: form.sedation === 'yes',
            priority: form.priority!,
            notes: form.procedureNotes,
            possiblePregnancy: form.possiblePregnancy,
            recentInfection: form.recentInfection,
            escortArranged: form.escortArranged,
            withSteroid: form.withSteroid === 'yes' ? true : form.withSteroid === 'no' ? false : null,
            // Asked only before radiofrequency; anything else sent for another procedure is not kept.
            implantedDevice:
              form.procedureCode === ASKS_ABOUT_DEVICES && form.implantedDevice && form.implantedDevice !== 'NOT_ASKED' ? form.implantedDevice : null,
          },
        };
      case 'CONSERVATIVE_MANAGEMENT':
        return { kind, details: { options: [...new Set(form.conservative)] } };
      case 'INVESTIGATIONS':
        return { kind, details: { options: [...new Set(form.investigations)] } };
      case 'FOLLOW_UP':
        return { kind, details: { inWeeks: form.followUpWeeks! } };
      case 'DISCHARGE_TO_GP':
        return { kind, details: { note: form.dischargeNote } };
      default:
        return { kind, details: {} };
    }
  });
}

/** The form's values for an existing outcome version, so an edit starts from what was recorded. */
export function formValuesFromItems(items: { kind: string; details: unknown }[]): Record<string, unknown> {
  const values: Record<string, unknown> = { kinds: items.map((i) => i.kind) };
  for (const item of items) {
    const d = (item.details ?? {}) as Record<string, unknown>;
    if (item.kind === 'LIST_FOR_PROCEDURE') {
      Object.assign(values, {
        procedureCode: d.procedureCode,
        side: d.side,
        levels: d.levels ?? '',
        guidance: d.guidance,
        sedation: d.sedation ? 'yes' : 'no',
        priority: d.priority,
        procedureNotes: d.notes ?? '',
        possiblePregnancy: d.possiblePregnancy ? 'on' : undefined,
        recentInfection: d.recentInfection ? 'on' : undefined,
        escortArranged: d.escortArranged ? 'on' : undefined,
        withSteroid: d.withSteroid === true ? 'yes' : d.withSteroid === false ? 'no' : 'default',
        implantedDevice: typeof d.implantedDevice === 'string' ? d.implantedDevice : 'NOT_ASKED',
      });
    }
    if (item.kind === 'CONSERVATIVE_MANAGEMENT') values.conservative = d.options;
    if (item.kind === 'INVESTIGATIONS') values.investigations = d.options;
    if (item.kind === 'FOLLOW_UP') values.followUpWeeks = String(d.inWeeks ?? '');
    if (item.kind === 'DISCHARGE_TO_GP') values.dischargeNote = d.note ?? '';
  }
  return values;
}

/** One line describing an item, for the read-only view and the version history. */
export function describeOutcomeItem(item: { kind: string; details: unknown }): string {
  const d = (item.details ?? {}) as Record<string, unknown>;
  const label = OUTCOME_KIND_LABEL[item.kind as OutcomeKindCode] ?? item.kind;
  switch (item.kind) {
    case 'LIST_FOR_PROCEDURE': {
      const type = findProcedureTypeReference(String(d.procedureCode));
      const parts = [
        type?.name ?? String(d.procedureCode),
        SIDE_LABEL[d.side as (typeof SIDES)[number]]?.toLowerCase(),
        d.levels ? `levels ${d.levels}` : null,
        `${GUIDANCE_LABEL[d.guidance as (typeof GUIDANCE)[number]] ?? d.guidance} guided`,
        d.sedation ? 'with sedation' : 'no sedation',
        d.withSteroid === true ? 'with steroid' : d.withSteroid === false ? 'without steroid' : null,
        d.procedureCode === ASKS_ABOUT_DEVICES
          ? `implanted device: ${DEVICE_LABEL[(d.implantedDevice as (typeof DEVICE_CHOICES)[number] | null) ?? 'NOT_ASKED']?.toLowerCase() ?? d.implantedDevice}`
          : null,
        `priority ${String(d.priority).toLowerCase()}`,
      ].filter(Boolean);
      return `${label}: ${parts.join(', ')}`;
    }
    case 'CONSERVATIVE_MANAGEMENT':
      return `${label}: ${((d.options as string[]) ?? []).map((o) => CONSERVATIVE_LABEL[o as keyof typeof CONSERVATIVE_LABEL] ?? o).join(', ')}`;
    case 'INVESTIGATIONS':
      return `${label}: ${((d.options as string[]) ?? []).map((o) => INVESTIGATION_LABEL[o as keyof typeof INVESTIGATION_LABEL] ?? o).join(', ')}`;
    case 'FOLLOW_UP':
      return `${label} in ${d.inWeeks} ${d.inWeeks === 1 ? 'week' : 'weeks'}`;
    default:
      return label;
  }
}
