// The real server (server/index.ts, spawned as `npm start` runs it, on a fresh embedded database): what it logs,
// its health endpoints, and a graceful shutdown with requests in flight (docs/decisions/0017). No browser.
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './app-server';

let app: RunningApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function waitUntil<T>(what: string, read: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function ready(running: RunningApp) {
  await waitUntil('/readyz to answer 200', async () => (await fetch(`${running.baseUrl}/readyz`).catch(() => null))?.status === 200);
}

type Held = { finish(): void; response: Promise<{ status: number; connection: string | undefined; text: string }> };

/** A sign-in post whose body is only half sent: the server has the request, Remix waits for the rest. */
function heldSignIn(running: RunningApp, n: number): Held {
  const body = `email=nobody-${n}%40paindesk.test&password=not-the-password-${n}`;
  const half = Math.floor(body.length / 2);
  const req = http.request(`${running.baseUrl}/sign-in`, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      Origin: running.baseUrl,
    },
  });
  const response = new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  response.catch(() => undefined);
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), response };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('logs and request ids', () => {
  it('never logs a query string or a typed path; the error page quotes the X-Request-Id the log line carries', async () => {
    app = await startApp({ SEED_DEMO_DATA: 'false' });
    await ready(app);
    const res = await fetch(`${app.baseUrl}/patientz?q=Dabrowska&nhs=9990000018`, { headers: { 'X-Request-Id': 'sent-by-client' } });
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const page = await res.text();
    expect(page).toContain(`quote reference <strong data-testid="error-reference">${id}</strong>`);
    // Remix's internal message stays out of what the page shows (it is only in the hydration data).
    expect(/<main[^>]*>(.*)<\/main>/s.exec(page)![1]).not.toContain('No route matches');
    // Redirected to sign-in before any route looks the "id" up: the path is still only what was typed.
    const typed = await fetch(`${app.baseUrl}/patients/Dabrowska?nhs=9990000018`, { redirect: 'manual' });
    expect(typed.status).toBe(302);
    const data = await fetch(`${app.baseUrl}/patientz?q=Dabrowska&_data=root`);
    expect(data.status).toBe(404);
    await waitUntil('the access log line', () => app!.output().includes(`[request ${id}]`));
    const output = app.output();
    expect(output).toContain(`GET /:param 404`);
    expect(output).toContain(`GET /patients/:param 302`);
    for (const leak of ['Dabrowska', '9990000018', 'q=', 'sent-by-client', 'patientz']) expect(output).not.toContain(leak);
  });
});

describe('health endpoints on the running server', () => {
  it('/healthz and /readyz answer without a session, never cached, and /readyz is ready once the in-process worker beats', async () => {
    app = await startApp({ SEED_DEMO_DATA: 'false' });
    await ready(app);
    for (const path of ['/healthz', '/readyz', '/readyz/worker']) {
      const res = await fetch(`${app.baseUrl}${path}`, { redirect: 'manual' });
      expect([path, res.status, await res.text(), res.headers.get('cache-control')]).toEqual([path, 200, 'ok', 'no-store']);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('a web server without its own worker is ready without one, and /readyz/worker says no worker is beating', async () => {
    app = await startApp({ SEED_DEMO_DATA: 'false', WORKER_ENABLED: 'false' });
    await ready(app);
    const worker = await fetch(`${app.baseUrl}/readyz/worker`);
    expect([worker.status, await worker.text()]).toEqual([503, 'not ready: no heartbeat from any outbox worker yet']);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM with 20 requests in flight: refuses new connections, closes idle ones, answers all 20 normally, exits 0', async () => {
    app = await startApp({ SEED_DEMO_DATA: 'false', SHUTDOWN_GRACE_MS: '30000' });
    await ready(app);
    const running = app;

    // An idle keep-alive connection must not hold the shutdown up until the grace period ends.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idleSocketClosed = await new Promise<Promise<void>>((resolve, reject) => {
      const req = http.get(`${running.baseUrl}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(new Promise<void>((closed) => req.socket!.once('close', () => closed()))));
      });
      req.on('error', reject);
    });

    const held = Array.from({ length: 20 }, (_, n) => heldSignIn(running, n));
    // Let the server read every request's headers (it then waits for the bodies).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const signalledAt = Date.now();
    running.signal('SIGTERM');
    await waitUntil('the shutdown to start', () => running.output().includes('SIGTERM: stopping PainDesk'));

    expect(await connectionRefused(running.port)).toBe(true);
    await idleSocketClosed;

    for (const h of held) h.finish();
    const answers = await Promise.all(held.map((h) => h.response));
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).toContain('Sign in');
      expect(answer.connection).toBe('close');
    }

    expect(await running.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(20_000);
    expect(running.output()).toContain('All requests finished.');
    expect(running.output()).toContain('PainDesk stopped.');
    expect(running.output()).not.toContain('closing their connections');
    agent.destroy();
  });

  it('cuts a request still running when SHUTDOWN_GRACE_MS is over, and still closes the database and exits 0', async () => {
    app = await startApp({ SEED_DEMO_DATA: 'false', SHUTDOWN_GRACE_MS: '1500' });
    await ready(app);
    const running = app;
    const stuck = heldSignIn(running, 99);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const signalledAt = Date.now();
    running.signal('SIGTERM');
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await running.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1_400);
    expect(running.output()).toContain('Requests still running after 1500 ms (SHUTDOWN_GRACE_MS): closing their connections.');
    expect(running.output()).toContain('PainDesk stopped.');
  });
});
