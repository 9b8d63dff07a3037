// The driving paragraphs' facts for one booking (DESIGN rule 5): chosen from the recorded medicines' driving
// categories, never from a drug's name in code. The legal blood limits stay in the catalogue for the rules:
// they are never handed to the leaflet text, so no part can print one.
import { escapeMarkdown } from './leaflet-blocks';
import { list } from './leaflet-format';
import type { ClassifiedMedicine } from './leaflet-input';

export function drivingContext(medicines: ClassifiedMedicine[]) {
  const named = (category: ClassifiedMedicine['drivingCategory']) =>
    medicines.filter((m) => m.drivingCategory === category).map((m) => ({ name: escapeMarkdown(m.name) }));
  const specified = named('SPECIFIED_LIMIT');
  const cannabis = named('CANNABIS_BASED');
  const otherOpioids = named('OTHER_OPIOID');
  const gabapentinoids = named('GABAPENTINOID');
  const antidepressants = named('SEDATING_ANTIDEPRESSANT');
  const otherImpairing = named('OTHER_IMPAIRING');
  const any = [specified, cannabis, otherOpioids, gabapentinoids, antidepressants, otherImpairing].some((group) => group.length > 0);
  const names = (group: { name: string }[]) => list(group.map((m) => m.name));
  return {
    specified,
    cannabis,
    otherOpioids,
    gabapentinoids,
    antidepressants,
    otherImpairing,
    any,
    needsEvidence: any,
    /** The law's medical defence exists only for the medicines with a set blood limit (s5A). */
    medicalDefence: specified.length > 0 || cannabis.length > 0,
    specifiedList: names(specified),
    cannabisList: names(cannabis),
    otherOpioidList: names(otherOpioids),
    gabapentinoidList: names(gabapentinoids),
    antidepressantList: names(antidepressants),
    otherImpairingList: names(otherImpairing),
  };
}
