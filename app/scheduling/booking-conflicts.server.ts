// Turning the database's refusals of a booking into messages a clerk understands (ADR 3). The transaction
// settings and the deadlock retry every booking uses are in app/db/transactions.server.ts.
import { isViolationOf } from '~/db/constraint-violation.server';
import { DomainError } from '~/errors';

export const SLOT_TAKEN_MESSAGE = 'This slot has just been booked for another patient. Choose another slot.';
export const PATIENT_DOUBLE_BOOKED_MESSAGE =
  'This patient already has an appointment at that time. Choose another slot, or move the other appointment first.';
export const ALREADY_REBOOKED_MESSAGE =
  'This appointment has already been rebooked by someone else. Check the patient’s appointments before booking again.';

/** The DomainError for a constraint that refused a consultation booking, or null if it was something else. */
export function bookingConflict(error: unknown): DomainError | null {
  if (isViolationOf(error, 'Appointment_slot_taken_key')) return new DomainError('SLOT_TAKEN', SLOT_TAKEN_MESSAGE);
  if (isViolationOf(error, 'Appointment_patient_no_overlap')) {
    return new DomainError('PATIENT_DOUBLE_BOOKED', PATIENT_DOUBLE_BOOKED_MESSAGE);
  }
  if (isViolationOf(error, 'Appointment_rebookedFromId_key')) return new DomainError('STALE_FORM', ALREADY_REBOOKED_MESSAGE);
  return null;
}
