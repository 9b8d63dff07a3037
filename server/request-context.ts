// Every request gets, before anything else runs (docs/decisions/0017):
// - a request id, made here and never taken from the client, sent back as X-Request-Id, written in every log
//   line about the request and shown on error pages for staff to quote;
// - a Content-Security-Policy nonce for the inline scripts of the page it renders (securityHeaders sends it).
// Both reach Remix as its load context (`loadContextFor`), and from there the page (app/utils/request-info.tsx).
// The access log line holds the method, the path as a template, the status, the time taken and the id. A path
// is whatever the client typed (`/patients/Dabrowska` is redirected to sign-in before any route looks it up), so
// only the app's own route words are kept and every other segment is written `:param`: record ids, file names
// and typed text alike. Never a query string or a body.
import { randomBytes } from 'node:crypto';
import type { AppLoadContext } from '@remix-run/node';
import type { NextFunction, Request, Response } from 'express';

export type RequestLocals = { requestId: string; cspNonce: string };

/** 12 hex characters: short enough to read out over the phone, unique enough to find in a day's logs. */
export function newRequestId(): string {
  return randomBytes(6).toString('hex');
}

export function newCspNonce(): string {
  return randomBytes(16).toString('base64');
}

export function requestLocals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/** Probes call these every few seconds; their successes would drown the log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/readyz/worker']);
/** Words of paths served before Remix: the health endpoints and the static files' folders. */
const SERVER_WORDS = new Set(['healthz', 'readyz', 'worker', 'build', 'assets', 'nhsuk']);

/** The static words of the app's route paths (`patients`, `clinical`, `sign-in`...), from the Remix build. */
export function routeWords(routes: Record<string, { path?: string }>): Set<string> {
  const words = new Set<string>();
  for (const route of Object.values(routes)) {
    for (const segment of (route.path ?? '').split('/')) {
      if (segment && !segment.startsWith(':') && segment !== '*') words.add(segment);
    }
  }
  return words;
}

/** `/patients/clx1abc/clinical` -> `/patients/:param/clinical`: only known route words survive. */
export function pathTemplate(path: string, words: ReadonlySet<string>): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || words.has(segment) || SERVER_WORDS.has(segment) ? segment : ':param'))
    .join('/');
}

export function accessLogLine(
  req: Pick<Request, 'method' | 'path'>,
  status: number,
  durationMs: number,
  requestId: string,
  words: ReadonlySet<string>,
): string {
  return `${req.method} ${pathTemplate(req.path, words)} ${status} ${Math.round(durationMs)} ms [request ${requestId}]`;
}

export function requestContext(options: { log?: ((line: string) => void) | null; routeWords?: ReadonlySet<string> } = {}) {
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;
  const words = options.routeWords ?? new Set<string>();
  return (req: Request, res: Response, next: NextFunction) => {
    const locals = requestLocals(res);
    locals.requestId = newRequestId();
    locals.cspNonce = newCspNonce();
    res.set('X-Request-Id', locals.requestId);
    if (log) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        if (QUIET_PATHS.has(req.path) && res.statusCode === 200) return;
        log(accessLogLine(req, res.statusCode, Number(process.hrtime.bigint() - started) / 1e6, locals.requestId, words));
      });
    }
    next();
  };
}

/** What Remix loaders, actions and entry.server see of the request context. */
export function loadContextFor(_req: Request, res: Response): AppLoadContext {
  const { requestId, cspNonce } = requestLocals(res);
  return { requestId, cspNonce };
}
