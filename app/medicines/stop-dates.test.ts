import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { lastDoseDeadline, leavesTimeToStop, stopSchedule } from './stop-dates';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const day = (d: DateTime) => d.toFormat('cccc d LLLL');

describe('stop schedules written by day', () => {
  it('a 5-day warfarin stop before 8:30am on Wednesday 15 September: last dose on Thursday 9, none from Friday 10', () => {
    const s = stopSchedule(at('2027-09-15T08:30:00+01:00'), 120);
    if (s.kind !== 'BY_DAY') throw new Error('expected by day');
    expect(day(s.lastDoseDay)).toBe('Thursday 9 September');
    expect(day(s.noneFrom)).toBe('Friday 10 September');
    expect(day(s.noneUntil)).toBe('Wednesday 15 September');
    // Any dose on the last day is at least 5 days before the start.
    expect(at('2027-09-15T08:30:00+01:00').diff(s.lastDoseDay.endOf('day'), 'hours').hours).toBeGreaterThanOrEqual(120);
  });

  it('an afternoon start keeps the same days: the cutoff is inside the day, so that day is not a dose day', () => {
    const s = stopSchedule(at('2027-09-15T14:00:00+01:00'), 72);
    if (s.kind !== 'BY_DAY') throw new Error('expected by day');
    expect(day(s.lastDoseDay)).toBe('Saturday 11 September');
  });

  it('across the October clock change the gap is still at least the planned hours', () => {
    const start = at('2027-11-01T08:00:00+00:00');
    const s = stopSchedule(start, 72);
    if (s.kind !== 'BY_DAY') throw new Error('expected by day');
    expect(start.diff(s.lastDoseDay.endOf('day'), 'hours').hours).toBeGreaterThanOrEqual(72);
    expect(day(s.lastDoseDay)).toBe('Thursday 28 October');
  });

  it('a cutoff at exactly midnight lets the whole previous day be the last dose day', () => {
    const s = stopSchedule(at('2027-09-15T00:00:00+01:00'), 48);
    if (s.kind !== 'BY_DAY') throw new Error('expected by day');
    expect(day(s.lastDoseDay)).toBe('Sunday 12 September');
  });

  it('intervals under two days, or not whole days, keep a clock time', () => {
    expect(stopSchedule(at('2027-09-15T08:30:00+01:00'), 12)).toMatchObject({ kind: 'BY_TIME' });
    expect(stopSchedule(at('2027-09-15T08:30:00+01:00'), 24).kind).toBe('BY_TIME');
    expect(stopSchedule(at('2027-09-15T08:30:00+01:00'), 60).kind).toBe('BY_TIME');
  });
});

describe('whether a booking leaves time to stop', () => {
  const start = at('2027-09-15T08:30:00+01:00');
  it('is refused when the last dose day is already past or within a day', () => {
    expect(lastDoseDeadline(start, 120).toISO()).toBe('2027-09-09T23:59:59.999+01:00');
    expect(leavesTimeToStop(at('2027-09-08T23:00:00+01:00'), start, 120)).toBe(true);
    expect(leavesTimeToStop(at('2027-09-09T00:30:00+01:00'), start, 120)).toBe(false);
    expect(leavesTimeToStop(at('2027-09-12T09:00:00+01:00'), start, 120)).toBe(false);
  });
  it('uses the clock time for a short stop', () => {
    expect(leavesTimeToStop(at('2027-09-13T20:00:00+01:00'), start, 12)).toBe(true);
    expect(leavesTimeToStop(at('2027-09-14T09:00:00+01:00'), start, 12)).toBe(false);
  });
});
