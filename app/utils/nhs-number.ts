// NHS number: 10 digits, the last a Modulus 11 check digit (weights 10..2 on digits 1-9;
// check = 11 - (sum mod 11); 11 means 0; 10 means the number is invalid). Shown as 3-3-4.

export type NhsNumberResult = { ok: true; value: string } | { ok: false; message: string };

export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Accepts spaces or hyphens between digit groups; returns the 10 digits or a message for the user. */
export function parseNhsNumber(input: string): NhsNumberResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, message: 'Enter an NHS number' };
  if (!/^[0-9\s-]+$/.test(trimmed)) {
    return { ok: false, message: 'NHS number must only contain numbers, for example 943 476 5919' };
  }
  const digits = trimmed.replace(/[\s-]/g, '');
  if (digits.length !== 10) {
    return { ok: false, message: 'NHS number must be 10 digits, for example 943 476 5919' };
  }
  // 0000000000 (and any one digit ten times) passes the check digit but is never issued: a placeholder typed
  // when the real number is not known, which would merge unrelated patients.
  if (/^(\d)\1{9}$/.test(digits)) {
    return { ok: false, message: 'This is not a real NHS number. Enter the patient\'s own NHS number' };
  }
  const check = nhsCheckDigit(digits.slice(0, 9));
  if (check === null || check !== Number(digits[9])) {
    return { ok: false, message: 'This is not a valid NHS number. Check it and try again' };
  }
  return { ok: true, value: digits };
}

export function isValidNhsNumber(input: string): boolean {
  return parseNhsNumber(input).ok;
}

/** "9434765919" -> "943 476 5919" */
export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * The n-th (from 0) valid NHS number in the 999 range, which is never issued to real patients:
 * distinct for distinct n, for test and demo data.
 */
export function testNhsNumber(n: number): string {
  let seen = -1;
  for (let k = 0; k < 1_000_000; k++) {
    const nine = `999${String(k).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== null && ++seen === n) return `${nine}${check}`;
  }
  throw new RangeError('no more test NHS numbers');
}
