// Encrypts a second-factor secret for storage: AES-256-GCM with a key derived by HKDF-SHA-256 from the server's
// secret, so a copy of the database alone does not give anyone the codes (docs/decisions/0016). Pure: the
// caller passes the server secret in.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'paindesk second-factor secret v1';
const SALT = 'paindesk';

/** The 256-bit key for second-factor secrets, derived from SESSION_SECRET. */
export function secondFactorKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, SALT, INFO, 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", each base64url; a fresh 96-bit IV every time. */
export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The plaintext, or null if the box was changed, made with another key, or is not one of ours. */
export function decryptSecret(box: string, key: Buffer): string | null {
  const [version, iv, tag, ciphertext, ...rest] = box.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0) return null;
  const tagBytes = Buffer.from(tag, 'base64url');
  if (tagBytes.length !== 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
