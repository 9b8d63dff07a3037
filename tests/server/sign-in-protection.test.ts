// Brute-force defences at sign-in (ADR 15): account lock, admin unlock, per-address throttle, audit of failures,
// and the absolute session lifetime.
import { describe, expect, it } from 'vitest';
import { getCurrentUser } from '~/auth/session.server';
import { attemptSignIn, passwordChecks } from '~/auth/sign-in.server';
import { ADDRESS_FAILURE_LIMIT, LOCK_AFTER_FAILURES, throttleWindowStart } from '~/auth/sign-in-policy';
import { getPrisma } from '~/db.server';
import { action as signInAction } from '~/routes/sign-in';
import { action as staffAction } from '~/routes/admin.staff.$staffId';
import { fromAddress } from './consultations-fixtures';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

function signIn(email: string, password: string, ip?: string) {
  const request = formRequest('/sign-in', { email, password });
  return respond(() => signInAction(routeArgs(ip ? fromAddress(request, ip) : request) as never));
}

async function formError(response: Response): Promise<string> {
  const body = JSON.parse(await response.text());
  return body.error[''][0];
}

let addressCounter = 0;
/** A fresh documentation address per test, so windows of earlier tests do not count. */
function freshAddress() {
  addressCounter += 1;
  return `198.51.100.${addressCounter}-${Math.random().toString(36).slice(2, 6)}`;
}

describe('account lock', () => {
  it(`locks after ${LOCK_AFTER_FAILURES} wrong passwords: then even the right one is refused, with a clear message`, async () => {
    const clerk = await staffWithPassword('CLERK');
    for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i += 1) expect((await signIn(clerk.email, 'wrong password')).status).toBe(401);
    // Nine wrong then the right one: still fine, and the count starts again.
    expect((await signIn(clerk.email, clerk.password)).status).toBe(302);
    const prisma = await getPrisma();
    expect(await prisma.staffUser.findUnique({ where: { id: clerk.id }, select: { failedSignInCount: true } })).toEqual({ failedSignInCount: 0 });

    for (let i = 0; i < LOCK_AFTER_FAILURES; i += 1) expect((await signIn(clerk.email, 'wrong password')).status).toBe(401);
    const refused = await signIn(clerk.email, clerk.password);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Set-Cookie')).toBeNull();
    expect(await formError(refused)).toMatch(/^This account is locked after too many wrong passwords\. Try again after \d{1,2}(:\d\d)?[ap]m, or ask an administrator to unlock it\.$/);
    const user = await prisma.staffUser.findUnique({ where: { id: clerk.id }, select: { failedSignInCount: true, lockedUntil: true } });
    expect(user!.failedSignInCount).toBe(LOCK_AFTER_FAILURES);
    expect(user!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 25 * 60 * 1000);
  });

  it('an admin unlocks it: the right password works again and the count is cleared; audited', async () => {
    const doctor = await staffWithPassword('DOCTOR');
    const admin = await staffWithPassword('ADMIN');
    const adminCookie = await signInCookie(admin.email, admin.password);
    for (let i = 0; i < LOCK_AFTER_FAILURES; i += 1) await signIn(doctor.email, 'wrong password');
    expect((await signIn(doctor.email, doctor.password)).status).toBe(403);

    const unlocked = await respond(() =>
      staffAction(routeArgs(formRequest(`/admin/staff/${doctor.id}`, { intent: 'unlock' }, adminCookie), { staffId: doctor.id }) as never),
    );
    expect(unlocked.status).toBe(302);
    const prisma = await getPrisma();
    expect(await prisma.staffUser.findUnique({ where: { id: doctor.id }, select: { failedSignInCount: true, lockedUntil: true } })).toEqual({
      failedSignInCount: 0,
      lockedUntil: null,
    });
    expect(await prisma.auditEvent.count({ where: { action: 'staff.unlock', entityId: doctor.id, actorId: admin.id } })).toBe(1);
    expect((await signIn(doctor.email, doctor.password)).status).toBe(302);
  });

  it('a lock ends after its time, but the next wrong password locks again at once', async () => {
    const clerk = await staffWithPassword('CLERK');
    const start = new Date('2027-01-04T09:00:00Z');
    for (let i = 0; i < LOCK_AFTER_FAILURES; i += 1) await attemptSignIn(clerk.email, 'wrong password', null, { production: false, now: start });
    const during = await attemptSignIn(clerk.email, clerk.password, null, { production: false, now: new Date('2027-01-04T09:29:00Z') });
    expect(during).toMatchObject({ ok: false, reason: 'locked' });
    const after = new Date('2027-01-04T09:31:00Z');
    expect(await attemptSignIn(clerk.email, 'wrong again', null, { production: false, now: after })).toEqual({ ok: false, reason: 'wrong' });
    expect(await attemptSignIn(clerk.email, clerk.password, null, { production: false, now: after })).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('counts 20 wrong passwords tried in parallel exactly, and is locked after them', async () => {
    const clerk = await staffWithPassword('CLERK');
    const now = new Date('2027-01-04T10:00:00Z');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => attemptSignIn(clerk.email, 'wrong password', null, { production: false, now })),
    );
    // Each either reached the password check (wrong) or found the lock a parallel attempt had set.
    expect(outcomes.every((o) => !o.ok && (o.reason === 'wrong' || o.reason === 'locked'))).toBe(true);
    const wrong = outcomes.filter((o) => !o.ok && o.reason === 'wrong').length;
    const prisma = await getPrisma();
    const user = await prisma.staffUser.findUnique({ where: { id: clerk.id }, select: { failedSignInCount: true, lockedUntil: true } });
    expect(user!.failedSignInCount).toBe(wrong);
    expect(wrong).toBeGreaterThanOrEqual(LOCK_AFTER_FAILURES);
    expect(user!.lockedUntil).not.toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: 'session.sign-in-failed', entityId: clerk.id } })).toBe(20);
  });
});

describe('address throttle', () => {
  it(`lets ${ADDRESS_FAILURE_LIMIT} failures from one address through in a window, of 20 in parallel, and throttles the rest`, async () => {
    const address = freshAddress();
    const now = new Date('2027-01-04T11:03:00Z');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attemptSignIn(`nobody-${i}@test.paindesk`, 'a wrong password', address, { production: false, now })),
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === 'wrong')).toHaveLength(ADDRESS_FAILURE_LIMIT);
    const throttled = outcomes.filter((o) => !o.ok && o.reason === 'throttled');
    expect(throttled).toHaveLength(20 - ADDRESS_FAILURE_LIMIT);
    // 7 minutes left of the 11:00-11:10 window.
    expect(throttled[0]).toEqual({ ok: false, reason: 'throttled', retryAfter: 420 });
    const prisma = await getPrisma();
    const row = await prisma.signInThrottle.findUnique({
      where: { address_windowStart: { address, windowStart: throttleWindowStart(now) } },
      select: { failures: true },
    });
    expect(row).toEqual({ failures: ADDRESS_FAILURE_LIMIT });
    // Another address is not affected; the next window starts afresh and the old one is cleaned up.
    expect(await attemptSignIn('nobody@test.paindesk', 'x', freshAddress(), { production: false, now })).toEqual({ ok: false, reason: 'wrong' });
    const later = new Date('2027-01-04T11:25:00Z');
    expect(await attemptSignIn('nobody@test.paindesk', 'x', address, { production: false, now: later })).toEqual({ ok: false, reason: 'wrong' });
    expect(await prisma.signInThrottle.count({ where: { address, windowStart: throttleWindowStart(now) } })).toBe(0);
  });

  it('does not count right passwords against the address', async () => {
    const address = freshAddress();
    const clerk = await staffWithPassword('CLERK');
    const now = new Date('2027-01-04T12:00:00Z');
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT + 5; i += 1) {
      expect(await attemptSignIn(clerk.email, clerk.password, address, { production: false, now })).toMatchObject({ ok: true });
    }
  });

  it('the sign-in page answers 429 with Retry-After and a clear message, without checking the password', async () => {
    const address = freshAddress();
    const clerk = await staffWithPassword('CLERK');
    const prisma = await getPrisma();
    // This window and the next are used up, so the answer does not depend on when the test runs.
    const current = throttleWindowStart(new Date());
    const next = new Date(current.getTime() + 10 * 60 * 1000);
    await prisma.signInThrottle.createMany({
      data: [current, next].map((windowStart) => ({ address, windowStart, failures: ADDRESS_FAILURE_LIMIT })),
    });
    const response = await signIn(clerk.email, clerk.password, address);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await formError(response)).toMatch(/^Too many sign-in attempts from this computer\. Wait \d+ minutes? and try again\.$/);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    // Throttled before the account was looked at: the account's count is untouched.
    expect(await prisma.staffUser.findUnique({ where: { id: clerk.id }, select: { failedSignInCount: true } })).toEqual({ failedSignInCount: 0 });
  });
});

describe('bounded password checks', () => {
  it('answers 503 with Retry-After when every check and queue place is taken, without counting a failure', async () => {
    const clerk = await staffWithPassword('CLERK');
    const address = freshAddress();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: passwordChecks.limit + passwordChecks.maxWaiting }, () => passwordChecks.run(() => gate));
    try {
      const response = await signIn(clerk.email, clerk.password, address);
      expect(response.status).toBe(503);
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(await formError(response)).toBe('PainDesk is busy checking other sign-ins. Wait a few seconds and try again.');
    } finally {
      release();
      await Promise.all(holders);
    }
    const prisma = await getPrisma();
    expect(await prisma.signInThrottle.findFirst({ where: { address }, select: { failures: true } })).toEqual({ failures: 0 });
    expect(await prisma.staffUser.findUnique({ where: { id: clerk.id }, select: { failedSignInCount: true } })).toEqual({ failedSignInCount: 0 });
    expect((await signIn(clerk.email, clerk.password, address)).status).toBe(302);
  });
});

describe('audit of failed sign-ins', () => {
  it('records the account id for a known account and no identifier for an unknown email, never the password or email', async () => {
    const doctor = await staffWithPassword('DOCTOR');
    const prisma = await getPrisma();
    const before = await prisma.auditEvent.count({ where: { action: 'session.sign-in-failed' } });
    await signIn(doctor.email, 'Secret-typed-password-1', '192.0.2.44');
    await signIn('someone.unknown@nhs.example', 'Secret-typed-password-2', '192.0.2.44');
    const rows = await prisma.auditEvent.findMany({
      where: { action: 'session.sign-in-failed' },
      orderBy: { id: 'asc' },
      skip: before,
      select: { actorId: true, entityType: true, entityId: true, ipAddress: true, details: true },
    });
    expect(rows).toEqual([
      { actorId: null, entityType: 'StaffUser', entityId: doctor.id, ipAddress: '192.0.2.44', details: { reason: 'wrong-password', failures: 1 } },
      { actorId: null, entityType: 'StaffUser', entityId: 'unknown', ipAddress: '192.0.2.44', details: { reason: 'unknown-account' } },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Secret-typed|someone\.unknown/);
  });
});

describe('absolute session lifetime', () => {
  it('ends a session 12 hours after sign-in however much it is used (SESSION_ABSOLUTE_HOURS)', async () => {
    const clerk = await staffWithPassword('CLERK');
    const cookie = await signInCookie(clerk.email, clerk.password);
    const prisma = await getPrisma();
    const { createdAt } = (await prisma.session.findFirst({ where: { userId: clerk.id }, select: { createdAt: true } }))!;
    const at = (hours: number) => new Date(createdAt.getTime() + hours * 60 * 60 * 1000);
    // Used every couple of hours, so it never goes idle.
    for (const hours of [2, 4, 6, 8, 10, 11.9]) expect(await getCurrentUser(getRequest('/', cookie), at(hours)), `${hours} h`).not.toBeNull();
    const session = await prisma.session.findFirst({ where: { userId: clerk.id }, select: { expiresAt: true } });
    expect(session!.expiresAt.getTime()).toBe(at(12).getTime());
    expect(await getCurrentUser(getRequest('/', cookie), at(12))).toBeNull();
  });

  it('refuses a 90-day-old session that was used yesterday', async () => {
    const clerk = await staffWithPassword('CLERK');
    const cookie = await signInCookie(clerk.email, clerk.password);
    const prisma = await getPrisma();
    const now = new Date('2027-06-01T12:00:00Z');
    await prisma.session.updateMany({
      where: { userId: clerk.id },
      data: { createdAt: new Date('2027-03-03T12:00:00Z'), lastSeenAt: new Date('2027-06-01T11:00:00Z'), expiresAt: new Date('2027-06-01T23:00:00Z') },
    });
    expect(await getCurrentUser(getRequest('/', cookie), now)).toBeNull();
  });
});
