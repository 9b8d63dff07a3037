// Putting a patient into a slot, inside the caller's transaction. Whether the slot is still free and whether
// the patient is free at that time are decided by the database when the row is inserted (the partial unique
// index on the slot and the exclusion constraint on the patient's time), never by a read beforehand.
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';

export type BookableSlot = { id: string; clinicId: string; startsAt: Date; endsAt: Date };

/**
 * Checks the slot can take a booking now: it exists, it is in the future and its clinic is not cancelled. The
 * clinic row is share-locked until the transaction ends, so a clinic being cancelled at the same moment either
 * waits for this booking (and then cancels it with the others) or has already committed (and this refuses).
 */
export async function lockBookableSlot(tx: Prisma.TransactionClient, slotId: string, now: Date): Promise<BookableSlot> {
  const rows = await tx.$queryRaw<{ clinicId: string; clinicStatus: string; startsAt: Date; endsAt: Date }[]>`
    SELECT c."id" AS "clinicId", c."status"::text AS "clinicStatus", s."startsAt", s."endsAt"
    FROM "Slot" s JOIN "Clinic" c ON c."id" = s."clinicId"
    WHERE s."id" = ${slotId}
    FOR SHARE OF c`;
  const row = rows[0];
  if (!row) throw new DomainError('INVALID_INPUT', 'That slot no longer exists. Choose another slot.');
  const startsAt = new Date(row.startsAt);
  if (row.clinicStatus !== 'ACTIVE') {
    throw new DomainError('CLINIC_CANCELLED', 'This clinic has been cancelled, so its slots cannot be booked. Choose another slot.');
  }
  if (startsAt.getTime() <= now.getTime()) {
    throw new DomainError('PAST_DATE', 'This slot is in the past. Choose a slot later than now.');
  }
  return { id: slotId, clinicId: row.clinicId, startsAt, endsAt: new Date(row.endsAt) };
}

/** Refuses a second active consultation for one referral (call with the patient's booking lock held). */
export async function assertNoActiveConsultation(tx: Prisma.TransactionClient, referralId: string): Promise<void> {
  const active = await tx.appointment.findFirst({
    where: { referralId, kind: 'CONSULTATION', status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true, startsAt: true },
  });
  if (active) {
    throw new DomainError(
      'CONSULTATION_ALREADY_BOOKED',
      'This referral already has a telephone consultation booked. Move or cancel that appointment instead of booking another.',
    );
  }
}

export type NewConsultation = {
  slot: BookableSlot;
  patientId: string;
  referralId: string | null;
  idempotencyKey: string;
  bookedById: string | null;
  rebookedFromId?: string | null;
  now: Date;
};

export async function insertConsultation(tx: Prisma.TransactionClient, booking: NewConsultation) {
  const { slot } = booking;
  return tx.appointment.create({
    data: {
      kind: 'CONSULTATION',
      patientId: booking.patientId,
      referralId: booking.referralId,
      slotId: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      minutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
      status: 'BOOKED',
      idempotencyKey: booking.idempotencyKey,
      bookedById: booking.bookedById,
      bookedAt: booking.now,
      rebookedFromId: booking.rebookedFromId ?? null,
    },
    select: { id: true, startsAt: true },
  });
}
