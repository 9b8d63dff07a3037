import { describe, expect, it } from 'vitest';
import { ageOn, formatDate, formatDateTime, formatTime, londonToday } from './format';

describe('display formats (tests run with TZ=UTC)', () => {
  it('shows a date-only value as its calendar date', () => {
    expect(formatDate(new Date('1956-03-27T00:00:00Z'))).toBe('27 March 1956');
  });

  it('shows instants in Europe/London across the March clock change', () => {
    // 2027-03-28: clocks go forward at 01:00 UTC
    expect(formatTime(new Date('2027-03-28T00:30:00Z'))).toBe('12:30am');
    expect(formatTime(new Date('2027-03-28T08:00:00Z'))).toBe('9am');
    expect(formatDateTime(new Date('2027-03-28T12:30:00Z'))).toBe('Sunday 28 March 2027, 1:30pm');
  });

  it('shows instants in Europe/London across the October clock change', () => {
    // 2027-10-31: clocks go back at 01:00 UTC
    expect(formatTime(new Date('2027-10-31T08:15:00Z'))).toBe('8:15am');
    expect(formatDateTime(new Date('2027-10-31T13:30:00Z'))).toBe('Sunday 31 October 2027, 1:30pm');
    expect(formatDateTime(new Date('2027-04-01T07:15:00Z'))).toBe('Thursday 1 April 2027, 8:15am');
  });

  it('takes today in London, not UTC', () => {
    expect(londonToday(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(londonToday(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31');
  });

  it('computes age on a given day', () => {
    expect(ageOn(new Date('1960-05-10T00:00:00Z'), new Date('2027-05-09T12:00:00Z'))).toBe(66);
    expect(ageOn(new Date('1960-05-10T00:00:00Z'), new Date('2027-05-10T12:00:00Z'))).toBe(67);
  });
});
