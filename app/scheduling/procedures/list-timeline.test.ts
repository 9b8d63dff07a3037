import { describe, expect, it } from 'vitest';
import { DomainError } from '~/errors';
import { freeGaps, gapMinutes, gapsOverlapping, placeInEarliestGap, placeInGapAt } from './list-timeline';

const at = (hhmm: string, day = '2027-03-22') => new Date(`${day}T${hhmm}:00.000Z`);
const range = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const show = (r: { startsAt: Date; endsAt: Date }) => `${r.startsAt.toISOString().slice(11, 16)}-${r.endsAt.toISOString().slice(11, 16)}`;

const list = range('08:30', '12:00');

describe('freeGaps', () => {
  it('is the whole list when nothing is booked', () => {
    expect(freeGaps(list, []).map(show)).toEqual(['08:30-12:00']);
  });

  it('leaves out booked cases, in time order, whatever order they come in', () => {
    const busy = [range('10:00', '10:30'), range('08:30', '09:00'), range('09:00', '09:20')];
    expect(freeGaps(list, busy).map(show)).toEqual(['09:20-10:00', '10:30-12:00']);
  });

  it('has no gap when the list is full to its end', () => {
    expect(freeGaps(list, [range('08:30', '10:00'), range('10:00', '12:00')])).toEqual([]);
  });
});

describe('placeInEarliestGap', () => {
  it('puts the first case at the list start and asks the patient to arrive 30 minutes before', () => {
    const planned = placeInEarliestGap(list, [], 30)!;
    expect(show(planned)).toBe('08:30-09:00');
    expect(planned.arrivalAt.toISOString()).toBe('2027-03-22T08:00:00.000Z');
  });

  it('puts cases one after another from the list start', () => {
    expect(show(placeInEarliestGap(list, [range('08:30', '09:00'), range('09:00', '09:45')], 30)!)).toBe('09:45-10:15');
  });

  it('fills the earliest gap a cancellation left that is long enough, not the end of the list', () => {
    const busy = [range('08:30', '09:00'), range('09:30', '10:00'), range('10:20', '11:00')];
    expect(show(placeInEarliestGap(list, busy, 20)!)).toBe('09:00-09:20');
    expect(show(placeInEarliestGap(list, busy, 30)!)).toBe('09:00-09:30');
    expect(show(placeInEarliestGap(list, busy, 45)!)).toBe('11:00-11:45');
  });

  it('returns null when free minutes exist but no single gap is long enough', () => {
    const busy = [range('08:30', '10:00'), range('10:20', '11:40')];
    expect(placeInEarliestGap(list, busy, 30)).toBeNull();
  });

  it('never places a case past the end of the list', () => {
    expect(placeInEarliestGap(list, [range('08:30', '11:40')], 30)).toBeNull();
    expect(show(placeInEarliestGap(list, [range('08:30', '11:30')], 30)!)).toBe('11:30-12:00');
  });

  it('refuses a case that is not a whole positive number of minutes', () => {
    expect(() => placeInEarliestGap(list, [], 0)).toThrow(DomainError);
    expect(() => placeInEarliestGap(list, [], 12.5)).toThrow(DomainError);
  });

  it('counts real elapsed minutes on the day the clocks go forward (2027-03-28, BST from 01:00 UTC)', () => {
    // 08:30-12:00 BST is 07:30-11:00 UTC.
    const sunday = { startsAt: at('07:30', '2027-03-28'), endsAt: at('11:00', '2027-03-28') };
    const planned = placeInEarliestGap(sunday, [], 30, 30)!;
    expect(planned.startsAt.toISOString()).toBe('2027-03-28T07:30:00.000Z');
    expect(planned.arrivalAt.toISOString()).toBe('2027-03-28T07:00:00.000Z');
  });
});

describe('placeInGapAt (booking into a chosen gap)', () => {
  const busy = [range('08:30', '09:00'), range('10:00', '10:30')];

  it('puts the case at the start of the free gap that contains the chosen time', () => {
    expect(show(placeInGapAt(list, busy, at('09:00'), 30)!)).toBe('09:00-09:30');
    expect(show(placeInGapAt(list, busy, at('09:40'), 60)!)).toBe('09:00-10:00');
  });

  it('returns null when the chosen time is no longer free or the gap is too short', () => {
    expect(placeInGapAt(list, busy, at('10:10'), 20)).toBeNull();
    expect(placeInGapAt(list, busy, at('09:00'), 61)).toBeNull();
  });
});

describe('gapsOverlapping (what is free of a cancelled case)', () => {
  it('gives the free gap around a cancelled case, merged with free time next to it', () => {
    const cancelled = range('09:00', '09:30');
    const busy = [range('08:30', '09:00'), range('10:00', '10:30')];
    const [gap] = gapsOverlapping(list, busy, cancelled);
    expect(show(gap)).toBe('09:00-10:00');
    expect(gapMinutes(gap)).toBe(60);
  });

  it('is empty when the cancelled time has been filled', () => {
    expect(gapsOverlapping(list, [range('08:30', '12:00')], range('09:00', '09:30'))).toEqual([]);
  });

  it('offers the largest piece first when the time was partly filled', () => {
    const busy = [range('08:30', '09:00'), range('09:10', '09:20'), range('10:00', '12:00')];
    expect(gapsOverlapping(list, busy, range('09:00', '10:00')).map(show)).toEqual(['09:20-10:00', '09:00-09:10']);
  });
});
