// The driving paragraphs' facts for one booking (DESIGN rule 5): chosen from the recorded medicines' driving
// categories, never from a drug's name in code.
import { escapeMarkdown } from './leaflet-blocks';
import { list } from './leaflet-format';
import type { ClassifiedMedicine } from './leaflet-input';

export function drivingContext(medicines: ClassifiedMedicine[]) {
  const named = (category: ClassifiedMedicine['drivingCategory']) =>
    medicines.filter((m) => m.drivingCategory === category).map((m) => ({ name: escapeMarkdown(m.name), limit: m.drivingLimitMcgPerL }));
  const specified = named('SPECIFIED_LIMIT');
  const cannabis = named('CANNABIS_BASED');
  const otherOpioids = named('OTHER_OPIOID');
  const gabapentinoids = named('GABAPENTINOID');
  const antidepressants = named('SEDATING_ANTIDEPRESSANT');
  const any = [specified, cannabis, otherOpioids, gabapentinoids, antidepressants].some((group) => group.length > 0);
  const names = (group: { name: string }[]) => list(group.map((m) => m.name));
  return {
    specified,
    cannabis,
    otherOpioids,
    gabapentinoids,
    antidepressants,
    any,
    needsEvidence: any,
    cannabisList: names(cannabis),
    otherOpioidList: names(otherOpioids),
    gabapentinoidList: names(gabapentinoids),
    antidepressantList: names(antidepressants),
  };
}
