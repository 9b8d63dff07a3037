// Recovery codes: one-time codes for when the phone with the authenticator app is lost. Each has 80 random
// bits (16 characters from a 32-letter alphabet without look-alikes), so a plain SHA-256 is a safe way to store
// it: too many possibilities to try them all against a stolen hash (docs/decisions/0016).
import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 alphabet: no I, L, O or U, so nothing is mistaken for 1, 0 or V.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

/** New codes, shown grouped as "ABCD-EFGH-JKMN-PQRS". */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return chars.replace(/(.{4})(?=.)/g, '$1-');
  });
}

/**
 * A typed code in its stored form: case, spaces and hyphens ignored, and the look-alikes Crockford allows for
 * (O for 0, I and L for 1). Null if it cannot be a recovery code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

/** The stored form of a code: SHA-256 of the normalised code, hex. Null if the input cannot be a code. */
export function hashRecoveryCode(input: string): string | null {
  const code = normaliseRecoveryCode(input);
  return code ? createHash('sha256').update(code).digest('hex') : null;
}
