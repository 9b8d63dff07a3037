// "Can this be done now?" for appointments, clinics and lists, decided once. Pure: it takes the facts it needs
// and `now`. Pages ask it which buttons to show; the use cases ask it before they change anything and throw its
// refusal as their DomainError, so a button is shown exactly when the action would accept it (ADR 0022).
// The conditional updates in the use cases still have the last word under concurrency: a rule read before the
// update can only let through what the update then refuses as STALE_FORM.
import { DomainError, type DomainErrorCode } from '~/errors';
import type { AppointmentStatus, SessionStatus } from '~/generated/prisma/enums';
import { isActive } from './appointment-status';
import { formatShortDate, formatTime, londonToday } from '~/utils/format';

export type RuleAnswer = { allowed: true } | { allowed: false; code: DomainErrorCode; message: string };

const ALLOWED: RuleAnswer = { allowed: true };
const refuse = (code: DomainErrorCode, message: string): RuleAnswer => ({ allowed: false, code, message });

/** Throws the refusal as the DomainError the use case has always answered with. */
export function assertAllowed(answer: RuleAnswer): void {
  if (!answer.allowed) throw new DomainError(answer.code, answer.message);
}

type Timed = { status: AppointmentStatus; startsAt: Date; endsAt: Date };

// ---------------------------------------------------------------------------------------------------------
// Procedure cases
// ---------------------------------------------------------------------------------------------------------

/** A case can be moved or marked DNA only from these; once the patient has arrived it is the list's business. */
export const CASE_CHANGEABLE_STATUSES = ['BOOKED', 'CONFIRMED'] as const satisfies readonly AppointmentStatus[];

export const STALE_CASE_MESSAGE =
  'This case has been changed by someone else since you opened the page. Nothing was saved: check the case and try again.';

const changeable = (status: AppointmentStatus) => (CASE_CHANGEABLE_STATUSES as readonly string[]).includes(status);

/** Any active case can be cancelled, even after its start (the patient rang on the day). */
export function canCancelCase(appointment: Pick<Timed, 'status'>, _now: Date): RuleAnswer {
  return isActive(appointment.status) ? ALLOWED : refuse('STALE_FORM', STALE_CASE_MESSAGE);
}

export function canMoveCase(appointment: Pick<Timed, 'status' | 'startsAt'>, now: Date): RuleAnswer {
  if (appointment.startsAt <= now) {
    return refuse('PAST_DATE', "This case's time has passed, so it cannot be moved. Cancel it or mark it as did not attend.");
  }
  return changeable(appointment.status) ? ALLOWED : refuse('STALE_FORM', STALE_CASE_MESSAGE);
}

export function canMarkCaseDna(appointment: Pick<Timed, 'status' | 'startsAt'>, now: Date): RuleAnswer {
  if (appointment.startsAt > now) {
    return refuse(
      'INVALID_INPUT',
      `A patient can only be marked as did not attend once their planned start (${formatTime(appointment.startsAt)} on ${formatShortDate(appointment.startsAt)}) has passed.`,
    );
  }
  return changeable(appointment.status) ? ALLOWED : refuse('STALE_FORM', STALE_CASE_MESSAGE);
}

// ---------------------------------------------------------------------------------------------------------
// Telephone consultations
// ---------------------------------------------------------------------------------------------------------

export const STALE_APPOINTMENT_MESSAGE =
  'This appointment has been changed by someone else since you opened this page. Check the details below and try again.';

export function canCancelConsultation(appointment: Pick<Timed, 'status' | 'endsAt'>, now: Date): RuleAnswer {
  if (appointment.endsAt <= now) return refuse('PAST_DATE', 'This consultation has already taken place, so it cannot be cancelled.');
  return isActive(appointment.status) ? ALLOWED : refuse('STALE_FORM', STALE_APPOINTMENT_MESSAGE);
}

export function canMoveConsultation(appointment: Pick<Timed, 'status' | 'endsAt'>, now: Date): RuleAnswer {
  if (!isActive(appointment.status)) return refuse('STALE_FORM', STALE_APPOINTMENT_MESSAGE);
  if (appointment.endsAt <= now) return refuse('PAST_DATE', 'This consultation has already taken place, so it cannot be moved.');
  return ALLOWED;
}

/**
 * Logging a call, from the consultation's day on. This is also the consultation's DNA rule: it becomes DNA when
 * enough logged calls go unanswered (dna-policy.ts), never by a separate action.
 */
export function canLogCall(appointment: Pick<Timed, 'status' | 'startsAt'>, now: Date): RuleAnswer {
  if (!isActive(appointment.status)) {
    return refuse(
      'STALE_FORM',
      'This consultation is no longer open (it was completed, cancelled or recorded as did not answer), so no call can be logged.',
    );
  }
  if (londonToday(now) < londonToday(appointment.startsAt)) {
    return refuse('INVALID_INPUT', 'This consultation is on a later day: calls can be logged from the day of the consultation.');
  }
  return ALLOWED;
}

/** A first outcome needs an open consultation with an answered call; once recorded, an outcome can always be edited. */
export function canRecordOutcome(
  appointment: Pick<Timed, 'status'> & { hasOutcome: boolean; answeredCall: boolean },
  _now: Date,
): RuleAnswer {
  if (appointment.hasOutcome) return ALLOWED;
  if (!isActive(appointment.status)) {
    return refuse('STALE_FORM', 'This consultation is no longer open (it was cancelled or recorded as did not answer), so no outcome can be recorded.');
  }
  if (!appointment.answeredCall) {
    return refuse('NO_ANSWERED_CALL', 'Log the answered call first: an outcome can only be recorded once you have spoken to the patient.');
  }
  return ALLOWED;
}

// ---------------------------------------------------------------------------------------------------------
// Clinics and procedure lists
// ---------------------------------------------------------------------------------------------------------

type Session = { status: SessionStatus; startsAt: Date; endsAt: Date };

export const CLINIC_ALREADY_CANCELLED_MESSAGE = 'This clinic has already been cancelled.';
export const LIST_ALREADY_CANCELLED_MESSAGE = 'This list has already been cancelled.';

/** A clinic can be cancelled until it has finished (a doctor taken ill mid-clinic). */
export function canCancelClinic(clinic: Pick<Session, 'status' | 'endsAt'>, now: Date): RuleAnswer {
  if (clinic.endsAt <= now) return refuse('PAST_DATE', 'This clinic has already finished, so it cannot be cancelled.');
  return clinic.status === 'ACTIVE' ? ALLOWED : refuse('STALE_FORM', CLINIC_ALREADY_CANCELLED_MESSAGE);
}

/** A list can be cancelled only before it starts: once cases are under way each is cancelled on its own. */
export function canCancelList(list: Pick<Session, 'status' | 'startsAt'>, now: Date): RuleAnswer {
  if (list.startsAt <= now) return refuse('PAST_DATE', 'This list has already started or is in the past, so it cannot be cancelled.');
  return list.status === 'ACTIVE' ? ALLOWED : refuse('LIST_CANCELLED', LIST_ALREADY_CANCELLED_MESSAGE);
}
