// The diabetes paragraphs' facts for one booking (DESIGN rule 10, clinical-facts.md "Diabetes medicines around a
// fast"). The leaflet never decides what a patient does with a diabetes medicine around a fast: it prints what a
// clinician recorded, and until then says we will phone to agree it, and by when. It never says "as usual"
// beside a fast. The steroid and blood sugar advice goes to anyone with diabetes (diet-controlled too) when the
// injection includes a steroid, and to no one when it does not.
import { DateTime } from 'luxon';
import { needsPlanAroundFast } from '~/medicines/catalogue';
import { planCallDay } from '~/medicines/plan-call';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { steroidUsed } from '~/scheduling/reference-data';
import { escapeMarkdown } from './leaflet-blocks';
import { capitalise, formatLondonDate } from './leaflet-format';
import type { ClassifiedMedicine, LeafletInput } from './leaflet-input';

/**
 * When the unit promises to phone: the staff task's due day (planCallDay), written as a day; or null when
 * that day is not after the day this copy is made (then the leaflet says "before your procedure"), so the
 * promise is never already broken when the patient reads it.
 */
export function phoneByDate(start: DateTime, generatedOn?: string): DateTime | null {
  const target = planCallDay(start);
  if (generatedOn) {
    const made = DateTime.fromISO(generatedOn, { zone: UNIT_TIME_ZONE }).startOf('day');
    if (target <= made) return null;
  }
  return target;
}

export type DiabetesMedicineEntry = { name: string; label: string };
export type PlannedDiabetesMedicine = DiabetesMedicineEntry & { instruction: string; confirmedBy: string };

export function diabetesContext(input: LeafletInput, medicines: ClassifiedMedicine[]) {
  const recorded = input.diabetes ?? (input.diabetic === true ? 'ON_MEDICATION' : undefined);
  const diabetesMedicines = medicines.filter((m) => m.diabetesClass !== 'NONE');
  // A recorded diabetes medicine means diabetes, whatever the status field says.
  const hasDiabetes = recorded === 'ON_MEDICATION' || recorded === 'DIET_CONTROLLED' || diabetesMedicines.length > 0;
  const steroid = steroidUsed(input.procedure.code, input.procedure.withSteroid);
  const fast = input.procedure.sedation;
  const plans = input.diabetesPlan ?? [];

  const planned: PlannedDiabetesMedicine[] = [];
  const unplanned: DiabetesMedicineEntry[] = [];
  if (fast) {
    for (const m of diabetesMedicines.filter((x) => needsPlanAroundFast(x.diabetesClass))) {
      const shown = escapeMarkdown(m.name);
      const plan = plans.find((p) => p.medicine.trim().toLowerCase() === m.name);
      if (plan) planned.push({ name: shown, label: capitalise(shown), instruction: escapeMarkdown(plan.instruction), confirmedBy: escapeMarkdown(plan.confirmedBy) });
      else unplanned.push({ name: shown, label: capitalise(shown) });
    }
  }
  const phoneBy = phoneByDate(input.appointment.start, input.generatedOn);
  const phoneWhen = phoneBy ? `by ${formatLondonDate(phoneBy)}` : 'before your procedure';
  return {
    /** Kept for older callers: the patient treats their diabetes with medicines. */
    onMedication: recorded === 'ON_MEDICATION' || diabetesMedicines.length > 0,
    hasDiabetes,
    dietControlled: hasDiabetes && recorded === 'DIET_CONTROLLED' && diabetesMedicines.length === 0,
    steroid,
    /** The steroid raises blood sugar for 2 to 3 days: advice before and after, for anyone with diabetes. */
    steroidAdvice: hasDiabetes && steroid,
    /** Diabetes medicines the fast affects, with the clinician's instruction or the promise to phone. */
    aroundFast: fast && (planned.length > 0 || unplanned.length > 0),
    planned,
    unplanned,
    /** "by Wednesday 24 March 2027", or "before your procedure" when that day has already come. */
    phoneWhen,
    /** The day we promise to phone by, or null when only "before your procedure" can be promised. */
    phoneBy: phoneBy ? formatLondonDate(phoneBy) : null,
  };
}
