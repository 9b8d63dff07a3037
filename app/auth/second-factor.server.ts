// The second factor (docs/decisions/0016): TOTP codes from an authenticator app, with one-time recovery codes.
// After a right password, someone who has a second factor, or whose role needs one, is not signed in: they get
// a pending sign-in (its own short-lived cookie, never a session, so getCurrentUser does not see it) and must
// enter a code, or set up a second factor, before startSession runs.
import { createHash, randomBytes } from 'node:crypto';
import { createCookie, redirect } from '@remix-run/node';
import QRCode from 'qrcode';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { getEnv } from '~/env.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { Role } from '~/generated/prisma/enums';
import { getUnitSetting } from '~/settings/unit-settings.server';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import { safeRedirectTarget } from './safe-redirect';
import { decryptSecret, encryptSecret, secondFactorKey } from './secret-box';
import { clientAddress, startSession } from './session.server';
import { checkTotpCode, generateTotpSecret, groupedSecret, otpauthUri } from './totp';

export const SECOND_FACTOR_PATH = '/sign-in/second-factor';
export const SET_UP_SECOND_FACTOR_PATH = '/sign-in/set-up-second-factor';
export const RECOVERY_CODES_PATH = '/account/recovery-codes';

/** Time to type a code after the password. */
const VERIFY_MINUTES = 5;
/** Time to set up an authenticator app after the password. */
const ENROL_MINUTES = 15;
/** Wrong codes one pending sign-in allows; then the password again. */
export const MAX_FAILURES_PER_SIGN_IN = 5;
/** Wrong codes one person may make across sign-ins and account changes within RECENT_MINUTES. */
export const MAX_RECENT_FAILURES = 10;
const RECENT_MINUTES = 15;

type Db = PrismaClient | Prisma.TransactionClient;
type AccountActor = { id: string; role: Role };

function pendingCookie() {
  const env = getEnv();
  return createCookie('paindesk_second_factor', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: '/sign-in',
    secrets: [env.SESSION_SECRET],
  });
}

const clearPendingCookie = () => pendingCookie().serialize('', { maxAge: 0 });

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

function key() {
  return secondFactorKey(getEnv().SESSION_SECRET);
}

// ---------------------------------------------------------------------------------------------
// Who needs a second factor, who has one

export async function secondFactorRequiredFor(db: Db, role: Role): Promise<boolean> {
  return (await getUnitSetting(db, 'auth.secondFactorRoles')).includes(role);
}

export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const factor = await db.secondFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return !!factor?.confirmedAt;
}

// ---------------------------------------------------------------------------------------------
// Checking a code

export type CodeInput = { code?: string | null; recoveryCode?: string | null };
type CodeCheck = { ok: true; method: 'totp' | 'recovery'; recoveryCodesLeft?: number } | { ok: false; reason: 'wrong' | 'already-used' };

/**
 * Checks a code from the app, or else a recovery code, against the person's confirmed second factor. A right
 * code is used up in the same conditional update that accepts it, so two requests cannot both use it.
 */
async function useCode(db: Db, userId: string, input: CodeInput, now: Date): Promise<CodeCheck> {
  if (input.code) {
    const factor = await db.secondFactor.findUnique({ where: { userId }, select: { encryptedSecret: true, confirmedAt: true, lastUsedStep: true } });
    const secret = factor?.confirmedAt ? decryptSecret(factor.encryptedSecret, key()) : null;
    if (!secret || !factor) return { ok: false, reason: 'wrong' };
    const check = checkTotpCode(secret, input.code, now.getTime(), factor.lastUsedStep);
    if (!check.ok) return { ok: false, reason: check.reason };
    const used = await db.secondFactor.updateMany({
      where: { userId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: check.step } }] },
      data: { lastUsedStep: check.step },
    });
    return used.count === 1 ? { ok: true, method: 'totp' } : { ok: false, reason: 'already-used' };
  }
  if (input.recoveryCode) {
    const codeHash = hashRecoveryCode(input.recoveryCode);
    if (!codeHash || !(await hasSecondFactor(db, userId))) return { ok: false, reason: 'wrong' };
    const used = await db.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return { ok: false, reason: 'wrong' };
    const left = await db.recoveryCode.count({ where: { userId, usedAt: null } });
    return { ok: true, method: 'recovery', recoveryCodesLeft: left };
  }
  return { ok: false, reason: 'wrong' };
}

export const CODE_ALREADY_USED = 'That code has already been used. Wait for your app to show a new one';

/**
 * A right code used again is not a guess, so it does not count towards the limits on wrong codes; it is
 * refused and audited on its own, as a sign someone may have seen the code.
 */
async function auditReuse(db: Db, actor: AccountActor, ipAddress: string | null, context: string) {
  await recordAudit(db as Prisma.TransactionClient, {
    actor,
    action: 'second-factor.code-reused',
    entityType: 'StaffUser',
    entityId: actor.id,
    ipAddress,
    details: { context },
  });
}

async function recentFailures(db: Db, userId: string, now: Date) {
  return db.auditEvent.count({
    where: {
      entityType: 'StaffUser',
      entityId: userId,
      action: 'second-factor.verify-failed',
      at: { gt: new Date(now.getTime() - RECENT_MINUTES * 60_000) },
    },
  });
}

async function auditFailure(db: Db, actor: AccountActor, ipAddress: string | null, context: string) {
  await recordAudit(db as Prisma.TransactionClient, {
    actor,
    action: 'second-factor.verify-failed',
    entityType: 'StaffUser',
    entityId: actor.id,
    ipAddress,
    details: { context },
  });
}

async function auditRecoveryUse(db: Db, actor: AccountActor, ipAddress: string | null, left: number | undefined) {
  await recordAudit(db as Prisma.TransactionClient, {
    actor,
    action: 'second-factor.recovery-used',
    entityType: 'StaffUser',
    entityId: actor.id,
    ipAddress,
    details: { recoveryCodesLeft: left ?? 0 },
  });
}

const TOO_MANY_RECENT = `Too many wrong codes. Wait ${RECENT_MINUTES} minutes and try again.`;

/**
 * For a signed-in person changing their second factor: checks the code (audited either way) or throws a 400
 * or 429 DomainError-shaped refusal.
 */
async function requireRightCode(db: Db, actor: AccountActor, input: CodeInput, ipAddress: string | null, now: Date, context: string) {
  if ((await recentFailures(db, actor.id, now)) >= MAX_RECENT_FAILURES) {
    throw new DomainError('INVALID_INPUT', TOO_MANY_RECENT, { code: [TOO_MANY_RECENT] });
  }
  const check = await useCode(db, actor.id, input, now);
  if (!check.ok && check.reason === 'already-used') {
    await auditReuse(db, actor, ipAddress, context);
    throw new DomainError('INVALID_INPUT', CODE_ALREADY_USED, { code: [CODE_ALREADY_USED] });
  }
  if (!check.ok) {
    await auditFailure(db, actor, ipAddress, context);
    const message = input.recoveryCode && !input.code ? 'The recovery code is not correct, or has been used' : 'The code is not correct';
    throw new DomainError('INVALID_INPUT', message, { [input.recoveryCode && !input.code ? 'recoveryCode' : 'code']: [message] });
  }
  if (check.method === 'recovery') await auditRecoveryUse(db, actor, ipAddress, check.recoveryCodesLeft);
}

// ---------------------------------------------------------------------------------------------
// Setting up (enrolment)

export type EnrolmentDetails = { email: string; groupedSecret: string; uri: string; qrSvg: string };

/**
 * The secret being set up for this person: made the first time, then the same one until it is confirmed (so
 * reloading the page does not change what the app has already scanned). Refused if one is already confirmed.
 */
export async function enrolmentDetails(db: Db, user: { id: string; email: string }): Promise<EnrolmentDetails> {
  const existing = await db.secondFactor.findUnique({ where: { userId: user.id }, select: { encryptedSecret: true, confirmedAt: true } });
  if (existing?.confirmedAt) throw new DomainError('STALE_FORM', 'A second factor is already set up for this account');
  let secret = existing ? decryptSecret(existing.encryptedSecret, key()) : null;
  if (!secret) {
    secret = generateTotpSecret();
    const encryptedSecret = encryptSecret(secret, key());
    await db.secondFactor.upsert({
      where: { userId: user.id },
      create: { userId: user.id, encryptedSecret },
      update: { encryptedSecret, lastUsedStep: null },
      select: { userId: true },
    });
  }
  const uri = otpauthUri(secret, user.email);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { email: user.email, groupedSecret: groupedSecret(secret), uri, qrSvg };
}

async function replaceRecoveryCodes(db: Db, userId: string, now: Date): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await db.recoveryCode.deleteMany({ where: { userId } });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code)!, createdAt: now })) });
  return codes;
}

/**
 * Confirms the secret being set up with a current code from the app; returns the new recovery codes (shown
 * once). Null for a wrong code (audited).
 */
async function confirmEnrolment(db: Db, actor: AccountActor, code: string, ipAddress: string | null, now: Date): Promise<string[] | null> {
  const factor = await db.secondFactor.findUnique({ where: { userId: actor.id }, select: { encryptedSecret: true, confirmedAt: true } });
  if (factor?.confirmedAt) throw new DomainError('STALE_FORM', 'A second factor is already set up for this account');
  const secret = factor ? decryptSecret(factor.encryptedSecret, key()) : null;
  const check = secret ? checkTotpCode(secret, code, now.getTime(), null) : null;
  if (!check?.ok) {
    await auditFailure(db, actor, ipAddress, 'enrolment');
    return null;
  }
  const confirmed = await db.secondFactor.updateMany({
    where: { userId: actor.id, confirmedAt: null, encryptedSecret: factor!.encryptedSecret },
    data: { confirmedAt: now, lastUsedStep: check.step },
  });
  if (confirmed.count !== 1) throw new DomainError('STALE_FORM', 'This set-up was changed in another window: start again');
  const codes = await replaceRecoveryCodes(db, actor.id, now);
  await recordAudit(db as Prisma.TransactionClient, {
    actor,
    action: 'second-factor.enrol',
    entityType: 'StaffUser',
    entityId: actor.id,
    ipAddress,
    details: { recoveryCodes: codes.length },
  });
  return codes;
}

// ---------------------------------------------------------------------------------------------
// The second step of signing in

/**
 * Called once the password is right. Returns null if no second step is needed (the caller starts the
 * session), otherwise the redirect to the code page or the set-up page, with the pending sign-in's cookie.
 */
export async function beginSecondStep(user: { id: string; role: Role }, request: Request, redirectTo: string | undefined, now = new Date()) {
  const prisma = await getPrisma();
  const enrolled = await hasSecondFactor(prisma, user.id);
  if (!enrolled && !(await secondFactorRequiredFor(prisma, user.role))) return null;
  const token = randomBytes(32).toString('base64url');
  const minutes = enrolled ? VERIFY_MINUTES : ENROL_MINUTES;
  await prisma.$transaction(async (tx) => {
    // One sign-in in progress per person; stale ones are cleared on the way.
    await tx.pendingSignIn.deleteMany({ where: { OR: [{ userId: user.id }, { expiresAt: { lte: now } }] } });
    await tx.pendingSignIn.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        enrolment: !enrolled,
        redirectTo: safeRedirectTarget(redirectTo),
        createdAt: now,
        expiresAt: new Date(now.getTime() + minutes * 60_000),
      },
      select: { id: true },
    });
  });
  const cookie = await pendingCookie().serialize(token, { maxAge: minutes * 60 });
  return redirect(enrolled ? SECOND_FACTOR_PATH : SET_UP_SECOND_FACTOR_PATH, { headers: { 'Set-Cookie': cookie } });
}

export type PendingSignIn = { id: string; enrolment: boolean; redirectTo: string; failures: number; user: { id: string; email: string; name: string; role: Role } };

/** The sign-in waiting for its second step, or null (none, expired, or the person was deactivated). */
export async function getPendingSignIn(request: Request, now = new Date()): Promise<PendingSignIn | null> {
  const token: unknown = await pendingCookie().parse(request.headers.get('Cookie'));
  if (typeof token !== 'string' || token.length === 0) return null;
  const prisma = await getPrisma();
  const pending = await prisma.pendingSignIn.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      enrolment: true,
      redirectTo: true,
      failures: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!pending || pending.expiresAt <= now || !pending.user.active || pending.failures >= MAX_FAILURES_PER_SIGN_IN) return null;
  const { id, email, name, role } = pending.user;
  return { id: pending.id, enrolment: pending.enrolment, redirectTo: pending.redirectTo, failures: pending.failures, user: { id, email, name, role } };
}

/** Where a pending sign-in continues (the sign-in page sends people there), or null. */
export async function secondStepPath(request: Request): Promise<string | null> {
  const pending = await getPendingSignIn(request);
  if (!pending) return null;
  return pending.enrolment ? SET_UP_SECOND_FACTOR_PATH : SECOND_FACTOR_PATH;
}

/** The pending sign-in this page is for; otherwise a redirect to the page that fits, or to sign-in. */
export async function requirePendingSignIn(request: Request, enrolment: boolean): Promise<PendingSignIn> {
  const pending = await getPendingSignIn(request);
  if (!pending) throw redirect('/sign-in', { headers: { 'Set-Cookie': await clearPendingCookie() } });
  if (pending.enrolment !== enrolment) throw redirect(pending.enrolment ? SET_UP_SECOND_FACTOR_PATH : SECOND_FACTOR_PATH);
  return pending;
}

/** Abandons a pending sign-in (to sign in as someone else); returns the Set-Cookie that clears it. */
export async function cancelPendingSignIn(request: Request) {
  const pending = await getPendingSignIn(request);
  if (pending) await (await getPrisma()).pendingSignIn.deleteMany({ where: { id: pending.id } });
  return clearPendingCookie();
}

export type SecondStepResult =
  | { status: 'signed-in'; headers: Headers; redirectTo: string }
  | { status: 'wrong'; message: string; field: 'code' | 'recoveryCode'; attemptsLeft: number }
  | { status: 'start-again'; message: string; headers: Headers };

async function signInHeaders(pending: PendingSignIn, request: Request) {
  const headers = new Headers();
  headers.append('Set-Cookie', await startSession(pending.user.id, pending.user.role, request));
  headers.append('Set-Cookie', await clearPendingCookie());
  return headers;
}

async function startAgain(prisma: PrismaClient, pendingId: string, message: string): Promise<SecondStepResult> {
  await prisma.pendingSignIn.deleteMany({ where: { id: pendingId } });
  const headers = new Headers();
  headers.append('Set-Cookie', await clearPendingCookie());
  return { status: 'start-again', message, headers };
}

const START_AGAIN_TOO_MANY = 'Too many wrong codes. Sign in again with your password.';

/** Counts a wrong code against the pending sign-in (atomically); says how many are left, or to start again. */
async function countFailure(prisma: PrismaClient, pending: PendingSignIn, request: Request, field: 'code' | 'recoveryCode', message: string): Promise<SecondStepResult> {
  const counted = await prisma.$transaction(async (tx) => {
    const updated = await tx.pendingSignIn.updateMany({
      where: { id: pending.id, failures: { lt: MAX_FAILURES_PER_SIGN_IN } },
      data: { failures: { increment: 1 } },
    });
    await auditFailure(tx, { id: pending.user.id, role: pending.user.role }, clientAddress(request), pending.enrolment ? 'sign-in enrolment' : 'sign-in');
    if (updated.count !== 1) return MAX_FAILURES_PER_SIGN_IN;
    return (await tx.pendingSignIn.findUnique({ where: { id: pending.id }, select: { failures: true } }))?.failures ?? MAX_FAILURES_PER_SIGN_IN;
  });
  if (counted >= MAX_FAILURES_PER_SIGN_IN) return startAgain(prisma, pending.id, START_AGAIN_TOO_MANY);
  return { status: 'wrong', message, field, attemptsLeft: MAX_FAILURES_PER_SIGN_IN - counted };
}

/** Checks the code (or recovery code) for a pending sign-in; a right one starts the session. */
export async function completeSecondStep(request: Request, input: CodeInput, now = new Date()): Promise<SecondStepResult> {
  const prisma = await getPrisma();
  const pending = await requirePendingSignIn(request, false);
  if ((await recentFailures(prisma, pending.user.id, now)) >= MAX_RECENT_FAILURES) {
    return startAgain(prisma, pending.id, TOO_MANY_RECENT);
  }
  const actor = { id: pending.user.id, role: pending.user.role };
  const check = await prisma.$transaction(async (tx) => {
    const result = await useCode(tx, pending.user.id, input, now);
    if (result.ok && result.method === 'recovery') await auditRecoveryUse(tx, actor, clientAddress(request), result.recoveryCodesLeft);
    if (!result.ok && result.reason === 'already-used') await auditReuse(tx, actor, clientAddress(request), 'sign-in');
    // Used once: a second request with the same cookie finds nothing.
    if (result.ok) return (await tx.pendingSignIn.deleteMany({ where: { id: pending.id } })).count === 1 ? 'signed-in' : 'gone';
    return result.reason;
  });
  if (check === 'signed-in') return { status: 'signed-in', headers: await signInHeaders(pending, request), redirectTo: pending.redirectTo };
  if (check === 'gone') throw redirect('/sign-in', { headers: { 'Set-Cookie': await clearPendingCookie() } });
  if (check === 'already-used') {
    return { status: 'wrong', message: CODE_ALREADY_USED, field: 'code', attemptsLeft: MAX_FAILURES_PER_SIGN_IN - pending.failures };
  }
  const recovery = !input.code && !!input.recoveryCode;
  return countFailure(
    prisma,
    pending,
    request,
    recovery ? 'recoveryCode' : 'code',
    recovery ? 'The recovery code is not correct, or has been used' : 'The code is not correct',
  );
}

/** The set-up page of a pending sign-in: the secret to add to the app. */
export async function pendingEnrolmentDetails(pending: PendingSignIn) {
  return enrolmentDetails(await getPrisma(), pending.user);
}

/**
 * Confirms a set-up during sign-in: a right code confirms the second factor and starts the session; the
 * recovery codes come back to be shown once.
 */
export async function completeEnrolmentStep(request: Request, code: string, now = new Date()): Promise<SecondStepResult> {
  const prisma = await getPrisma();
  const pending = await requirePendingSignIn(request, true);
  if ((await recentFailures(prisma, pending.user.id, now)) >= MAX_RECENT_FAILURES) {
    return startAgain(prisma, pending.id, TOO_MANY_RECENT);
  }
  const actor = { id: pending.user.id, role: pending.user.role };
  const codes = await prisma.$transaction(async (tx) => {
    const result = await confirmEnrolment(tx, actor, code, clientAddress(request), now);
    if (result && (await tx.pendingSignIn.deleteMany({ where: { id: pending.id } })).count !== 1) {
      throw new DomainError('STALE_FORM', 'This sign-in was already completed in another window');
    }
    return result;
  });
  if (codes) {
    // On to the page that shows the recovery codes once, and from there to where they were going.
    const headers = await signInHeaders(pending, request);
    headers.append('Set-Cookie', await newRecoveryCodesCookie(pending.user.id, codes, pending.redirectTo));
    return { status: 'signed-in', headers, redirectTo: RECOVERY_CODES_PATH };
  }
  // confirmEnrolment audited the failure; count it against this sign-in without auditing twice.
  const updated = await prisma.pendingSignIn.updateMany({ where: { id: pending.id }, data: { failures: { increment: 1 } } });
  const failures = updated.count === 1 ? ((await prisma.pendingSignIn.findUnique({ where: { id: pending.id }, select: { failures: true } }))?.failures ?? 0) : MAX_FAILURES_PER_SIGN_IN;
  if (failures >= MAX_FAILURES_PER_SIGN_IN) return startAgain(prisma, pending.id, START_AGAIN_TOO_MANY);
  return { status: 'wrong', message: 'The code is not correct', field: 'code', attemptsLeft: MAX_FAILURES_PER_SIGN_IN - failures };
}

// ---------------------------------------------------------------------------------------------
// The account page: set up, new recovery codes, turn off

export type AccountSecondFactor = { enrolled: boolean; required: boolean; enrolledAt: Date | null; recoveryCodesLeft: number };

export async function getAccountSecondFactor(db: Db, user: { id: string; role: Role }): Promise<AccountSecondFactor> {
  const factor = await db.secondFactor.findUnique({ where: { userId: user.id }, select: { confirmedAt: true } });
  return {
    enrolled: !!factor?.confirmedAt,
    required: await secondFactorRequiredFor(db, user.role),
    enrolledAt: factor?.confirmedAt ?? null,
    recoveryCodesLeft: factor?.confirmedAt ? await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } }) : 0,
  };
}

/** Confirms a voluntary set-up; returns the recovery codes, or throws a 400 for a wrong code. */
export async function enrolFromAccount(prisma: PrismaClient, actor: AccountActor, code: string, ipAddress: string | null, now = new Date()): Promise<string[]> {
  if ((await recentFailures(prisma, actor.id, now)) >= MAX_RECENT_FAILURES) {
    throw new DomainError('INVALID_INPUT', TOO_MANY_RECENT, { code: [TOO_MANY_RECENT] });
  }
  const codes = await prisma.$transaction((tx) => confirmEnrolment(tx, actor, code, ipAddress, now));
  if (!codes) throw new DomainError('INVALID_INPUT', 'The code is not correct', { code: ['The code is not correct'] });
  return codes;
}

/** New recovery codes (the old ones stop working); needs a current code from the app. */
export async function regenerateRecoveryCodes(prisma: PrismaClient, actor: AccountActor, code: string, ipAddress: string | null, now = new Date()) {
  // The failure is audited outside the transaction, so a refusal does not roll its own audit back.
  await requireRightCode(prisma, actor, { code }, ipAddress, now, 'new recovery codes');
  return prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, actor.id, now);
    await recordAudit(tx, {
      actor,
      action: 'second-factor.recovery-codes-replace',
      entityType: 'StaffUser',
      entityId: actor.id,
      ipAddress,
      details: { recoveryCodes: codes.length },
    });
    return codes;
  });
}

/** Turns the second factor off; needs a current code, and is refused when the person's role needs one. */
export async function disableSecondFactor(prisma: PrismaClient, actor: AccountActor, code: string, ipAddress: string | null, now = new Date()) {
  if (await secondFactorRequiredFor(prisma, actor.role)) {
    throw new DomainError('FORBIDDEN', 'Your role must use a second factor, so it cannot be turned off');
  }
  await requireRightCode(prisma, actor, { code }, ipAddress, now, 'turn off');
  await prisma.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.secondFactor.deleteMany({ where: { userId: actor.id } });
    await recordAudit(tx, { actor, action: 'second-factor.disable', entityType: 'StaffUser', entityId: actor.id, ipAddress });
  });
}

/** Drops a set-up that was started on the account page but not confirmed (a new secret next time). */
export async function cancelEnrolment(prisma: PrismaClient, userId: string) {
  await prisma.secondFactor.deleteMany({ where: { userId, confirmedAt: null } });
}

// ---------------------------------------------------------------------------------------------
// New recovery codes are shown once, on the page the set-up redirects to

// The codes travel to that page in a short-lived cookie for that path only, encrypted like the secrets (a
// cookie is signed, not secret), bound to the person; the page clears it as it shows them.
function newCodesCookie() {
  const env = getEnv();
  return createCookie('paindesk_recovery_codes', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: RECOVERY_CODES_PATH,
    secrets: [env.SESSION_SECRET],
  });
}

/** The Set-Cookie value that carries new codes to the recovery codes page, and then `next`. */
export async function newRecoveryCodesCookie(userId: string, codes: string[], next: string) {
  const box = encryptSecret(JSON.stringify({ userId, codes, next: safeRedirectTarget(next) }), key());
  return newCodesCookie().serialize(box, { maxAge: 10 * 60 });
}

export const clearNewRecoveryCodesCookie = () => newCodesCookie().serialize('', { maxAge: 0 });

/** The codes just made for this person, or null (none, already shown, or someone else's). */
export async function readNewRecoveryCodes(request: Request, userId: string): Promise<{ codes: string[]; next: string } | null> {
  const box: unknown = await newCodesCookie().parse(request.headers.get('Cookie'));
  if (typeof box !== 'string' || !box) return null;
  const plain = decryptSecret(box, key());
  if (!plain) return null;
  const value = JSON.parse(plain) as { userId: string; codes: string[]; next: string };
  return value.userId === userId ? { codes: value.codes, next: value.next } : null;
}

/** The redirect after a set-up or new codes: to the page that shows them once. */
export async function redirectToNewRecoveryCodes(userId: string, codes: string[], next: string, headers = new Headers()) {
  headers.append('Set-Cookie', await newRecoveryCodesCookie(userId, codes, next));
  return redirect(RECOVERY_CODES_PATH, { headers });
}
