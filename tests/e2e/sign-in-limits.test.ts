// Brute force against the real server (server/index.ts on a fresh embedded database with the demo data), as a
// browser's form post arrives: the address is throttled with 429 and a Retry-After header on the page itself,
// and the right password does not get through once the limit is reached (docs/decisions/0015). No browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '~/auth/password.server';
import { ADDRESS_FAILURE_LIMIT } from '~/auth/sign-in-policy';
import { startApp, type RunningApp } from './app-server';

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
  for (let i = 0; i < 600 && (await fetch(`${app.baseUrl}/readyz`).catch(() => null))?.status !== 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

function signIn(email: string, password: string) {
  return fetch(`${app.baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.baseUrl },
    body: new URLSearchParams({ email, password }),
  });
}

describe('sign-in limits over HTTP', () => {
  it('throttles an address after its failures: 429 with Retry-After and a message, even for the right password', async () => {
    // Failures are counted in fixed windows: if a window ends mid-run the count starts again, so keep going
    // (at most twice the limit) until the throttle answers.
    const statuses: number[] = [];
    let throttled: Response | null = null;
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT * 2 + 1 && !throttled; i += 1) {
      const reply = await signIn('clerk2@paindesk.test', `not-the-password-${i}`);
      if (reply.status === 429) throttled = reply;
      else statuses.push(reply.status);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(ADDRESS_FAILURE_LIMIT);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(throttled).not.toBeNull();
    expect(throttled!.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
    expect(await throttled!.text()).toContain('Too many sign-in attempts from this computer');

    // The right password of another account from the same address is refused too, and starts no session.
    const right = await signIn('clerk@paindesk.test', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
    expect(right.headers.get('Set-Cookie') ?? '').not.toContain('paindesk_session=');

    // Twenty at once: every one refused with 429, none a session or a 5xx.
    const parallel = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn('doctor3@paindesk.test', `parallel-${i}`)));
    expect(parallel.map((r) => r.status)).toEqual(Array(20).fill(429));
    expect(parallel.every((r) => /^[1-9]\d*$/.test(r.headers.get('Retry-After') ?? ''))).toBe(true);
  });
});
