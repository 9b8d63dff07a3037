import { describe, expect, it } from 'vitest';
import { RECOVERY_CODE_COUNT, generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('makes ten different codes of four groups of four, without look-alike letters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('stores a SHA-256 hash, never the code, the same however the code is typed', () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(code)!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.replace(/-/g, '').toLowerCase());
    expect(hashRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hash);
    expect(hashRecoveryCode(` ${code.replace(/-/g, '')} `)).toBe(hash);
    expect(hashRecoveryCode(generateRecoveryCodes(1)[0])).not.toBe(hash);
  });

  it('reads O as 0 and I or L as 1, and refuses what cannot be a code', () => {
    expect(normaliseRecoveryCode('oooo-iiii-llll-2345')).toBe('0000111111112345');
    for (const input of ['', 'ABCD-EFGH-JKMN', 'ABCD-EFGH-JKMN-PQRS-TVWX', 'ABCD-EFGH-JKMN-PQRU', '123456']) {
      expect(normaliseRecoveryCode(input), input).toBeNull();
      expect(hashRecoveryCode(input), input).toBeNull();
    }
  });
});
