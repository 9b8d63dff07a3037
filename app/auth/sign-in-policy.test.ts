import { describe, expect, it } from 'vitest';
import { expiredWindowsBefore, isLocked, lockedMessage, retryAfterSeconds, throttleKey, throttleWindowStart } from './sign-in-policy';

describe('sign-in policy', () => {
  it('counts failures in fixed ten-minute windows and says how long until the next', () => {
    const now = new Date('2027-03-28T00:57:30Z');
    expect(throttleWindowStart(now).toISOString()).toBe('2027-03-28T00:50:00.000Z');
    expect(retryAfterSeconds(now)).toBe(150);
    expect(retryAfterSeconds(new Date('2027-03-28T01:00:00Z'))).toBe(600);
    expect(expiredWindowsBefore(now).toISOString()).toBe('2027-03-28T00:40:00.000Z');
  });

  it('throttles by the address the server set; an in-process call has none', () => {
    expect(throttleKey('192.0.2.10')).toBe('192.0.2.10');
    expect(throttleKey('')).toBe('unknown');
    expect(throttleKey(null)).toBeNull();
  });

  it('says until when an account is locked, in London time', () => {
    const now = new Date('2027-07-01T12:00:00Z');
    expect(isLocked(new Date('2027-07-01T12:30:00Z'), now)).toBe(true);
    expect(isLocked(new Date('2027-07-01T12:00:00Z'), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
    expect(lockedMessage(new Date('2027-07-01T12:30:00Z'))).toBe(
      'This account is locked after too many wrong passwords. Try again after 1:30pm, or ask an administrator to unlock it.',
    );
  });
});
