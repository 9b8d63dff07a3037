// The method and address guards and the last error handler in front of Remix, on a real HTTP server on loopback
// (docs/decisions/0018): a query string or route id carrying NUL or another control character, or a path with a
// broken percent sign, is refused with 400 before any route runs; an error that reaches Express shows no stack.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISALLOWED_CHARACTER_MESSAGE } from '~/utils/hostile-input';
import { addressGuard, errorPage, methodGuard } from '../../server/request-guards';

let server: http.Server;
let base: string;
let handled = 0;
const logged: string[] = [];

beforeAll(async () => {
  const app = express();
  app.use(methodGuard());
  app.use(addressGuard());
  app.get('/boom', () => {
    throw new Error('secret detail at /work/app/file.ts:1:2');
  });
  app.get('/bad-request', (_req, _res, next) => next(Object.assign(new Error('parse failed at /work/x.ts:3:4'), { status: 400 })));
  app.all('*', (_req, res) => {
    handled++;
    res.status(200).send('handled');
  });
  app.use(errorPage());
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function get(path: string) {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, text: await response.text() };
}

describe('address guard', () => {
  it.each([
    ['a NUL in a query value', '/patients?q=a%00b'],
    ['a NUL in a query name', '/patients?q%00=a'],
    ['a bell in a query value', '/lists?week=%07'],
    ['a NUL in a route id', '/patients/abc%00def'],
    ['an escape in a route id', '/consultations/%1b/outcome'],
  ])('refuses %s with 400 and a clear page, before any route', async (_name, path) => {
    const before = handled;
    const reply = await get(path);
    expect(reply.status).toBe(400);
    expect(reply.text).toContain(DISALLOWED_CHARACTER_MESSAGE);
    expect(handled).toBe(before);
  });

  it('refuses a path with a broken percent sign with 400', async () => {
    const before = handled;
    const reply = await get('/patients/%E0%A4%A');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('The address is not written correctly');
    expect(handled).toBe(before);
  });

  it('lets through what real pages send: text, tabs and line breaks, percent signs, non-Latin-1 letters', async () => {
    for (const path of ['/patients?q=Zo%C3%AB+%E6%BC%A2', '/patients?q=a%0D%0Ab%09c', '/patients?q=100%25', '/patients?q=%zz', '/lists?week=2027-03-22']) {
      expect((await get(path)).status, path).toBe(200);
    }
  });
});

function rawMethod(method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('method guard', () => {
  it('refuses TRACE, CONNECT-like and unknown methods with 405 before any route, and lets ordinary ones through', async () => {
    const before = handled;
    for (const method of ['TRACE', 'PROPFIND', 'MKCOL']) expect(await rawMethod(method, '/sign-in'), method).toBe(405);
    expect(handled).toBe(before);
    for (const method of ['GET', 'POST', 'OPTIONS', 'DELETE']) expect(await rawMethod(method, '/sign-in'), method).toBe(200);
  });
});

describe('the last error handler', () => {
  it('answers an error with a plain page: no message, stack trace or file path', async () => {
    const { console } = globalThis;
    const original = console.error;
    console.error = (message: string) => logged.push(message);
    try {
      const reply = await get('/boom');
      expect(reply.status).toBe(500);
      expect(reply.text).toContain('Sorry, there is a problem with the service');
      expect(reply.text).not.toMatch(/secret|\/work\/|file\.ts|at /);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^request failed \[request [^\]]+\]: GET /);
      expect(logged[0]).not.toContain('secret');
    } finally {
      console.error = original;
    }
  });

  it('keeps a 4xx from Express as a 4xx, without its message', async () => {
    const reply = await get('/bad-request');
    expect(reply.status).toBe(400);
    expect(reply.text).not.toMatch(/parse failed|\/work\//);
  });
});
