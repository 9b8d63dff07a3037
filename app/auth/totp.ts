// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps, the settings every authenticator
// app understands), through the otpauth library. Pure: the caller passes the time in (docs/decisions/0016).
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step either side of now are accepted, for a phone clock a little out. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'PainDesk';

function totp(secretBase32: string, label = 'PainDesk') {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 without padding. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second step an instant falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator app shows at this instant (tests and the demo use it). */
export function totpCode(secretBase32: string, nowMs: number): string {
  return totp(secretBase32).generate({ timestamp: nowMs });
}

/** Spaces and hyphens people type or paste are ignored; anything else must be exactly six digits. */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'already-used' };

/**
 * Checks a code against the secret at `nowMs`, within one step either side. A code for a step at or before
 * `lastUsedStep` is refused even if right, so a code seen over someone's shoulder cannot be used again.
 */
export function checkTotpCode(secretBase32: string, input: string, nowMs: number, lastUsedStep: number | null): TotpCheck {
  const code = normaliseTotpCode(input);
  if (!code) return { ok: false, reason: 'wrong' };
  const delta = totp(secretBase32).validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = totpStep(nowMs) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'already-used' };
  return { ok: true, step };
}

/** The otpauth:// address an authenticator app reads from the QR code (or that can be pasted into it). */
export function otpauthUri(secretBase32: string, accountName: string): string {
  return totp(secretBase32, accountName).toString();
}

/** The secret in groups of four, easier to read out and type into an app. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}
