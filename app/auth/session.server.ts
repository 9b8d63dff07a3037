// Server-side sessions. The cookie (httpOnly, SameSite=Lax, signed) holds a random token; the
// database holds only its SHA-256, so a leaked database does not leak live sessions.
// Every page but sign-in calls requireUser (or a role guard) in its loader and action.
import { createHash, randomBytes } from 'node:crypto';
import { createCookie, redirect } from '@remix-run/node';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { getEnv } from '~/env.server';
import type { Role } from '~/generated/prisma/enums';
import type { Prisma } from '~/generated/prisma/client';
import { attemptSignIn } from './sign-in.server';

export type CurrentUser = { id: string; email: string; name: string; role: Role; sessionId: string };

/** Who is acting, as use cases and the audit trail take it: the id and role only, never the name or email. */
export function actorOf(user: Pick<CurrentUser, 'id' | 'role'>): { id: string; role: Role } {
  return { id: user.id, role: user.role };
}

const TOKEN_BYTES = 32;
/** Sessions are renewed at most this often, so a page view is not always a database write. */
const RENEW_AFTER_MS = 5 * 60 * 1000;

function sessionCookie() {
  const env = getEnv();
  return createCookie('paindesk_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: '/',
    secrets: [env.SESSION_SECRET],
  });
}

/** SHA-256 of a token, as stored for sessions and password-reset links. */
export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}

function idleMs() {
  return getEnv().SESSION_IDLE_HOURS * 60 * 60 * 1000;
}

/** However much it is used, a session ends this long after sign-in (SESSION_ABSOLUTE_HOURS). */
function absoluteMs() {
  return getEnv().SESSION_ABSOLUTE_HOURS * 60 * 60 * 1000;
}

/** The next idle expiry, never past the session's absolute end. */
function nextExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + idleMs(), createdAt.getTime() + absoluteMs()));
}

export function clientAddress(request: Request): string | null {
  return request.headers.get('x-paindesk-client-ip');
}

/**
 * Checks the credentials; returns the user or null. Never says which of the two was wrong. Counts towards the
 * account's lock like any sign-in (attemptSignIn, which the sign-in page uses, also throttles by address).
 */
export async function authenticate(email: string, password: string, production: boolean = getEnv().NODE_ENV === 'production') {
  const outcome = await attemptSignIn(email, password, null, { production });
  return outcome.ok ? outcome.user : null;
}

/** Starts a session for the user and returns the Set-Cookie header value. */
export async function startSession(userId: string, role: Role, request: Request, now = new Date()) {
  const prisma = await getPrisma();
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  await prisma.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: { tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt: nextExpiry(now, now) },
      select: { id: true },
    });
    await tx.staffUser.update({ where: { id: userId }, data: { lastSignInAt: now }, select: { id: true } });
    await recordAudit(tx, {
      actor: { id: userId, role },
      action: 'session.sign-in',
      entityType: 'Session',
      entityId: session.id,
      ipAddress: clientAddress(request),
    });
  });
  return sessionCookie().serialize(token, { maxAge: Math.floor(Math.min(idleMs(), absoluteMs()) / 1000) });
}

/**
 * The signed-in user, or null. Sessions idle too long or older than the absolute lifetime (from sign-in, however
 * much they were used), and deactivated staff, count as signed out.
 */
export async function getCurrentUser(request: Request, now = new Date()): Promise<CurrentUser | null> {
  const token: unknown = await sessionCookie().parse(request.headers.get('Cookie'));
  if (typeof token !== 'string' || token.length === 0) return null;
  const prisma = await getPrisma();
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!session || session.expiresAt <= now || !session.user.active) return null;
  if (now.getTime() - session.createdAt.getTime() >= absoluteMs()) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > RENEW_AFTER_MS) {
    await prisma.session.update({
      where: { id: session.id },
      data: { lastSeenAt: now, expiresAt: nextExpiry(session.createdAt, now) },
      select: { id: true },
    });
  }
  const { id, email, name, role } = session.user;
  return { id, email, name, role, sessionId: session.id };
}

export { safeRedirectTarget } from './safe-redirect';

/**
 * Ends every session of a member of staff (password changed or reset, deactivated, role changed), except
 * `keepSessionId` (the session of someone changing their own password). Returns how many ended.
 */
export async function revokeSessions(tx: Prisma.TransactionClient, userId: string, keepSessionId?: string): Promise<number> {
  const { count } = await tx.session.deleteMany({
    where: keepSessionId ? { userId, id: { not: keepSessionId } } : { userId },
  });
  return count;
}

/** The signed-in user; otherwise throws a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(back === '/' ? '/sign-in' : `/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in user if they hold one of the roles; otherwise a 403 page explains why. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response('You do not have permission to view this page. Your role cannot use it.', {
      status: 403,
      statusText: 'Forbidden',
    });
  }
  return user;
}

/** What a route hands a use case: who is acting (id and role only) and from which address. */
export type RouteActor = {
  /** The signed-in user, for the page itself (their name, whether it is them); never passed on whole. */
  user: CurrentUser;
  actor: { id: string; role: Role };
  ipAddress: string | null;
};

/**
 * The one guard of a route's loader and action: the signed-in user holding one of `roles` (any role when none
 * are named), with the actor and client address its use cases and the audit trail take. Signed out: a redirect
 * to sign-in; another role: a 403 page (requireUser, requireRole).
 */
export async function requireActor(request: Request, ...roles: Role[]): Promise<RouteActor> {
  const user = roles.length === 0 ? await requireUser(request) : await requireRole(request, ...roles);
  return { user, actor: actorOf(user), ipAddress: clientAddress(request) };
}

/** Ends the session in the database and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request) {
  const user = await getCurrentUser(request);
  if (user) {
    const prisma = await getPrisma();
    await prisma.$transaction(async (tx) => {
      await tx.session.deleteMany({ where: { id: user.sessionId } });
      await recordAudit(tx, {
        actor: actorOf(user),
        action: 'session.sign-out',
        entityType: 'Session',
        entityId: user.sessionId,
        ipAddress: clientAddress(request),
      });
    });
  }
  return sessionCookie().serialize('', { maxAge: 0 });
}
