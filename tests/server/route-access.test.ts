// The role matrix, tested: every route module in app/routes is called with each role's cookie (and with none),
// and the guard must agree with ROUTE_ACCESS in app/auth/permissions.ts: 403 for a role not listed, anything
// but 403 (and never a 500) for a role listed. A route module without an entry in the table fails here: add
// one (ADR 0019 says how).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROUTE_ACCESS, rolesAllowed, type RouteRoles } from '~/auth/permissions';
import type { Role } from '~/generated/prisma/enums';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes');
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f)).sort();

/** Route params from the file name ("patients.$patientId_.clinical" → patientId), with values that match nothing. */
function paramsOf(name: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of name.split('.')) {
    if (segment === '$') params['*'] = 'no-such-file';
    else if (segment.startsWith('$')) params[segment.slice(1).replace(/_$/, '')] = 'no-such-id';
  }
  return params;
}

/** The URL path for a route file, with the params filled in (for the Request; loaders read params separately). */
function pathOf(name: string, params: Record<string, string>): string {
  const segments = name
    .split('.')
    .filter((s) => s !== '_index')
    .map((s) => (s === '$' ? params['*'] : s.startsWith('$') ? params[s.slice(1).replace(/_$/, '')] : s.replace(/_$/, '')));
  return `/${segments.join('/')}`;
}

type RouteModule = { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };

const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  for (const role of ROLES) {
    const staff = await staffWithPassword(role);
    cookies[role] = await signInCookie(staff.email, staff.password);
  }
});

describe('route access matrix (ROUTE_ACCESS)', () => {
  it('has an entry for every route module', () => {
    const missing = routeFiles.map((f) => f.replace(/\.tsx?$/, '')).filter((name) => !(name in ROUTE_ACCESS));
    expect(missing, 'add these to ROUTE_ACCESS in app/auth/permissions.ts').toEqual([]);
  });

  for (const file of routeFiles) {
    const name = file.replace(/\.tsx?$/, '');
    it(`${name}: loader and action let in exactly the roles in the table`, async () => {
      const access = ROUTE_ACCESS[name];
      expect(access, `no ROUTE_ACCESS entry for ${name}`).toBeDefined();
      const mod = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
      expect(mod.loader === undefined, `${name}: the table says loader ${access.loader === null ? 'none' : 'exists'}`).toBe(access.loader === null);
      expect(mod.action === undefined, `${name}: the table says action ${access.action === null ? 'none' : 'exists'}`).toBe(access.action === null);
      const params = paramsOf(name);
      const url = pathOf(name, params);

      const check = async (kind: 'loader' | 'action', roles: RouteRoles) => {
        const fn = mod[kind]!;
        const request = (cookie?: string) => (kind === 'loader' ? getRequest(url, cookie) : formRequest(url, {}, cookie));
        for (const role of ROLES) {
          const response = await respond(() => fn(routeArgs(request(cookies[role]), params) as never));
          const allowed = rolesAllowed(roles).includes(role);
          if (allowed) {
            // Allowed roles reach the page: on a record that does not exist that is a 404, a redirect or a page.
            expect(response.status, `${kind} ${name} as ${role}`).not.toBe(403);
            expect(response.status, `${kind} ${name} as ${role}`).toBeLessThan(500);
          } else {
            expect(response.status, `${kind} ${name} as ${role}`).toBe(403);
          }
        }
        if (roles !== 'public') {
          const signedOut = await respond(() => fn(routeArgs(request(), params) as never));
          expect(signedOut.status, `${kind} ${name} signed out`).toBe(302);
          expect(signedOut.headers.get('Location'), `${kind} ${name} signed out`).toMatch(/^\/sign-in/);
        }
      };
      if (access.loader !== null) await check('loader', access.loader);
      // Submitting is checked for the roles refused only: an allowed role's empty form is each action's own business.
      if (access.action !== null && access.action !== 'public') {
        const refused = ROLES.filter((role) => !rolesAllowed(access.action!).includes(role));
        for (const role of refused) {
          const response = await respond(() => mod.action!(routeArgs(formRequest(url, {}, cookies[role]), params) as never));
          expect(response.status, `action ${name} as ${role}`).toBe(403);
        }
        const signedOut = await respond(() => mod.action!(routeArgs(formRequest(url, {}), params) as never));
        expect([302, 403], `action ${name} signed out`).toContain(signedOut.status);
      }
    });
  }
});

describe('every form action reads its body through readForm (ADR 0018)', () => {
  for (const file of routeFiles) {
    const name = file.replace(/\.tsx?$/, '');
    const access = ROUTE_ACCESS[name];
    // Signing out reads no body: any POST ends the session.
    if (!access || access.action === null || name === 'sign-out') continue;
    it(`${name}: a JSON body is a 4xx, never a page, a redirect or a 500`, async () => {
      const mod = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
      const params = paramsOf(name);
      const role = access.action === 'public' ? undefined : rolesAllowed(access.action!)[0];
      const request = new Request(`http://paindesk.test${pathOf(name, params)}`, {
        method: 'POST',
        body: JSON.stringify({ intent: 'save', version: 1 }),
        headers: { 'Content-Type': 'application/json', ...(role ? { Cookie: cookies[role] } : {}) },
      });
      const response = await respond(() => mod.action!(routeArgs(request, params) as never));
      // Without route params nothing is looked up first, so the body itself is refused: 415.
      if (Object.keys(params).length === 0) expect(response.status, `action ${name}`).toBe(415);
      else {
        expect(response.status, `action ${name}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `action ${name}`).toBeLessThan(500);
      }
    });
  }
});
