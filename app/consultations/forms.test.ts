import { describe, expect, it } from 'vitest';
import { oneOffClinicFormSchema, parseClinicDay } from '~/scheduling/clinic-forms';
import { bookFormSchema, cancelFormSchema, parseSlotSearch } from './consultation-forms';

const TODAY = '2027-03-22';

describe('one-off clinic form', () => {
  const valid = { intent: 'create-clinic', clinicianId: 'd1', siteId: 's1', date: '2027-03-28', startTime: '9:00', endTime: '12:00', slotMinutes: 20 };

  it('accepts a clinic today or later and writes times as HH:mm', () => {
    expect(oneOffClinicFormSchema(TODAY).parse(valid)).toMatchObject({ date: '2027-03-28', startTime: '09:00', endTime: '12:00', slotMinutes: 20 });
    expect(oneOffClinicFormSchema(TODAY).safeParse({ ...valid, date: TODAY }).success).toBe(true);
  });

  it('puts each problem on the field to change', () => {
    const issues = (overrides: Record<string, unknown>) => {
      const result = oneOffClinicFormSchema(TODAY).safeParse({ ...valid, ...overrides });
      return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
    };
    expect(issues({ date: '2027-03-21' })).toEqual([['date', 'Date must be today or in the future']]);
    expect(issues({ endTime: '09:00' })).toEqual([['endTime', 'End time must be after the start time (09:00)']]);
    expect(issues({ endTime: '09:10' })).toEqual([['slotMinutes', 'A 20-minute slot does not fit in a clinic from 09:00 to 09:10']]);
    expect(issues({ slotMinutes: 7.5 })).toEqual([['slotMinutes', 'Slot length must be a whole number of minutes']]);
    expect(issues({ startTime: 'noon' })).toEqual([['startTime', 'Start time must be a 24-hour time, like 09:30 or 13:45']]);
  });
});

describe('clinic day query', () => {
  it('defaults to today and reports a date that is not real', () => {
    expect(parseClinicDay(new URLSearchParams(''), TODAY)).toEqual({ date: TODAY, siteId: undefined });
    expect(parseClinicDay(new URLSearchParams('date=2027-10-31&siteId=s1'), TODAY)).toEqual({ date: '2027-10-31', siteId: 's1' });
    expect(parseClinicDay(new URLSearchParams('date=2027-02-29'), TODAY)).toEqual({
      date: TODAY,
      siteId: undefined,
      error: 'Enter the date as a real date, like 2027-03-22',
    });
  });
});

describe('consultation forms', () => {
  it('a booking names exactly one of a referral or a consultation to rebook', () => {
    const base = { intent: 'book', slotId: 'slot', idempotencyKey: '0b8f6b1e-3c1d-4a5e-9f4b-2d7c1e0a9b11' };
    expect(bookFormSchema.safeParse({ ...base, referralId: 'r1' }).success).toBe(true);
    expect(bookFormSchema.safeParse({ ...base, rebookFromId: 'a1' }).success).toBe(true);
    expect(bookFormSchema.safeParse(base).success).toBe(false);
    expect(bookFormSchema.safeParse({ ...base, referralId: 'r1', rebookFromId: 'a1' }).success).toBe(false);
    expect(bookFormSchema.safeParse({ ...base, referralId: 'r1', idempotencyKey: 'short' }).success).toBe(false);
  });

  it('a cancellation needs who and why, and the version the page was made from', () => {
    expect(cancelFormSchema.parse({ intent: 'cancel', version: '3', cancelledBy: 'HOSPITAL', reason: ' Doctor unwell ' })).toEqual({
      intent: 'cancel',
      version: 3,
      cancelledBy: 'HOSPITAL',
      reason: 'Doctor unwell',
    });
    expect(cancelFormSchema.safeParse({ intent: 'cancel', version: 'x', cancelledBy: 'HOSPITAL', reason: 'r' }).success).toBe(false);
  });

  it('the free-slot search keeps good filters and reports a bad date', () => {
    expect(parseSlotSearch(new URLSearchParams('siteId=s1&from=2027-03-28&page=2'))).toEqual({
      search: { siteId: 's1', from: '2027-03-28', page: 2 },
      errors: {},
    });
    const bad = parseSlotSearch(new URLSearchParams('siteId=s1&from=28/03/2027'));
    expect(bad.search).toEqual({ siteId: 's1' });
    expect(bad.errors).toEqual({ from: ['Enter the date to search from as a real date, for example 2027-03-22'] });
  });
});
