import { describe, expect, it } from 'vitest';
import { rttBreachDate, rttPosition, weeksWaited } from './rtt';

const ZONE = 'Europe/London';

describe('rttBreachDate', () => {
  it('is the clock start plus 18 weeks (126 days)', () => {
    expect(rttBreachDate('2027-01-04', ZONE)).toBe('2027-05-10');
    // Across a leap day.
    expect(rttBreachDate('2028-01-10', ZONE)).toBe('2028-05-15');
  });

  it('counts calendar days across both clock changes, not 24-hour periods', () => {
    // 2027-03-28 and 2027-10-31 are clock-change Sundays; the breach date is still a Monday.
    expect(rttBreachDate('2027-01-25', ZONE)).toBe('2027-05-31');
    expect(rttBreachDate('2027-08-30', ZONE)).toBe('2028-01-03');
  });
});

describe('weeksWaited', () => {
  it('counts completed weeks from the clock start, by the local date of now', () => {
    expect(weeksWaited('2027-01-04', new Date('2027-01-04T09:00:00Z'), ZONE)).toBe(0);
    expect(weeksWaited('2027-01-04', new Date('2027-01-10T22:00:00Z'), ZONE)).toBe(0);
    expect(weeksWaited('2027-01-04', new Date('2027-01-11T00:30:00Z'), ZONE)).toBe(1);
    expect(weeksWaited('2027-01-04', new Date('2027-05-10T12:00:00Z'), ZONE)).toBe(18);
  });

  it('uses the Europe/London date, not the UTC date, during British Summer Time', () => {
    // 23:30 UTC on Sunday 11 April is 00:30 BST on Monday 12 April: a week has been completed.
    expect(weeksWaited('2027-04-05', new Date('2027-04-11T23:30:00Z'), ZONE)).toBe(1);
    expect(weeksWaited('2027-04-05', new Date('2027-04-11T22:30:00Z'), ZONE)).toBe(0);
  });

  it('counts a week that contains a clock change as a full week', () => {
    expect(weeksWaited('2027-03-22', new Date('2027-03-29T00:00:00Z'), ZONE)).toBe(1);
    expect(weeksWaited('2027-10-25', new Date('2027-11-01T00:00:00Z'), ZONE)).toBe(1);
  });

  it('is never negative for a clock start in the future', () => {
    expect(weeksWaited('2027-02-01', new Date('2027-01-04T09:00:00Z'), ZONE)).toBe(0);
  });
});

describe('rttPosition', () => {
  const start = '2027-01-04'; // breach date 2027-05-10

  it('is on track more than two weeks before the breach date', () => {
    expect(rttPosition(start, new Date('2027-04-25T12:00:00Z'), ZONE)).toEqual({
      breachOn: '2027-05-10',
      weeksWaited: 15,
      daysToBreach: 15,
      flag: 'ON_TRACK',
    });
  });

  it('is due soon from two weeks before the breach date up to the breach date itself', () => {
    expect(rttPosition(start, new Date('2027-04-26T12:00:00Z'), ZONE)).toMatchObject({ daysToBreach: 14, flag: 'DUE_SOON' });
    expect(rttPosition(start, new Date('2027-05-10T12:00:00Z'), ZONE)).toMatchObject({ daysToBreach: 0, flag: 'DUE_SOON', weeksWaited: 18 });
  });

  it('is breached the day after the breach date', () => {
    expect(rttPosition(start, new Date('2027-05-11T08:00:00Z'), ZONE)).toMatchObject({ daysToBreach: -1, flag: 'BREACHED' });
    // 23:30 UTC on the breach date is already the next day in London (BST).
    expect(rttPosition(start, new Date('2027-05-10T23:30:00Z'), ZONE)).toMatchObject({ daysToBreach: -1, flag: 'BREACHED' });
  });
});
