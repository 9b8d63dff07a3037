import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { lastDoseSentence, stopAlreadyPast } from './leaflet-blood-thinners';
import { phoneByDate } from './leaflet-diabetes';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

describe('phoneByDate: when the unit promises to phone about a diabetes medicine', () => {
  it('is the London day a week before the procedure, across a clock change', () => {
    // 9am BST on Monday 29 March 2027, the day after the clocks go forward: a week before is Monday 22 March.
    expect(phoneByDate(at('2027-03-29T09:00:00+01:00'))?.toISODate()).toBe('2027-03-22');
    // 00:30 BST on 1 April is still 31 March in UTC: the London date counts.
    expect(phoneByDate(at('2027-03-31T23:30:00Z'))?.toISODate()).toBe('2027-03-25');
  });
  it('is null ("before your procedure") when that day is not after the day the copy is made', () => {
    const start = at('2027-04-01T08:45:00+01:00');
    expect(phoneByDate(start, '2027-03-24')?.toISODate()).toBe('2027-03-25');
    expect(phoneByDate(start, '2027-03-25')).toBeNull();
    expect(phoneByDate(start, '2027-03-31')).toBeNull();
  });
});

describe('last doses by day', () => {
  const start = at('2027-09-15T09:00:00+01:00');
  it('writes a whole-day stop as the last day, then the days to take none', () => {
    expect(lastDoseSentence('apixaban', start, 120)).toBe(
      'Take your last dose of apixaban on Thursday 9 September. Do not take any from Friday 10 September until after your procedure on Wednesday 15 September.',
    );
    expect(lastDoseSentence('enoxaparin', start, 12)).toBe(
      'Take your last dose of enoxaparin no later than 9pm on Tuesday 14 September 2027. Then do not take any more until after your procedure.',
    );
  });
  it('is past when the last dose day is not after the day the copy is made', () => {
    expect(stopAlreadyPast(start, 120, undefined)).toBe(false);
    expect(stopAlreadyPast(start, 120, '2027-09-08')).toBe(false);
    expect(stopAlreadyPast(start, 120, '2027-09-09')).toBe(true);
    // A 12 h stop: the cutoff is 9pm on the 14th, so a copy made on the 14th is already too late.
    expect(stopAlreadyPast(start, 12, '2027-09-13')).toBe(false);
    expect(stopAlreadyPast(start, 12, '2027-09-14')).toBe(true);
  });
});
