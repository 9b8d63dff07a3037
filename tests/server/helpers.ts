// Calling route loaders and actions the way Remix does, with real Requests, for server tests.
import { hashPassword } from '~/auth/password.server';
import { encryptSecret, secondFactorKey } from '~/auth/secret-box';
import { SECOND_FACTOR_PATH } from '~/auth/second-factor.server';
import { generateTotpSecret, totpCode, totpStep, TOTP_PERIOD_SECONDS, TOTP_WINDOW } from '~/auth/totp';
import { getPrisma } from '~/db.server';
import { getEnv } from '~/env.server';
import type { Role } from '~/generated/prisma/enums';

export const BASE = 'http://paindesk.test';

export function formRequest(path: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  });
}

export function getRequest(path: string, cookie?: string) {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** Runs a loader/action and returns its Response, whether it returned or threw one. */
export async function respond(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

let counter = 0;

/** TOTP secrets of the staff this file made with one, by email, so signInCookie can answer the second step. */
const totpSecrets = new Map<string, string>();

/** Gives a member of staff a confirmed TOTP second factor, as setting one up does; returns the secret. */
export async function enrolTotp(userId: string, email: string, secret = generateTotpSecret()) {
  const prisma = await getPrisma();
  const encryptedSecret = encryptSecret(secret, secondFactorKey(getEnv().SESSION_SECRET));
  await prisma.secondFactor.upsert({
    where: { userId },
    create: { userId, encryptedSecret, confirmedAt: new Date() },
    update: { encryptedSecret, confirmedAt: new Date(), lastUsedStep: null },
  });
  totpSecrets.set(email, secret);
  return secret;
}

/**
 * A staff member with a known password (low bcrypt cost: tests only). Administrators must use a second factor,
 * so they get one, with the secret returned, unless `secondFactor: false` (to test setting one up).
 */
export async function staffWithPassword(role: Role, password = 'correct horse battery', options: { secondFactor?: boolean } = {}) {
  const prisma = await getPrisma();
  counter += 1;
  const email = `${role.toLowerCase()}-${counter}-${Math.random().toString(36).slice(2, 8)}@test.paindesk`;
  const user = await prisma.staffUser.create({
    data: { email, name: `Test ${role} ${counter}`, role, passwordHash: await hashPassword(password, 4) },
    select: { id: true, email: true, role: true },
  });
  const totpSecret = (options.secondFactor ?? role === 'ADMIN') ? await enrolTotp(user.id, email) : null;
  return { ...user, password, totpSecret };
}

/** The cookies a response sets, as "name=value" pairs for a Cookie header. */
export function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
}

/**
 * A code the person's app would show now that the server has not accepted yet: codes are used once, so a
 * second sign-in within the same 30 seconds takes the next step's code (or waits for one).
 */
export async function freshTotpCode(email: string, secret: string): Promise<string> {
  const prisma = await getPrisma();
  for (;;) {
    const factor = await prisma.secondFactor.findFirst({ where: { user: { email } }, select: { lastUsedStep: true } });
    const now = Date.now();
    const step = totpStep(now);
    for (let candidate = step - TOTP_WINDOW; candidate <= step + TOTP_WINDOW; candidate++) {
      if (factor?.lastUsedStep == null || candidate > factor.lastUsedStep) {
        return totpCode(secret, candidate * TOTP_PERIOD_SECONDS * 1000 + 1000);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * TOTP_PERIOD_SECONDS * 1000 - now + 50));
  }
}

/**
 * Signs in through the real sign-in action (and, for someone with a second factor, the real code page with a
 * code worked out from their secret) and returns the cookie header for later requests.
 */
export async function signInCookie(email: string, password: string): Promise<string> {
  const { action } = await import('~/routes/sign-in');
  const response = await respond(() => action(routeArgs(formRequest('/sign-in', { email, password })) as never));
  const [cookie] = setCookies(response);
  if (response.status !== 302 || !cookie) throw new Error(`sign-in failed with ${response.status}`);
  if (response.headers.get('Location') !== SECOND_FACTOR_PATH) return cookie;
  const secret = totpSecrets.get(email);
  if (!secret) throw new Error(`sign-in asks ${email} for a second factor, but this test file did not give them one`);
  const { action: codeAction } = await import('~/routes/sign-in_.second-factor');
  const code = await freshTotpCode(email, secret);
  const second = await respond(() => codeAction(routeArgs(formRequest(SECOND_FACTOR_PATH, { code }, cookie)) as never));
  const [session] = setCookies(second);
  if (second.status !== 302 || !session?.startsWith('paindesk_session=')) throw new Error(`the second factor step failed with ${second.status}`);
  return session;
}
