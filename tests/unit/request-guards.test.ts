// The guards in front of every request, on a real HTTP server on loopback: oversized or length-less bodies are
// refused before they are read; a state-changing request from another site is refused before any route runs.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodySizeGuard, sameOriginGuard, securityHeaders } from '../../server/request-guards';

let server: http.Server;
let base: string;
let handled = 0;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders({ production: false }));
  app.use(bodySizeGuard(1024));
  app.use(sameOriginGuard());
  app.all('*', (req, res) => {
    handled++;
    req.resume();
    req.on('end', () => res.status(200).send('handled'));
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A raw request, so the test controls every header (fetch would set Origin and Content-Length itself). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<{ status: number; text: string; headers?: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const form = 'email=a%40b.test&password=x';
const host = () => new URL(base).host;

describe('body size', () => {
  it('refuses a body declared larger than the limit with 413 and a clear page, without reaching the route', async () => {
    const before = handled;
    const big = Buffer.alloc(4096, 'a');
    const res = await raw('POST', '/sign-in', { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(big.length), Host: host() }, big);
    expect(res.status).toBe(413);
    expect(res.text).toContain('Too much data');
    expect(res.text).toContain('Nothing was saved');
    expect(handled).toBe(before);
  });

  it('refuses a chunked body with no length (411), and passes a small form', async () => {
    const before = handled;
    const chunked = await raw('POST', '/sign-in', { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked', Host: host() }, form);
    expect(chunked.status).toBe(411);
    expect(handled).toBe(before);
    const ok = await raw('POST', '/sign-in', { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length), Host: host() }, form);
    expect(ok).toMatchObject({ status: 200, text: 'handled' });
  });
});

describe('requests from other sites', () => {
  const post = (headers: Record<string, string>) =>
    raw('POST', '/patients/new?_data=routes%2Fpatients.new', { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length), Host: host(), ...headers }, form);

  it.each([
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['a null Origin (sandboxed frame)', { Origin: 'null' }],
    ['an Origin on another port', { Origin: 'http://127.0.0.1:1' }],
    ['Sec-Fetch-Site cross-site without Origin', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a foreign Referer without Origin', { Referer: 'https://evil.example/page' }],
  ])('refuses a state-changing request with %s (403), before any route runs', async (_label, headers) => {
    const before = handled;
    const res = await post(headers);
    expect(res.status).toBe(403);
    expect(res.text).toContain('nothing was changed');
    expect(handled).toBe(before);
  });

  it('lets its own pages post (same Origin, or same-origin fetch metadata), and never blocks a GET', async () => {
    expect((await post({ Origin: base })).status).toBe(200);
    expect((await post({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await raw('GET', '/patients', { Host: host(), Origin: 'https://evil.example' })).status).toBe(200);
  });
});

describe('security headers', () => {
  it('every response forbids framing and sniffing, sends no referrer off-site and no powerful features; refusals too', async () => {
    const ok = await raw('HEAD', '/lists/abc.csv', { Host: host() });
    const refused = await raw('POST', '/patients/new', { Host: host(), Origin: 'https://evil.example', 'Content-Length': '0' }, '');
    expect(refused.status).toBe(403);
    for (const res of [ok, refused]) {
      expect(res.headers!['x-content-type-options']).toBe('nosniff');
      expect(res.headers!['x-frame-options']).toBe('DENY');
      expect(res.headers!['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers!['content-security-policy']).toContain("form-action 'self'");
      expect(res.headers!['referrer-policy']).toBe('same-origin');
      expect(res.headers!['permissions-policy']).toContain('camera=()');
      expect(res.headers!['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS in production', () => {
    let set: Record<string, string> = {};
    securityHeaders({ production: true })({} as never, { set: (h: Record<string, string>) => (set = h) } as never, () => {});
    expect(set['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
  });
});
