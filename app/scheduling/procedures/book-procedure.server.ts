// Books a waiting procedure request onto a list, in one transaction (DESIGN.md rules 1, 2, 3, 7, 9):
//   0. the patient's bookings are locked (one change per patient at a time);
//   1. the list's minutes are claimed by an atomic conditional update, which also row-locks the list
//      (0 rows: the list is full or cancelled, 409);
//   2. the request moves from WAITING to BOOKED by a conditional update (0 rows: someone else booked it);
//   3. the case goes into the earliest gap of the list's timeline (or the gap the clerk chose);
//   4. the appointment is inserted; the exclusion constraint refuses a patient's overlapping appointment;
//   5. the change is audited.
// A form submitted twice carries the same idempotency key: the unique key lets only one booking in, and
// the second submission gets the first one's booking back.
import { syncMedicinePlanTasks } from '~/medicines/medicine-plan-tasks.server';
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { procedureCaseData } from '~/appointments/appointment-repo.server';
import { getPrisma } from '~/db.server';
import { isViolationOf } from '~/db/constraint-violation.server';
import { DomainError } from '~/errors';
import { formatLongDate, formatTime } from '~/utils/format';
import type { Prisma } from '~/generated/prisma/client';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { lockPatientBookings } from '~/scheduling/booking-lock.server';
import { parseLocalDate, localDateOf, type TimeRange } from '../session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { LIST_FULL_MESSAGE, assertListCanTake } from './list-rules';
import { claimListMinutes, heldTimes, renumberList } from './list-minutes.server';
import { placeInEarliestGap, placeInGapAt } from './list-timeline';
import { recordBookingEvent } from '~/events/booking-events.server';
import { checkTimeToStop } from './time-to-stop.server';

export type BookProcedureInput = {
  requestId: string;
  listId: string;
  /** From the booking form: the same key twice books once. */
  idempotencyKey: string;
  /** Book into the free gap containing this instant (backfill), rather than the earliest gap. */
  gapAt?: Date;
  /** Why a clinician agreed to a list too soon for a planned medicine stop (DESIGN.md rule 11); else refused. */
  timingOverrideReason?: string | null;
};

export type BookProcedureResult = { appointmentId: string; alreadyBooked: boolean };

type Tx = Prisma.TransactionClient;

export const DOUBLE_BOOKED_MESSAGE = 'The patient already has an appointment at that time. Choose another list.';
export const NOT_WAITING_MESSAGE =
  'This procedure request is no longer on the waiting list: it was booked or removed after you opened this page.';

/** The local day of an instant, as a UTC time range. */
export function localDayOf(instant: Date, zone: string = UNIT_TIME_ZONE): TimeRange {
  const day = parseLocalDate(localDateOf(instant, zone), zone);
  return { startsAt: day.toJSDate(), endsAt: day.plus({ days: 1 }).toJSDate() };
}

/** Refuses a second appointment for the patient on the same local day (other than `exceptId`). */
export async function assertPatientFreeThatDay(tx: Tx, patientId: string, instant: Date, exceptId?: string) {
  const day = localDayOf(instant);
  const other = await tx.appointment.findFirst({
    where: {
      patientId,
      status: { in: [...ACTIVE_STATUSES] },
      startsAt: { lt: day.endsAt },
      endsAt: { gt: day.startsAt },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (other) {
    throw new DomainError(
      'PATIENT_DOUBLE_BOOKED',
      `The patient already has another appointment on ${formatLongDate(instant)}. Choose a list on another day.`,
    );
  }
}

/** The list as the booking rules need it. */
export const listToBookSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  modality: true,
  capacityMinutes: true,
  bookedMinutes: true,
  site: { select: { name: true, hasInterventionalSuite: true } },
} as const;

async function bookingWithKey(idempotencyKey: string) {
  const prisma = await getPrisma();
  return prisma.appointment.findUnique({
    where: { idempotencyKey },
    select: { id: true, procedureRequestId: true },
  });
}

/** The booking an earlier submission of the same form made, if there is one. */
async function earlierSubmission(input: BookProcedureInput): Promise<BookProcedureResult | null> {
  const existing = await bookingWithKey(input.idempotencyKey);
  if (!existing) return null;
  if (existing.procedureRequestId !== input.requestId) {
    throw new DomainError('STALE_FORM', 'This form has already been used for another booking. Open the page again.');
  }
  return { appointmentId: existing.id, alreadyBooked: true };
}

export async function bookProcedure(
  input: BookProcedureInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<BookProcedureResult> {
  const earlier = await earlierSubmission(input);
  if (earlier) return earlier;
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction((tx) => bookWithin(tx, input, actor, ipAddress, now), BOOKING_TRANSACTION);
  } catch (error) {
    // The same form submitted twice at once: the first submission's booking stands, whatever the second hit.
    const raced = await earlierSubmission(input);
    if (raced) return raced;
    if (isViolationOf(error, 'Appointment_patient_no_overlap')) throw new DomainError('PATIENT_DOUBLE_BOOKED', DOUBLE_BOOKED_MESSAGE);
    if (isViolationOf(error, 'ProcedureList_capacity_check')) throw new DomainError('LIST_FULL', LIST_FULL_MESSAGE);
    throw error;
  }
}

async function bookWithin(
  tx: Tx,
  input: BookProcedureInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<BookProcedureResult> {
  const request = await tx.procedureRequest.findUnique({
    where: { id: input.requestId },
    select: { id: true, patientId: true, referralId: true, guidance: true, minutes: true, status: true },
  });
  if (!request) throw new DomainError('NOT_FOUND', 'There is no such procedure request.');
  // One booking change per patient at a time (shared with consultations): the same-day check below is then
  // race-free, and two overlapping inserts for one patient cannot deadlock on the exclusion constraint.
  await lockPatientBookings(tx, request.patientId);
  const list = await tx.procedureList.findUnique({ where: { id: input.listId }, select: listToBookSelect });
  if (!list) throw new DomainError('NOT_FOUND', 'There is no such procedure list.');
  assertListCanTake(list, request, now);
  if (request.status !== 'WAITING') throw new DomainError('STALE_FORM', NOT_WAITING_MESSAGE);
  await assertPatientFreeThatDay(tx, request.patientId, list.startsAt);

  if (!(await claimListMinutes(tx, list.id, request.minutes))) {
    const current = await tx.procedureList.findUniqueOrThrow({ where: { id: list.id }, select: { status: true } });
    if (current.status !== 'ACTIVE') throw new DomainError('LIST_CANCELLED', 'This list has been cancelled. Choose another list.');
    throw new DomainError('LIST_FULL', LIST_FULL_MESSAGE);
  }
  const claimed = await tx.procedureRequest.updateMany({
    where: { id: request.id, status: 'WAITING' },
    data: { status: 'BOOKED', flag: null },
  });
  if (claimed.count !== 1) throw new DomainError('STALE_FORM', NOT_WAITING_MESSAGE);

  if (input.gapAt && !(list.startsAt <= input.gapAt && input.gapAt < list.endsAt)) {
    throw new DomainError(
      'OUTSIDE_SESSION',
      `That time is outside this list's session (${formatTime(list.startsAt)} to ${formatTime(list.endsAt)}). Choose a time within it.`,
    );
  }
  const held = await heldTimes(tx, list.id);
  const planned = input.gapAt
    ? placeInGapAt(list, held, input.gapAt, request.minutes)
    : placeInEarliestGap(list, held, request.minutes);
  if (!planned) {
    if (input.gapAt) {
      throw new DomainError('STALE_FORM', 'That gap has been filled since you opened this page. Choose another suggestion or list.');
    }
    throw new DomainError('LIST_FULL', LIST_FULL_MESSAGE);
  }
  const { tooSoonFor, ...timing } = await checkTimeToStop(tx, request.id, planned.startsAt, now, {
    reason: input.timingOverrideReason,
    byId: actor.id,
  });

  const appointment = await tx.appointment.create({
    data: {
      ...procedureCaseData(request, list.id, planned),
      idempotencyKey: input.idempotencyKey,
      bookedById: actor.id,
      bookedAt: now,
      ...timing,
    },
    select: { id: true },
  });
  await renumberList(tx, list.id);
  await recordAudit(tx, {
    actor,
    action: 'appointment.book',
    entityType: 'Appointment',
    entityId: appointment.id,
    patientId: request.patientId,
    ipAddress,
    details: {
      kind: 'PROCEDURE',
      procedureListId: list.id,
      procedureRequestId: request.id,
      startsAt: planned.startsAt.toISOString(),
      minutes: request.minutes,
      ...(input.gapAt ? { backfill: true } : {}),
      ...(tooSoonFor.length > 0 ? { timingOverride: true, tooSoonToStop: tooSoonFor.length } : {}),
    },
  });
  await recordBookingEvent(tx, { type: 'BOOKED', appointmentId: appointment.id }, now);
  await syncMedicinePlanTasks(tx, request.id, now);
  return { appointmentId: appointment.id, alreadyBooked: false };
}
