// Calling route loaders and actions the way Remix does, with real Requests, for server tests.
import { hashPassword } from '~/auth/password.server';
import { getPrisma } from '~/db.server';
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

/** A staff member with a known password (low bcrypt cost: tests only). */
export async function staffWithPassword(role: Role, password = 'correct horse battery') {
  const prisma = await getPrisma();
  counter += 1;
  const email = `${role.toLowerCase()}-${counter}-${Math.random().toString(36).slice(2, 8)}@test.paindesk`;
  const user = await prisma.staffUser.create({
    data: { email, name: `Test ${role} ${counter}`, role, passwordHash: await hashPassword(password, 4) },
    select: { id: true, email: true, role: true },
  });
  return { ...user, password };
}

/** Signs in through the real sign-in action and returns the cookie header for later requests. */
export async function signInCookie(email: string, password: string): Promise<string> {
  const { action } = await import('~/routes/sign-in');
  const response = await respond(() => action(routeArgs(formRequest('/sign-in', { email, password })) as never));
  const setCookie = response.headers.get('Set-Cookie');
  if (response.status !== 302 || !setCookie) throw new Error(`sign-in failed with ${response.status}`);
  return setCookie.split(';')[0];
}
