// The guards in front of every request, on a real HTTP server on loopback: oversized or length-less bodies are
// refused before they are read; a state-changing request from another site is refused before any route runs.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessLogLine, loadContextFor, pathTemplate, requestContext, routeWords } from '../../server/request-context';
import { bodySizeGuard, contentSecurityPolicy, errorPage, sameOriginGuard, securityHeaders } from '../../server/request-guards';

let server: http.Server;
let base: string;
let handled = 0;
const accessLog: string[] = [];
let lastContext: Record<string, unknown> = {};

beforeAll(async () => {
  const app = express();
  app.use(requestContext({ log: (line) => accessLog.push(line), routeWords: routeWords({ a: { path: 'patients/:patientId' }, b: { path: 'lists/:listId/send' } }) }));
  app.use(securityHeaders({ production: false }));
  app.use(bodySizeGuard(1024));
  app.use(sameOriginGuard());
  app.get('/boom', () => {
    throw Object.assign(new Error('lookup failed for Dąbrowska 9990000018 in /srv/paindesk/app/x.ts'), { code: 'P2002' });
  });
  app.get('/bad-path', () => {
    throw Object.assign(new URIError("Failed to decode param '/patients/%E0%A4%A'"), { status: 400 });
  });
  app.all('*', (req, res) => {
    handled++;
    lastContext = { ...loadContextFor(req, res) };
    req.resume();
    req.on('end', () => res.status(200).send('handled'));
  });
  app.use(errorPage());
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
    securityHeaders({ production: true })({} as never, { locals: {}, set: (h: Record<string, string>) => (set = h) } as never, () => {});
    expect(set['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('sends one script policy with a fresh nonce per request, never unsafe-inline for scripts, and hands the nonce to Remix', async () => {
    const first = await raw('GET', '/patients', { Host: host() });
    const firstContext = lastContext;
    const second = await raw('GET', '/patients', { Host: host() });
    const policy = (res: typeof first) => String(res.headers!['content-security-policy']);
    expect(policy(first).match(/script-src [^;]+/)?.[0]).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='$/);
    expect(policy(first)).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy(first)).toContain("default-src 'self'");
    expect(policy(first)).toContain("object-src 'none'");
    expect(policy(first)).toContain("base-uri 'none'");
    const nonceOf = (res: typeof first) => /'nonce-([^']+)'/.exec(policy(res))![1];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(firstContext.cspNonce).toBe(nonceOf(first));
    expect(policy(first).split('; ').filter((d) => d.startsWith('frame-ancestors'))).toEqual(["frame-ancestors 'none'"]);
  });

  it('builds the policy from the nonce it is given', () => {
    expect(contentSecurityPolicy('abc')).toContain("script-src 'self' 'nonce-abc'");
    expect(contentSecurityPolicy('abc')).toContain("style-src 'self'");
  });
});

describe('request ids and the access log', () => {
  it('gives every answer its own X-Request-Id, made here, never the one the client sent; Remix gets the same id', async () => {
    const a = await raw('GET', '/patients?q=Smith', { Host: host(), 'X-Request-Id': 'chosen-by-client' });
    const context = lastContext;
    const b = await raw('GET', '/patients', { Host: host() });
    const id = String(a.headers!['x-request-id']);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(id).not.toBe(b.headers!['x-request-id']);
    expect(context.requestId).toBe(id);
    const line = accessLog.find((l) => l.includes(id))!;
    expect(line).toMatch(new RegExp(`^GET /patients 200 \\d+ ms \\[request ${id}\\]$`));
    await raw('GET', '/patients/Smith', { Host: host() });
    expect(accessLog[accessLog.length - 1]).toMatch(/^GET \/patients\/:param 200 /);
    expect(accessLog.join('\n')).not.toContain('Smith');
  });

  it('writes the path as a template: route words kept, every other segment (ids, typed names) as :param', () => {
    const words = routeWords({ a: { path: 'patients/:patientId/clinical' }, b: { path: 'sign-in' }, c: { path: 'admin/leaflets/*' } });
    expect([...words].sort()).toEqual(['admin', 'clinical', 'leaflets', 'patients', 'sign-in']);
    expect(accessLogLine({ method: 'GET', path: '/patients/Smith' }, 302, 3.4, 'abc', words)).toBe('GET /patients/:param 302 3 ms [request abc]');
    expect(accessLogLine({ method: 'GET', path: '/patients/clx1/clinical' }, 200, 12, 'abc', words)).toBe('GET /patients/:param/clinical 200 12 ms [request abc]');
    expect(pathTemplate('/9990000018', words)).toBe('/:param');
    expect(pathTemplate('/readyz/worker', words)).toBe('/readyz/worker');
    expect(pathTemplate('/', words)).toBe('/');
  });
});

describe('the error page of last resort', () => {
  it('answers an error that escaped with a plain 500 page quoting the request id, no message, path or stack; logs one safe line', async () => {
    const logged: string[] = [];
    vi.mocked(console.error).mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    const res = await raw('GET', '/boom?q=Smith', { Host: host() });
    expect(res.status).toBe(500);
    expect(res.text).toContain('Sorry, there is a problem with the service');
    expect(res.text).toContain(`quote reference ${res.headers!['x-request-id']}`);
    for (const leak of ['Dąbrowska', '9990000018', '/srv/', 'x.ts', 'at ', 'Smith']) expect(res.text).not.toContain(leak);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`[request ${res.headers!['x-request-id']}]`);
    for (const leak of ['Dąbrowska', '9990000018', 'Smith', '/boom']) expect(logged[0]).not.toContain(leak);
  });

  it('keeps a client error (an undecodable path) a 400 with a reference, and does not log it as a failure', async () => {
    const res = await raw('GET', '/bad-path', { Host: host() });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`quote reference ${res.headers!['x-request-id']}`);
    expect(res.text).not.toContain('decode');
  });
});
