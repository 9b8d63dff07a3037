// Can a telephone consultation reach this patient (DESIGN.md rule 11: no telephone appointment without a
// usable phone route)? Pure. Patients have one phone field (mobilePhone, any number they can be called on).
//   - no number at all: the booking is refused (nobody could make the call);
//   - BSL: a voice call does not work; offer video or face to face;
//   - an interpreter: the call can go ahead only with an interpreter booked for it.

export type PhoneRoutePatient = {
  mobilePhone: string | null;
  communicationNeeds: readonly string[];
  interpreterLanguage: string | null;
};

export const NO_PHONE_NUMBER_MESSAGE =
  'There is no phone number on record for this patient, so a telephone consultation cannot reach them. Add a number to the patient record, or book a face-to-face appointment.';

export function hasPhoneNumber(patient: Pick<PhoneRoutePatient, 'mobilePhone'>): boolean {
  return !!patient.mobilePhone && patient.mobilePhone.trim() !== '';
}

/** What the clerk and the doctor must do for the call, in words; empty when a plain call will do. */
export function phoneRouteFlags(patient: PhoneRoutePatient): string[] {
  const flags: string[] = [];
  if (!hasPhoneNumber(patient)) flags.push('No phone number on record: add one or book face to face');
  if (patient.communicationNeeds.includes('BSL')) flags.push('Uses BSL: a phone call will not work, offer video or face to face');
  if (patient.communicationNeeds.includes('INTERPRETER')) {
    flags.push(`Needs an interpreter${patient.interpreterLanguage ? ` (${patient.interpreterLanguage})` : ''}: book an interpreter for the call`);
  }
  return flags;
}
