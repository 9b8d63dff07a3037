import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, parseNhsNumber, testNhsNumber } from './nhs-number';

describe('NHS number', () => {
  it('accepts a valid number with or without spaces', () => {
    expect(parseNhsNumber('943 476 5919')).toEqual({ ok: true, value: '9434765919' });
    expect(parseNhsNumber('9434765919')).toEqual({ ok: true, value: '9434765919' });
    expect(parseNhsNumber(' 943-476-5919 ')).toEqual({ ok: true, value: '9434765919' });
  });

  it('refuses a wrong check digit, with a message a clerk understands', () => {
    expect(parseNhsNumber('943 476 5918')).toEqual({
      ok: false,
      message: 'This is not a valid NHS number. Check it and try again',
    });
  });

  it('refuses numbers whose check digit would be 10', () => {
    // 1000000010: sum = 1*10 + 1*2 = 12; 12 mod 11 = 1; 11 - 1 = 10 -> never issued
    expect(nhsCheckDigit('100000001')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`100000001${d}`)).toBe(false);
  });

  it('maps a check of 11 to 0', () => {
    // 000000000 -> sum 0 -> 11 - 0 = 11 -> 0
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(isValidNhsNumber('0000000000')).toBe(true);
  });

  it('explains wrong length and letters', () => {
    expect(parseNhsNumber('')).toMatchObject({ ok: false, message: 'Enter an NHS number' });
    expect(parseNhsNumber('94347659')).toMatchObject({ ok: false, message: expect.stringContaining('10 digits') });
    expect(parseNhsNumber('94347659AB')).toMatchObject({ ok: false, message: expect.stringContaining('only contain numbers') });
  });

  it('formats 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('makes distinct valid test numbers in the 999 range', () => {
    const numbers = Array.from({ length: 300 }, (_, i) => testNhsNumber(i));
    expect(new Set(numbers).size).toBe(300);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
  });
});
