// The blood-thinner paragraphs' facts for one booking (DESIGN rule 4): only a doctor-confirmed plan becomes
// an instruction; everything else tells the patient to keep taking the medicine until the unit contacts them.
import { escapeMarkdown } from './leaflet-blocks';
import { capitalise, formatLondonTimeOnDate } from './leaflet-format';
import type { ClassifiedMedicine, LeafletInput } from './leaflet-input';

type BloodThinnerEntry = { name: string; label: string; inrCheck: boolean; confirmedBy: string; lastDoseSentence: string; restartSentence: string };

export function bloodThinnerContext(input: LeafletInput, medicines: ClassifiedMedicine[]) {
  const plan = input.bloodThinnerPlan ?? [];
  const names = new Set<string>(medicines.filter((m) => m.bloodThinnerClass !== 'NONE').map((m) => m.name));
  for (const entry of plan) names.add(entry.medicine.trim().toLowerCase());
  const stop: BloodThinnerEntry[] = [];
  const cont: { name: string; label: string; confirmedBy: string }[] = [];
  const unplanned: { name: string; label: string }[] = [];
  for (const name of [...names].sort()) {
    const entry = plan.find((p) => p.medicine.trim().toLowerCase() === name);
    const shown = escapeMarkdown(name);
    const label = capitalise(shown);
    // Only a doctor's explicit STOP with hours becomes an instruction to stop (DESIGN.md rule 4); anything
    // less certain tells the patient to keep taking it until we contact them.
    if (entry?.action === 'STOP' && entry.stopBeforeHours != null) {
      // Elapsed hours, not wall-clock days: across a clock change this keeps the gap at least the hours the
      // doctor set (a 48 h stop before a 9am Sunday 28 March 2027 appointment ends at 8am on Friday).
      const lastDose = input.appointment.start.minus({ hours: entry.stopBeforeHours });
      stop.push({
        name: shown,
        label,
        inrCheck: entry.inrCheck,
        confirmedBy: escapeMarkdown(entry.confirmedBy),
        lastDoseSentence: `Take your last dose of ${shown} no later than ${formatLondonTimeOnDate(lastDose)}. Then do not take any more until after your procedure.`,
        restartSentence:
          entry.restartAfterHours != null
            ? `Do not take ${shown} again until at least ${entry.restartAfterHours} hours after your procedure. Then go back to taking it as usual.`
            : `Before you go home, ask the team when to start taking ${shown} again.`,
      });
    } else if (entry?.action === 'CONTINUE') {
      cont.push({ name: shown, label, confirmedBy: escapeMarkdown(entry.confirmedBy) });
    } else {
      unplanned.push({ name: shown, label });
    }
  }
  return { stop, continue: cont, unplanned, any: names.size > 0 };
}
