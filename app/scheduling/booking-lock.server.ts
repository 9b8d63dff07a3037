// Serialises booking changes for one patient. The database constraints decide whether a booking is allowed;
// this lock only makes two changes for the same patient take turns, so that (a) the rule "one active
// consultation per referral", which no constraint can express, is checked and written without a race, and
// (b) PostgreSQL does not deadlock on the no-overlap exclusion constraint, where two transactions that insert
// overlapping rows for one patient would otherwise each wait for the other. Different patients never wait
// for each other. Held until the transaction ends.
import type { Prisma } from '~/generated/prisma/client';

/** Arbitrary, constant: the advisory-lock namespace for "bookings of one patient". */
export const PATIENT_BOOKING_LOCK = 7_243_101;

export async function lockPatientBookings(tx: Prisma.TransactionClient, patientId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PATIENT_BOOKING_LOCK}::int, hashtext(${patientId}))`;
}
