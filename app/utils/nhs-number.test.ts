import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, parseNhsNumber, testNhsNumber } from './nhs-number';

describe('NHS number', () => {
  it('accepts a valid number with or without spaces', () => {
    expect(parseNhsNumber('943 476 5919')).toEqual({ ok: true, value: '9434765919' });
    expect(parseNhsNumber('9434765919')).toEqual({ ok: true, value: '9434765919' });
    expect(parseNhsNumber(' 943-476-5919 ')).toEqual({ ok: true, value: '9434765919' });
  });

  it('refuses 0000000000 and other one-digit-repeated numbers, which pass the check digit but are never issued', () => {
    for (const value of ['0000000000', '000 000 0000', '1111111111', '9999999999']) {
      expect(nhsCheckDigit(value.replace(/ /g, '').slice(0, 9))).toBe(Number(value.replace(/ /g, '')[9]));
      expect(parseNhsNumber(value)).toEqual({ ok: false, message: "This is not a real NHS number. Enter the patient's own NHS number" });
    }
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
    // 000000014 -> 1*3 + 4*2 = 11 -> 11 - 0 = 11 -> 0 (0000000000 is refused as never issued: see above)
    expect(nhsCheckDigit('000000014')).toBe(0);
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(isValidNhsNumber('0000000140')).toBe(true);
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
