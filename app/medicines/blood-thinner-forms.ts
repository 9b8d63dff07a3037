// The schemas for the blood-thinner plan form (doctor) and the rule edit form (admin), shared by browser and action.
import { z } from 'zod';

export const ACTIONS = [
  { value: 'STOP', label: 'Stop before the procedure' },
  { value: 'CONTINUE', label: 'Continue' },
  { value: 'SHARED_DECISION', label: 'Shared decision with the prescriber' },
] as const;

const hours = (what: string) =>
  z
    .number({ invalid_type_error: `${what} must be a whole number of hours` })
    .int(`${what} must be a whole number of hours`)
    .min(0, `${what} cannot be negative`)
    .max(24 * 30, `${what} must be 720 hours (30 days) or less`)
    .optional();

const planValues = {
  action: z.enum(['STOP', 'CONTINUE', 'SHARED_DECISION'], {
    errorMap: () => ({ message: 'Choose whether to stop, continue or decide with the prescriber' }),
  }),
  stopBeforeHours: hours('Stop before'),
  restartAfterHours: hours('Restart after'),
  inrCheck: z.boolean().optional(),
  note: z.string().trim().max(1000, 'Note must be 1000 characters or fewer').optional(),
};

function stopNeedsHours<T extends { action: string; stopBeforeHours?: number }>(value: T, ctx: z.RefinementCtx) {
  if (value.action === 'STOP' && value.stopBeforeHours === undefined) {
    ctx.addIssue({ code: 'custom', path: ['stopBeforeHours'], message: 'Enter how many hours before the procedure to stop' });
  }
}

/** A stop without a restart would leave the patient off their blood thinner with no end (DESIGN rule 10). */
function stopNeedsRestart<T extends { action: string; restartAfterHours?: number }>(value: T, ctx: z.RefinementCtx) {
  if (value.action === 'STOP' && value.restartAfterHours === undefined) {
    ctx.addIssue({ code: 'custom', path: ['restartAfterHours'], message: 'Enter how many hours after the procedure to restart' });
  }
}

/** One plan per blood thinner the patient takes, confirmed together: fields are named plans[0].action, ... */
export const planFormSchema = z.object({
  intent: z.literal('confirm'),
  plans: z
    .array(
      z
        .object({
          medicineId: z.string({ required_error: 'Missing medicine' }).min(1),
          variant: z.string().optional(),
          ...planValues,
          /** Why the plan departs from the rule table; required (on the server) when it does. */
          deviationReason: z.string().trim().max(1000, 'Reason must be 1000 characters or fewer').optional(),
        })
        .superRefine((value, ctx) => {
          stopNeedsHours(value, ctx);
          stopNeedsRestart(value, ctx);
        }),
      { required_error: 'There is no plan to confirm' },
    )
    .min(1, 'There is no plan to confirm'),
});

export const ruleFormSchema = z
  .object({
    ruleId: z.string({ required_error: 'Missing rule' }).min(1),
    ...planValues,
  })
  .superRefine(stopNeedsHours);

/** A second doctor confirms a plan that departs from the rule table. */
export const secondConfirmFormSchema = z.object({
  intent: z.literal('second-confirm'),
  medicineId: z.string({ required_error: 'Missing medicine' }).min(1),
});

/**
 * A doctor records what the patient should do with their diabetes medicines around the fast, one instruction
 * per medicine (diabetes[0].instruction, ...); a medicine left empty keeps what was recorded before.
 */
export const diabetesPlanFormSchema = z.object({
  intent: z.literal('diabetes-plan'),
  diabetes: z
    .array(
      z.object({
        medicineId: z.string({ required_error: 'Missing medicine' }).min(1),
        instruction: z
          .string()
          .trim()
          .max(1000, 'Instruction must be 1000 characters or fewer')
          .refine((v) => v.length === 0 || v.length >= 10, 'Enter what the patient should do with this medicine before and on the day')
          .optional(),
      }),
      { required_error: 'There is no diabetes medicine to plan' },
    )
    .min(1, 'There is no diabetes medicine to plan'),
});
