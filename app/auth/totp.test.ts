import { describe, expect, it } from 'vitest';
import { checkTotpCode, generateTotpSecret, groupedSecret, normaliseTotpCode, otpauthUri, totpCode, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 test secret is the ASCII "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const T = Date.UTC(2026, 11, 1, 12, 0, 15); // 15 s into a 30-second step
const STEP = totpStep(T);

describe('TOTP codes', () => {
  it('matches the RFC 6238 test vectors (6 digits)', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe('279037');
  });

  it('accepts the code for now and one step either side, and says which step it was', () => {
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T), T, null)).toEqual({ ok: true, step: STEP });
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T - 30_000), T, null)).toEqual({ ok: true, step: STEP - 1 });
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T + 30_000), T, null)).toEqual({ ok: true, step: STEP + 1 });
  });

  it('refuses codes two steps away, wrong codes and things that are not codes', () => {
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T - 60_000), T, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T + 60_000), T, null)).toEqual({ ok: false, reason: 'wrong' });
    const right = totpCode(RFC_SECRET, T);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTotpCode(RFC_SECRET, wrong, T, null)).toEqual({ ok: false, reason: 'wrong' });
    for (const input of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
      expect(checkTotpCode(RFC_SECRET, input, T, null), input).toEqual({ ok: false, reason: 'wrong' });
    }
  });

  it('refuses a right code for a step already used, or an earlier one (no replay)', () => {
    const code = totpCode(RFC_SECRET, T);
    expect(checkTotpCode(RFC_SECRET, code, T, STEP)).toEqual({ ok: false, reason: 'already-used' });
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T - 30_000), T, STEP)).toEqual({ ok: false, reason: 'already-used' });
    // The next step's code is still fine once this one is used.
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, T + 30_000), T, STEP)).toEqual({ ok: true, step: STEP + 1 });
    expect(checkTotpCode(RFC_SECRET, code, T, STEP - 1)).toEqual({ ok: true, step: STEP });
  });

  it('ignores spaces and hyphens people type', () => {
    const code = totpCode(RFC_SECRET, T);
    expect(normaliseTotpCode(` ${code.slice(0, 3)} ${code.slice(3)} `)).toBe(code);
    expect(checkTotpCode(RFC_SECRET, `${code.slice(0, 3)}-${code.slice(3)}`, T, null)).toEqual({ ok: true, step: STEP });
  });

  it('makes 160-bit base32 secrets, different each time, shown in groups of four', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(a);
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  it('gives an otpauth:// address with the issuer, the account and the standard settings', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'admin@paindesk.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/PainDesk:admin@paindesk.test');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: RFC_SECRET, issuer: 'PainDesk', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
