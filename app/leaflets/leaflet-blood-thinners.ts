// The blood-thinner paragraphs' facts for one booking (DESIGN rules 4, 10 and 11): only a plan that counts (a
// doctor confirmed it and, if it departs from the rule table, a second clinician too; the caller passes only
// those) becomes an instruction; everything else tells the patient to keep taking the medicine until the unit
// contacts them. Last doses are written by day (clinical-facts.md), listed in the order the patient stops, and
// an instruction whose last-dose time has already passed when the copy is made is never printed: the unit
// phones instead.
import { DateTime } from 'luxon';
import { lastDoseDeadline, stopSchedule } from '~/medicines/stop-dates';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { escapeMarkdown } from './leaflet-blocks';
import { capitalise, formatLondonTimeOnDate } from './leaflet-format';
import type { ClassifiedMedicine, LeafletInput } from './leaflet-input';


type BloodThinnerEntry = {
  name: string;
  label: string;
  inrCheck: boolean;
  warfarin: boolean;
  confirmedBy: string;
  lastDoseSentence: string;
  restartSentence: string;
};

/** "Thursday 9 September": the year is left out, as the procedure date beside it carries it. */
function day(at: DateTime): string {
  return at.setZone(UNIT_TIME_ZONE).setLocale('en-GB').toFormat('cccc d LLLL');
}

/** The patient's last-dose sentence for a stop of this many hours before the procedure. */
export function lastDoseSentence(name: string, start: DateTime, stopBeforeHours: number): string {
  const schedule = stopSchedule(start, stopBeforeHours);
  if (schedule.kind === 'BY_DAY') {
    return `Take your last dose of ${name} on ${day(schedule.lastDoseDay)}. Do not take any from ${day(schedule.noneFrom)} until after your procedure on ${day(schedule.noneUntil)}.`;
  }
  return `Take your last dose of ${name} no later than ${formatLondonTimeOnDate(schedule.cutoff)}. Then do not take any more until after your procedure.`;
}

/**
 * True when the plan can no longer be followed from a copy made on this day: the last-dose deadline falls
 * before the end of that day (a letter read tomorrow would already be late).
 */
export function stopAlreadyPast(start: DateTime, stopBeforeHours: number, generatedOn: string | undefined): boolean {
  if (!generatedOn) return false;
  const endOfMadeDay = DateTime.fromISO(generatedOn, { zone: UNIT_TIME_ZONE }).endOf('day');
  return lastDoseDeadline(start, stopBeforeHours) <= endOfMadeDay;
}

export function bloodThinnerContext(input: LeafletInput, medicines: ClassifiedMedicine[]) {
  const plan = input.bloodThinnerPlan ?? [];
  const start = input.appointment.start;
  const classOf = new Map(medicines.map((m) => [m.name, m.bloodThinnerClass]));
  const names = new Set<string>(medicines.filter((m) => m.bloodThinnerClass !== 'NONE').map((m) => m.name));
  for (const entry of plan) names.add(entry.medicine.trim().toLowerCase());
  const stop: (BloodThinnerEntry & { cutoff: number })[] = [];
  const cont: { name: string; label: string; confirmedBy: string }[] = [];
  const unplanned: { name: string; label: string }[] = [];
  const tooLate: { name: string; label: string }[] = [];
  for (const name of [...names].sort()) {
    const entry = plan.find((p) => p.medicine.trim().toLowerCase() === name);
    const shown = escapeMarkdown(name);
    const label = capitalise(shown);
    // A plan that departs from the rule table is an instruction only with a second clinician's confirmation
    // (DESIGN rule 10); the caller should not pass one without, and the model does not trust it to.
    const counts = entry && (!entry.deviatesFromRule || Boolean(entry.secondConfirmedBy));
    // Only a doctor's explicit STOP with hours becomes an instruction to stop (DESIGN.md rule 4); anything
    // less certain tells the patient to keep taking it until we contact them.
    if (!counts) {
      unplanned.push({ name: shown, label });
    } else if (entry?.action === 'STOP' && entry.stopBeforeHours != null) {
      if (stopAlreadyPast(start, entry.stopBeforeHours, input.generatedOn)) {
        tooLate.push({ name: shown, label });
        continue;
      }
      const warfarin = (classOf.get(name) ?? (name === 'warfarin' ? 'WARFARIN' : 'NONE')) === 'WARFARIN';
      const restart =
        entry.restartAfterHours != null
          ? `Do not take ${shown} again until at least ${entry.restartAfterHours} hours after your procedure. Then go back to taking it as you did before.`
          : `Before you go home, ask the team when to start taking ${shown} again.`;
      stop.push({
        name: shown,
        label,
        inrCheck: entry.inrCheck,
        warfarin,
        confirmedBy: escapeMarkdown(entry.confirmedBy),
        lastDoseSentence: lastDoseSentence(shown, start, entry.stopBeforeHours),
        restartSentence: warfarin
          ? `${restart} Tell your anticoagulant clinic that you stopped it for a procedure, and ask them when to have your next INR blood test.`
          : restart,
        cutoff: start.minus({ hours: entry.stopBeforeHours }).toMillis(),
      });
    } else if (entry?.action === 'CONTINUE') {
      cont.push({ name: shown, label, confirmedBy: escapeMarkdown(entry.confirmedBy) });
    } else {
      unplanned.push({ name: shown, label });
    }
  }
  // The medicine stopped first comes first; equal days keep the alphabetical order (a stable sort).
  stop.sort((a, b) => a.cutoff - b.cutoff);
  return { stop: stop.map(({ cutoff: _cutoff, ...rest }) => rest), continue: cont, unplanned, tooLate, any: names.size > 0 };
}
