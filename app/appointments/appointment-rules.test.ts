import { describe, expect, it } from 'vitest';
import { DomainError } from '~/errors';
import type { AppointmentStatus } from '~/generated/prisma/enums';
import {
  STALE_APPOINTMENT_MESSAGE,
  STALE_CASE_MESSAGE,
  assertAllowed,
  canCancelCase,
  canCancelClinic,
  canCancelConsultation,
  canCancelList,
  canLogCall,
  canMarkCaseDna,
  canMoveCase,
  canMoveConsultation,
  canRecordOutcome,
  type RuleAnswer,
} from './appointment-rules';

const now = new Date('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10am GMT

const STATUSES: AppointmentStatus[] = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'COMPLETED', 'DNA', 'CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL'];

/** An appointment's times in each relation to `now` the rules tell apart. */
const WHEN = {
  'the day before': { startsAt: new Date('2027-03-21T09:00:00.000Z'), endsAt: new Date('2027-03-21T09:20:00.000Z') },
  'earlier today, over': { startsAt: new Date('2027-03-22T08:00:00.000Z'), endsAt: new Date('2027-03-22T08:20:00.000Z') },
  'under way': { startsAt: new Date('2027-03-22T09:50:00.000Z'), endsAt: new Date('2027-03-22T10:10:00.000Z') },
  'later today': { startsAt: new Date('2027-03-22T14:00:00.000Z'), endsAt: new Date('2027-03-22T14:20:00.000Z') },
  'a later day': { startsAt: new Date('2027-03-24T09:00:00.000Z'), endsAt: new Date('2027-03-24T09:20:00.000Z') },
} as const;
type When = keyof typeof WHEN;
const WHENS = Object.keys(WHEN) as When[];

const cases = STATUSES.flatMap((status) => WHENS.map((when) => ({ status, when, ...WHEN[when] })));
const open = (status: AppointmentStatus) => status === 'BOOKED' || status === 'CONFIRMED' || status === 'ARRIVED';
const notStarted = (when: When) => when === 'later today' || when === 'a later day';
const notOver = (when: When) => when === 'under way' || notStarted(when);

const allowed = (answer: RuleAnswer) => answer.allowed;
const refusal = (answer: RuleAnswer) => (answer.allowed ? null : { code: answer.code, message: answer.message });

describe('procedure cases', () => {
  it.each(cases)('cancel: $status, $when', (c) => {
    expect(allowed(canCancelCase(c, now))).toBe(open(c.status));
    if (!open(c.status)) expect(refusal(canCancelCase(c, now))).toEqual({ code: 'STALE_FORM', message: STALE_CASE_MESSAGE });
  });

  it.each(cases)('move: $status, $when', (c) => {
    const changeable = c.status === 'BOOKED' || c.status === 'CONFIRMED';
    expect(allowed(canMoveCase(c, now))).toBe(changeable && notStarted(c.when));
  });

  it.each(cases)('DNA: $status, $when', (c) => {
    const changeable = c.status === 'BOOKED' || c.status === 'CONFIRMED';
    expect(allowed(canMarkCaseDna(c, now))).toBe(changeable && !notStarted(c.when));
  });

  it('says why: a started case cannot move, a case not yet started cannot be DNA, an arrived one neither', () => {
    expect(refusal(canMoveCase({ status: 'BOOKED', ...WHEN['under way'] }, now))).toEqual({
      code: 'PAST_DATE',
      message: "This case's time has passed, so it cannot be moved. Cancel it or mark it as did not attend.",
    });
    expect(refusal(canMarkCaseDna({ status: 'BOOKED', ...WHEN['later today'] }, now))).toEqual({
      code: 'INVALID_INPUT',
      message: 'A patient can only be marked as did not attend once their planned start (2pm on 22 March 2027) has passed.',
    });
    expect(refusal(canMarkCaseDna({ status: 'ARRIVED', ...WHEN['under way'] }, now))).toEqual({ code: 'STALE_FORM', message: STALE_CASE_MESSAGE });
    expect(refusal(canMoveCase({ status: 'ARRIVED', ...WHEN['a later day'] }, now))).toEqual({ code: 'STALE_FORM', message: STALE_CASE_MESSAGE });
  });

  it('the planned start is in Europe/London words (summer time)', () => {
    const summer = new Date('2027-06-01T13:30:00.000Z');
    expect(refusal(canMarkCaseDna({ status: 'BOOKED', startsAt: summer }, new Date('2027-06-01T08:00:00.000Z')))?.message).toBe(
      'A patient can only be marked as did not attend once their planned start (2:30pm on 1 June 2027) has passed.',
    );
  });
});

describe('telephone consultations', () => {
  it.each(cases)('cancel and move: $status, $when', (c) => {
    expect(allowed(canCancelConsultation(c, now))).toBe(open(c.status) && notOver(c.when));
    // The consultation page offers both forms or neither, so the two rules must agree.
    expect(allowed(canMoveConsultation(c, now))).toBe(allowed(canCancelConsultation(c, now)));
  });

  it('says why a consultation cannot be cancelled or moved', () => {
    const over = { status: 'BOOKED' as const, ...WHEN['earlier today, over'] };
    expect(refusal(canCancelConsultation(over, now))).toEqual({ code: 'PAST_DATE', message: 'This consultation has already taken place, so it cannot be cancelled.' });
    expect(refusal(canMoveConsultation(over, now))).toEqual({ code: 'PAST_DATE', message: 'This consultation has already taken place, so it cannot be moved.' });
    const moved = { status: 'CANCELLED_BY_PATIENT' as const, ...WHEN['a later day'] };
    expect(refusal(canCancelConsultation(moved, now))).toEqual({ code: 'STALE_FORM', message: STALE_APPOINTMENT_MESSAGE });
    expect(refusal(canMoveConsultation(moved, now))).toEqual({ code: 'STALE_FORM', message: STALE_APPOINTMENT_MESSAGE });
  });

  it.each(cases)('log a call (and so become DNA): $status, $when', (c) => {
    expect(allowed(canLogCall(c, now))).toBe(open(c.status) && c.when !== 'a later day');
  });

  it('calls are logged from the consultation’s day in London, not in UTC', () => {
    // 00:30 BST on 2 June is still 1 June in UTC: the 9am consultation that day can be called.
    const justAfterMidnight = new Date('2027-06-01T23:30:00.000Z');
    expect(allowed(canLogCall({ status: 'BOOKED', startsAt: new Date('2027-06-02T08:00:00.000Z') }, justAfterMidnight))).toBe(true);
    expect(refusal(canLogCall({ status: 'BOOKED', startsAt: new Date('2027-06-03T08:00:00.000Z') }, justAfterMidnight))).toEqual({
      code: 'INVALID_INPUT',
      message: 'This consultation is on a later day: calls can be logged from the day of the consultation.',
    });
    expect(refusal(canLogCall({ status: 'DNA', startsAt: now }, now))?.code).toBe('STALE_FORM');
  });

  it.each(STATUSES)('record an outcome: %s', (status) => {
    expect(allowed(canRecordOutcome({ status, hasOutcome: false, answeredCall: true }, now))).toBe(open(status));
    expect(refusal(canRecordOutcome({ status, hasOutcome: false, answeredCall: false }, now))?.code).toBe(open(status) ? 'NO_ANSWERED_CALL' : 'STALE_FORM');
    // A recorded outcome is edited, whatever has happened since.
    expect(allowed(canRecordOutcome({ status, hasOutcome: true, answeredCall: false }, now))).toBe(true);
  });
});

describe('clinics and lists', () => {
  const sessions = {
    over: { startsAt: new Date('2027-03-22T08:00:00.000Z'), endsAt: new Date('2027-03-22T09:00:00.000Z') },
    'under way': { startsAt: new Date('2027-03-22T09:00:00.000Z'), endsAt: new Date('2027-03-22T12:00:00.000Z') },
    'not started': { startsAt: new Date('2027-03-22T13:30:00.000Z'), endsAt: new Date('2027-03-22T17:00:00.000Z') },
  } as const;
  const rows = (['ACTIVE', 'CANCELLED'] as const).flatMap((status) =>
    (Object.keys(sessions) as (keyof typeof sessions)[]).map((when) => ({ status, when, ...sessions[when] })),
  );

  it.each(rows)('cancel a clinic: $status, $when', (c) => {
    expect(allowed(canCancelClinic(c, now))).toBe(c.status === 'ACTIVE' && c.when !== 'over');
  });

  it.each(rows)('cancel a list: $status, $when', (l) => {
    expect(allowed(canCancelList(l, now))).toBe(l.status === 'ACTIVE' && l.when === 'not started');
  });

  it('says why', () => {
    expect(refusal(canCancelClinic({ status: 'CANCELLED', ...sessions.over }, now))).toEqual({
      code: 'PAST_DATE',
      message: 'This clinic has already finished, so it cannot be cancelled.',
    });
    expect(refusal(canCancelClinic({ status: 'CANCELLED', ...sessions['under way'] }, now))).toEqual({
      code: 'STALE_FORM',
      message: 'This clinic has already been cancelled.',
    });
    expect(refusal(canCancelList({ status: 'ACTIVE', ...sessions['under way'] }, now))).toEqual({
      code: 'PAST_DATE',
      message: 'This list has already started or is in the past, so it cannot be cancelled.',
    });
    expect(refusal(canCancelList({ status: 'CANCELLED', ...sessions['not started'] }, now))).toEqual({
      code: 'LIST_CANCELLED',
      message: 'This list has already been cancelled.',
    });
  });
});

describe('assertAllowed', () => {
  it('passes an allowed answer and throws a refusal as its DomainError', () => {
    expect(() => assertAllowed(canCancelList({ status: 'ACTIVE', startsAt: WHEN['a later day'].startsAt }, now))).not.toThrow();
    let thrown: unknown;
    try {
      assertAllowed(canCancelList({ status: 'CANCELLED', startsAt: WHEN['a later day'].startsAt }, now));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'LIST_CANCELLED', status: 409, message: 'This list has already been cancelled.' });
  });
});
