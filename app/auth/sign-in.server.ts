// Checking a password at sign-in, with the brute-force defences of ADR 15: a per-address throttle and a
// per-account lock, both kept in the database (so every app instance shares them) and changed only by atomic
// conditional updates (so parallel attempts count exactly), and a bound on concurrent bcrypt checks in this
// process. Every refused attempt that reaches the password check is in the audit trail.
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import type { Role } from '~/generated/prisma/enums';
import { refusedInProduction } from './demo-accounts';
import { hashPassword, verifyPassword } from './password.server';
import { Semaphore, SemaphoreBusy } from './semaphore';
import {
  ADDRESS_FAILURE_LIMIT,
  expiredWindowsBefore,
  isLocked,
  LOCK_AFTER_FAILURES,
  lockEnds,
  retryAfterSeconds,
  throttleKey,
  throttleWindowStart,
} from './sign-in-policy';

export type SignedInUser = { id: string; email: string; name: string; role: Role };

export type SignInOutcome =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; lockedUntil: Date }
  | { ok: false; reason: 'throttled'; retryAfter: number }
  | { ok: false; reason: 'busy'; retryAfter: number };

/**
 * Two bcrypt checks at a time in this process (bcryptjs runs on the event loop; the machine may have two cores);
 * up to 32 more wait their turn for up to 10 seconds; beyond that a sign-in is refused with 503 at once.
 */
export const passwordChecks = new Semaphore(2, 32, 10_000);
const BUSY_RETRY_SECONDS = 5;

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

async function checkPassword(password: string, hash: string | null): Promise<boolean> {
  return passwordChecks.run(async () => {
    if (hash === null) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(password, await dummyHash);
      return false;
    }
    return verifyPassword(password, hash);
  });
}

type Prisma = Awaited<ReturnType<typeof getPrisma>>;

/** Counts a failure against the address; false if the address has used up its failures in this window. */
async function reserveAddressFailure(prisma: Prisma, key: string, now: Date): Promise<boolean> {
  const windowStart = throttleWindowStart(now);
  await prisma.signInThrottle.deleteMany({ where: { windowStart: { lt: expiredWindowsBefore(now) } } });
  await prisma.signInThrottle.createMany({ data: [{ address: key, windowStart, failures: 0 }], skipDuplicates: true });
  const { count } = await prisma.signInThrottle.updateMany({
    where: { address: key, windowStart, failures: { lt: ADDRESS_FAILURE_LIMIT } },
    data: { failures: { increment: 1 } },
  });
  return count === 1;
}

/** A right password (or a check never made) does not count against the address. */
async function refundAddressFailure(prisma: Prisma, key: string, now: Date) {
  await prisma.signInThrottle.updateMany({
    where: { address: key, windowStart: throttleWindowStart(now), failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

type FailureReason = 'wrong-password' | 'unknown-account' | 'locked' | 'demo-account-refused' | 'inactive';

async function auditFailure(prisma: Prisma, userId: string | null, reason: FailureReason, address: string | null, failures?: number) {
  // Never the password, and for an unknown account not the email typed either: only the matched account's id.
  await recordAudit(prisma, {
    actor: null,
    action: 'session.sign-in-failed',
    entityType: 'StaffUser',
    entityId: userId ?? 'unknown',
    ipAddress: address,
    details: failures === undefined ? { reason } : { reason, failures },
  });
}

/** Counts a wrong password against the account, locking it at the limit; returns the new count. */
async function countAccountFailure(prisma: Prisma, userId: string, now: Date): Promise<number> {
  const { failedSignInCount } = await prisma.staffUser.update({
    where: { id: userId },
    data: { failedSignInCount: { increment: 1 } },
    select: { failedSignInCount: true },
  });
  if (failedSignInCount >= LOCK_AFTER_FAILURES) {
    await prisma.staffUser.updateMany({
      where: { id: userId, failedSignInCount: { gte: LOCK_AFTER_FAILURES } },
      data: { lockedUntil: lockEnds(now) },
    });
  }
  return failedSignInCount;
}

/**
 * Checks the credentials. Never says which of email and password was wrong; does say when the account is locked
 * or the address throttled (ADR 15 weighs that against account enumeration). `address` is the client address the
 * server sets; without one (an in-process call) only the account lock applies.
 */
export async function attemptSignIn(
  email: string,
  password: string,
  address: string | null,
  options: { production: boolean; now?: Date },
): Promise<SignInOutcome> {
  const now = options.now ?? new Date();
  const prisma = await getPrisma();
  const key = throttleKey(address);
  if (key !== null && !(await reserveAddressFailure(prisma, key, now))) {
    return { ok: false, reason: 'throttled', retryAfter: retryAfterSeconds(now) };
  }
  const user = await prisma.staffUser.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, active: true, lockedUntil: true },
  });
  if (user?.active && isLocked(user.lockedUntil, now)) {
    await auditFailure(prisma, user.id, 'locked', address);
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil! };
  }
  // The demo accounts and the published demo password never sign in to a production server; the check still
  // spends a hash, so a refusal takes as long as a wrong password.
  const demoRefused = options.production && refusedInProduction(email, password);
  const usable = user?.active && !demoRefused ? user : null;
  let right: boolean;
  try {
    right = await checkPassword(password, usable ? usable.passwordHash : null);
  } catch (error) {
    if (!(error instanceof SemaphoreBusy)) throw error;
    if (key !== null) await refundAddressFailure(prisma, key, now);
    return { ok: false, reason: 'busy', retryAfter: BUSY_RETRY_SECONDS };
  }
  if (!usable || !right) {
    if (user?.active) {
      const failures = await countAccountFailure(prisma, user.id, now);
      await auditFailure(prisma, user.id, demoRefused ? 'demo-account-refused' : 'wrong-password', address, failures);
    } else {
      await auditFailure(prisma, user ? user.id : null, user ? 'inactive' : 'unknown-account', address);
    }
    return { ok: false, reason: 'wrong' };
  }
  // Right password: clear the count, unless a parallel attempt locked the account meanwhile.
  const { count } = await prisma.staffUser.updateMany({
    where: { id: usable.id, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failedSignInCount: 0, lockedUntil: null },
  });
  if (count === 0) {
    const locked = await prisma.staffUser.findUnique({ where: { id: usable.id }, select: { lockedUntil: true } });
    await auditFailure(prisma, usable.id, 'locked', address);
    return { ok: false, reason: 'locked', lockedUntil: locked?.lockedUntil ?? lockEnds(now) };
  }
  if (key !== null) await refundAddressFailure(prisma, key, now);
  const { id, email: userEmail, name, role } = usable;
  return { ok: true, user: { id, email: userEmail, name, role } };
}
