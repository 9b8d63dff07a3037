// When sign-in is refused for too many wrong passwords (ADR 15). Pure: the clock is passed in.
import { formatTime } from '~/utils/format';

/** Consecutive wrong passwords that lock an account. */
export const LOCK_AFTER_FAILURES = 10;
/** How long a lock lasts; an admin can unlock sooner. Every wrong password after the lock ends locks it again. */
export const LOCK_MINUTES = 30;
/** Failed sign-ins one client address may make in one window, whichever accounts they were for. */
export const ADDRESS_FAILURE_LIMIT = 10;
export const ADDRESS_WINDOW_MINUTES = 10;

const WINDOW_MS = ADDRESS_WINDOW_MINUTES * 60 * 1000;

export function lockEnds(now: Date): Date {
  return new Date(now.getTime() + LOCK_MINUTES * 60 * 1000);
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now;
}

/** The fixed window an attempt at `now` counts in. */
export function throttleWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
}

/** Windows that started before this are over and can be deleted. */
export function expiredWindowsBefore(now: Date): Date {
  return new Date(throttleWindowStart(now).getTime() - WINDOW_MS);
}

/** Seconds until the window of `now` ends (at least 1), for Retry-After. */
export function retryAfterSeconds(now: Date): number {
  return Math.max(1, Math.ceil((throttleWindowStart(now).getTime() + WINDOW_MS - now.getTime()) / 1000));
}

/** The key an address is throttled under; the server always sets one, an in-process call may have none. */
export function throttleKey(address: string | null): string | null {
  if (address === null) return null;
  return address.trim() === '' ? 'unknown' : address.trim();
}

export function lockedMessage(lockedUntil: Date): string {
  return `This account is locked after too many wrong passwords. Try again after ${formatTime(lockedUntil)}, or ask an administrator to unlock it.`;
}

export function throttledMessage(retryAfter: number): string {
  const minutes = Math.ceil(retryAfter / 60);
  return `Too many sign-in attempts from this computer. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}

export const BUSY_MESSAGE = 'PainDesk is busy checking other sign-ins. Wait a few seconds and try again.';
