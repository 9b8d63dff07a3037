import { Duration } from 'luxon';

// Case files (issue 5, item 5) write the plan's intervals as ISO-8601 durations, as a clinician reads them
// ("PT48H"); the model works in hours, as the blood-thinner tables and the database do.

type CasePlanEntry = { medicine?: unknown; action?: unknown; inrCheck?: unknown; stopBefore?: unknown; restartAfter?: unknown; confirmedBy?: unknown };

function hours(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const duration = typeof value === 'string' ? Duration.fromISO(value) : Duration.invalid('not a string');
  if (!duration.isValid) throw new Error(`${field}: must be an ISO-8601 duration, for example PT48H or P5D`);
  return duration.as('hours');
}

/** Turns a case file's JSON into the model's input; everything else is validated by the model. */
export function caseToLeafletInput(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const { bloodThinnerPlan, ...rest } = json as { bloodThinnerPlan?: unknown };
  if (!Array.isArray(bloodThinnerPlan)) return { ...rest, bloodThinnerPlan };
  return {
    ...rest,
    bloodThinnerPlan: bloodThinnerPlan.map((entry: CasePlanEntry, index) => {
      const stopBeforeHours = hours(entry.stopBefore, `bloodThinnerPlan.${index}.stopBefore`);
      return {
        medicine: entry.medicine,
        // A plan without a stop interval or an explicit action is not an instruction the leaflet may give.
        action: entry.action ?? (stopBeforeHours !== undefined ? 'STOP' : 'SHARED_DECISION'),
        stopBeforeHours,
        restartAfterHours: hours(entry.restartAfter, `bloodThinnerPlan.${index}.restartAfter`),
        inrCheck: entry.inrCheck,
        confirmedBy: entry.confirmedBy,
      };
    }),
  };
}
