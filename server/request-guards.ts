// Guards in front of every request, before Remix reads a body (issue: hardening from outside in).
//
// - Size: a body is refused (413) before it is read when it declares more than the limit, and a body sent
//   without a length (chunked) is refused (411): every form this app has is small, and browsers always send
//   Content-Length for a form post. Nothing is parsed, so nothing is held in memory.
// - Cross-site requests: a request that could change something (any method but GET, HEAD, OPTIONS) from a
//   page on another origin is refused (403) before it reaches a route: the Origin header must name this host;
//   without one, Sec-Fetch-Site must not say cross-site, and a Referer, if sent, must be this host. Together
//   with the session cookie's SameSite=Lax this is why no per-form token is needed: every browser that can
//   hold the cookie sends Origin or Sec-Fetch-Site on such a request (docs/decisions/0014).
//
// - Addresses: a path with a broken percent sign, or a path or query carrying NUL or another control character,
//   is refused (400) before any file or route is looked up (docs/decisions/0018). Bodies are checked by
//   app/utils/read-form.server.ts, which every form action uses. A method no browser sends for a page
//   (TRACE, CONNECT, WebDAV's) is refused (405): Remix cannot build a request from it.
import type { NextFunction, Request, Response } from 'express';
import { describeErrorSafely } from '~/utils/safe-log';
import { newCspNonce } from './request-context';

import { addressProblem, DISALLOWED_CHARACTER_MESSAGE } from '../app/utils/hostile-input';

/** Forms are a few kilobytes; the largest (an outcome with notes) stays far below this. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function page(title: string, message: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title} - PainDesk</title></head><body><main><h1>${title}</h1><p>${message}</p><p><a href="/">Go to the home page</a></p></main></body></html>`;
}

function refuse(res: Response, status: number, title: string, message: string) {
  // The body is not read: close the connection after answering so an unread upload cannot linger.
  res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' }).send(page(title, message));
}

export function bodySizeGuard(limitBytes: number = DEFAULT_BODY_LIMIT_BYTES) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      if (req.headers['transfer-encoding']) {
        return refuse(res, 411, 'Length required', 'Send the form again from the page: this request did not say how large it was.');
      }
      return next();
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return refuse(res, 400, 'Bad request', 'The request did not say its size correctly.');
    if (length > limitBytes) {
      return refuse(res, 413, 'Too much data', `This form sent more than ${Math.round(limitBytes / 1024)} KB, which is more than any PainDesk form needs. Nothing was saved.`);
    }
    return next();
  };
}

function hostOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

export function sameOriginGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const host = (req.headers.host ?? '').toLowerCase();
    const forbidden = () => refuse(res, 403, 'Request refused', 'This request came from another website, so nothing was changed. Use PainDesk\'s own pages.');
    const origin = req.headers.origin;
    if (origin !== undefined) return hostOf(origin) === host && host !== '' ? next() : forbidden();
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return forbidden();
    const referer = req.headers.referer;
    if (referer !== undefined && hostOf(referer) !== host) return forbidden();
    return next();
  };
}

/**
 * The Content-Security-Policy of every response (docs/decisions/0017). Scripts: only this site's files and inline
 * scripts that carry the request's nonce (Remix's hydration data, scroll restoration, the NHS.UK start-up lines),
 * never 'unsafe-inline'. Styles: this site's stylesheets; style attributes are allowed (style-src-attr) because
 * the mailbox shows an email's own HTML in a sandboxed srcdoc frame, which inherits this policy, and emails must
 * carry their styles inline; the app's own pages use none, and a style attribute can run no script.
 * Fonts also from assets.nhs.uk, where the NHS.UK stylesheet loads Frutiger from.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' https://assets.nhs.uk",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Headers on every response: the Content-Security-Policy above, no framing (clickjacking), no MIME sniffing
 * (downloads included: the day list's CSV and PDF, leaflets), no referrer sent off-site, no powerful browser
 * features, and HSTS in production (behind TLS). The nonce comes from requestContext (server/request-context.ts),
 * mounted before this; without it (a test mounting this alone) a fresh one is made.
 */
export function securityHeaders({ production }: { production: boolean }) {
  const headers: Record<string, string> = {
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(production ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  return (_req: Request, res: Response, next: NextFunction) => {
    const locals = res.locals as { cspNonce?: string };
    locals.cspNonce ??= newCspNonce();
    res.set({ ...headers, 'Content-Security-Policy': contentSecurityPolicy(locals.cspNonce) });
    next();
  };
}

/**
 * The last handler: an error that escaped a middleware (an undecodable path, say) gets a plain page with the
 * request's reference, never the error's message or stack, and one log line with the id and no path or query.
 * A client error keeps its 4xx status.
 */
export function errorPage() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const requestId = (res.locals as { requestId?: string }).requestId ?? '-';
    const declared = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    const status = typeof declared === 'number' && declared >= 400 && declared < 500 ? declared : 500;
    if (status >= 500) console.error(`request failed [request ${requestId}]: ${req.method} ${describeErrorSafely(error)}`);
    const reference = `If you report this problem, quote reference ${requestId}.`;
    if (status < 500) {
      res.status(status).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .send(page('There is a problem with the request', `PainDesk could not read this address. Check it, or start again from the home page. ${reference}`));
      return;
    }
    res.status(500).set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .send(page('Sorry, there is a problem with the service', `Try again later. Nothing you saved before this page has been lost. ${reference}`));
  };
}

/** The methods a browser or PainDesk's own scripts use; TRACE, CONNECT and the rest are refused (405) here. */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function methodGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (ALLOWED_METHODS.has(req.method)) return next();
    res.set('Allow', 'GET, HEAD, POST');
    return refuse(res, 405, 'Method not allowed', 'PainDesk does not answer this kind of request. Use its pages.');
  };
}

export function addressGuard() {
  return (req: Request, res: Response, next: NextFunction) => {
    const problem = addressProblem(req.originalUrl);
    if (problem === 'bad-encoding') {
      return refuse(res, 400, 'Bad request', 'The address is not written correctly (a percent sign is not followed by a character code). Use the links on PainDesk\'s pages.');
    }
    if (problem === 'disallowed-character') return refuse(res, 400, 'Bad request', DISALLOWED_CHARACTER_MESSAGE);
    return next();
  };
}

/**
 * Where a request came from, for the sign-in throttle and the audit trail, put where the app reads it
 * (x-paindesk-client-ip). Never a client-sent value: any incoming header of that name is replaced. Behind a
 * proxy named in TRUST_PROXY (Express's "trust proxy" setting) it is the address the proxy forwarded.
 */
export function clientAddressHeader() {
  return (req: Request, _res: Response, next: NextFunction) => {
    // With no proxy trusted, Express's req.ip is the socket's address; with one, the address it forwarded.
    req.headers['x-paindesk-client-ip'] = req.ip ?? '';
    next();
  };
}
