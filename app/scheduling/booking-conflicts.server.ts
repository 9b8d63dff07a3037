// Turning the database's refusals of a booking into messages a clerk understands (ADR 3), and retrying the
// rare deadlock PostgreSQL reports when two transactions wait on each other's rows.
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

/** PostgreSQL chose this transaction as a deadlock victim (40P01) or a serialization failure (40001). */
export function isRetryableConflict(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if ((error as { code?: unknown }).code === 'P2034') return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string; kind?: string } } } }).meta
    ?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code;
  return code === '40P01' || code === '40001' || cause?.kind === 'TransactionWriteConflict';
}

/** Runs a whole transaction again (a few times) when PostgreSQL aborted it to break a deadlock. */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * Interactive transaction limits for bookings. The embedded database runs one transaction at a time, so a burst
 * of simultaneous bookings queues; waiting is better than refusing a clerk with a time-out.
 */
export const BOOKING_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const;
