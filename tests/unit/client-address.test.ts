// The client address the sign-in throttle and the audit trail use, on a real HTTP server on loopback: the
// connection's address unless TRUST_PROXY names the proxy in front; a client-sent x-paindesk-client-ip or an
// X-Forwarded-For from an untrusted peer never counts.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv, parseTrustProxy } from '~/env.server';
import { clientAddressHeader } from '../../server/request-guards';

let server: http.Server | undefined;

async function serve(trustProxy: false | number | string[]): Promise<string> {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(clientAddressHeader());
  app.get('*', (req, res) => res.send(String(req.headers['x-paindesk-client-ip'])));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function addressSeen(base: string, headers: Record<string, string>) {
  return (await fetch(`${base}/`, { headers })).text();
}

describe('client address', () => {
  it('is the connection address when no proxy is trusted, whatever the client sends', async () => {
    const base = await serve(false);
    expect(await addressSeen(base, { 'X-Forwarded-For': '203.0.113.9', 'x-paindesk-client-ip': '198.51.100.1' })).toBe('127.0.0.1');
  });

  it('is the forwarded address when the peer is a trusted proxy, and the nearest untrusted hop otherwise', async () => {
    const base = await serve(['loopback']);
    expect(await addressSeen(base, { 'X-Forwarded-For': '203.0.113.9' })).toBe('203.0.113.9');
    // A client that writes its own X-Forwarded-For cannot choose its address: the proxy appends the real one.
    expect(await addressSeen(base, { 'X-Forwarded-For': '10.9.9.9, 203.0.113.9' })).toBe('203.0.113.9');
    expect(await addressSeen(base, { 'x-paindesk-client-ip': '198.51.100.1' })).toBe('127.0.0.1');
  });

  it('trusts a proxy named by range but not one outside it', async () => {
    const base = await serve(['10.0.0.0/8']);
    expect(await addressSeen(base, { 'X-Forwarded-For': '203.0.113.9' })).toBe('127.0.0.1');
  });
});

describe('TRUST_PROXY', () => {
  it('accepts unset, a hop count, or addresses, ranges and the named ranges', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,::1')).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
  });

  it('refuses anything else at start-up, naming the variable', () => {
    for (const bad of ['true', '0', '11', 'everyone', '10.0.0.0/33', '300.1.1.1', '10.0.0.0/8/1', 'loopback,']) {
      expect(parseTrustProxy(bad), bad).toBeUndefined();
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
