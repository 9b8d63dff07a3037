// Booking a telephone consultation into a slot: the first contact for a referral, or a rebooking of a
// consultation that was cancelled (for example when its clinic was cancelled). One transaction: the booking,
// the rebooking task closed, the audit event.
//
// Safe under concurrency without any read-then-write: the database refuses a second active booking of the slot
// (SLOT_TAKEN) and an overlapping appointment for the patient (PATIENT_DOUBLE_BOOKED). The form's idempotency
// key (unique) makes a double submit book once; the second submission ends at the same booking.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { loadConsultation, NO_SUCH_CONSULTATION_TO_REBOOK } from '~/appointments/appointment-repo.server';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { BOOKING_TRANSACTION, retryOnDeadlock } from '~/db/transactions.server';
import { bookingConflict } from '~/scheduling/booking-conflicts.server';
import { lockPatientBookings } from '~/scheduling/booking-lock.server';
import { assertNoActiveConsultation, insertConsultation, lockBookableSlot } from './consultation-slot.server';
import { recordBookingEvent } from '~/events/booking-events.server';
import { NO_PHONE_NUMBER_MESSAGE, hasPhoneNumber } from './phone-route';

export type BookConsultationInput = {
  slotId: string;
  /** Random, made when the booking page was loaded; the same key twice books once. */
  idempotencyKey: string;
} & ({ referralId: string; rebookFromId?: undefined } | { rebookFromId: string; referralId?: undefined });

export type BookedConsultation = {
  appointmentId: string;
  /** True when this submission found the booking its form had already made (a double submit). */
  alreadyBooked: boolean;
};

type Target = { patientId: string; referralId: string | null; rebookedFromId: string | null };

/** Who is being booked, from the referral or the cancelled appointment being rebooked. */
async function bookingTarget(prisma: PrismaClient, input: BookConsultationInput): Promise<Target> {
  if (input.rebookFromId !== undefined) {
    const old = await loadConsultation(
      prisma,
      input.rebookFromId,
      { id: true, status: true, patientId: true, referralId: true },
      NO_SUCH_CONSULTATION_TO_REBOOK,
    );
    if (!(CANCELLED_STATUSES as readonly string[]).includes(old.status)) {
      throw new DomainError('STALE_FORM', 'This consultation is not cancelled, so there is nothing to rebook. Check the patient’s appointments.');
    }
    return { patientId: old.patientId, referralId: old.referralId, rebookedFromId: old.id };
  }
  const referral = await prisma.referral.findUnique({
    where: { id: input.referralId },
    select: { id: true, patientId: true, status: true },
  });
  if (!referral) throw new DomainError('NOT_FOUND', 'There is no such referral.');
  if (referral.status === 'DISCHARGED') {
    throw new DomainError('INVALID_INPUT', 'This referral has been discharged, so no consultation can be booked for it.');
  }
  return { patientId: referral.patientId, referralId: referral.id, rebookedFromId: null };
}

function sameAttempt(existing: { id: string; patientId: string }, target: Target): BookedConsultation {
  if (existing.patientId !== target.patientId) {
    throw new DomainError('STALE_FORM', 'This booking form has already been used. Reload the page and try again.');
  }
  return { appointmentId: existing.id, alreadyBooked: true };
}

/** A telephone clinic's call needs a number to ring (DESIGN.md rule 11); other clinic kinds do not. */
async function assertPhoneRoute(tx: Prisma.TransactionClient, clinicId: string, patientId: string): Promise<void> {
  const [clinic, patient] = await Promise.all([
    tx.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { kind: true } }),
    tx.patient.findUniqueOrThrow({ where: { id: patientId }, select: { mobilePhone: true } }),
  ]);
  if (clinic.kind === 'TELEPHONE' && !hasPhoneNumber(patient)) throw new DomainError('NO_PHONE_NUMBER', NO_PHONE_NUMBER_MESSAGE);
}

export async function bookConsultation(
  input: BookConsultationInput,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<BookedConsultation> {
  const prisma = await getPrisma();
  const target = await bookingTarget(prisma, input);
  const findByKey = (db: Pick<PrismaClient, 'appointment'>) =>
    db.appointment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, patientId: true } });

  try {
    return await retryOnDeadlock(() =>
      prisma.$transaction(async (tx) => {
        await lockPatientBookings(tx, target.patientId);
        // A second submission of the same form waited for the first on the lock: it finds that booking.
        const existing = await findByKey(tx);
        if (existing) return sameAttempt(existing, target);
        if (target.referralId) await assertNoActiveConsultation(tx, target.referralId);
        const slot = await lockBookableSlot(tx, input.slotId, now);
        await assertPhoneRoute(tx, slot.clinicId, target.patientId);
        const appointment = await insertConsultation(tx, {
          slot,
          patientId: target.patientId,
          referralId: target.referralId,
          idempotencyKey: input.idempotencyKey,
          bookedById: actor?.id ?? null,
          rebookedFromId: target.rebookedFromId,
          now,
        });
        if (target.rebookedFromId) {
          await tx.task.updateMany({
            where: { appointmentId: target.rebookedFromId, kind: 'REBOOK_CONSULTATION', status: 'OPEN' },
            data: { status: 'DONE', doneAt: now, doneById: actor?.id ?? null },
          });
        }
        await recordAudit(tx, {
          actor,
          action: target.rebookedFromId ? 'appointment.rebook' : 'appointment.book',
          entityType: 'Appointment',
          entityId: appointment.id,
          patientId: target.patientId,
          ipAddress,
          details: {
            kind: 'CONSULTATION',
            slotId: slot.id,
            clinicId: slot.clinicId,
            referralId: target.referralId,
            rebookedFromId: target.rebookedFromId,
          },
        });
        await recordBookingEvent(tx, { type: 'BOOKED', appointmentId: appointment.id }, now);
        return { appointmentId: appointment.id, alreadyBooked: false };
      }, BOOKING_TRANSACTION),
    );
  } catch (error) {
    // The same form submitted twice at once can also meet the first booking in the database's unique keys.
    const existing = await findByKey(prisma);
    if (existing) return sameAttempt(existing, target);
    throw bookingConflict(error) ?? error;
  }
}
