import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, secondFactorKey } from './secret-box';

const KEY = secondFactorKey('a-test-session-secret-of-at-least-32-characters');

describe('secret box (AES-256-GCM, key from HKDF)', () => {
  it('round-trips, with a fresh IV each time so the same secret never looks the same', () => {
    const a = encryptSecret('JBSWY3DPEHPK3PXP', KEY);
    const b = encryptSecret('JBSWY3DPEHPK3PXP', KEY);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptSecret(a, KEY)).toBe('JBSWY3DPEHPK3PXP');
    expect(decryptSecret(b, KEY)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('derives a 256-bit key that depends on the server secret', () => {
    expect(KEY).toHaveLength(32);
    expect(secondFactorKey('a-test-session-secret-of-at-least-32-characters').equals(KEY)).toBe(true);
    expect(secondFactorKey('another-session-secret-of-at-least-32-chars').equals(KEY)).toBe(false);
  });

  it('refuses a box made with another key, changed in any part, or not a box at all', () => {
    const box = encryptSecret('JBSWY3DPEHPK3PXP', KEY);
    expect(decryptSecret(box, secondFactorKey('another-session-secret-of-at-least-32-chars'))).toBeNull();
    const parts = box.split('.');
    for (let i = 1; i < parts.length; i++) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[i], 'base64url');
      bytes[0] ^= 1;
      changed[i] = bytes.toString('base64url');
      expect(decryptSecret(changed.join('.'), KEY), `part ${i}`).toBeNull();
    }
    for (const input of ['', 'JBSWY3DPEHPK3PXP', 'v2.a.b.c', `${box}.extra`, 'v1.a.b']) {
      expect(decryptSecret(input, KEY), input).toBeNull();
    }
  });
});
