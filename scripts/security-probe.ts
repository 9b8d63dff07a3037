// Probes a running PainDesk from outside with hostile input, the way an attacker or a broken client would:
//
//   npx tsx scripts/security-probe.ts http://localhost:3000 [--verbose]   (--verbose lists the forms probed)
//
// It signs in once per demo account (clerk, doctor, admin; password "paindesk-demo"), reuses each cookie, crawls
// the pages each role can reach, reads every <form> on them (inputs, selects, textareas, hidden fields and named
// submit buttons), and submits each form again with one hostile value in one field at a time. It also sends
// hostile values in every query parameter and route id it saw, bodies in the wrong format, an oversized body, a
// cross-origin data request, hostile sign-in redirect targets, and checks the security headers.
//
// A result "held" when the server answered as it should (a 4xx for what must be refused, no 5xx, no off-site
// redirect, no stack trace or server path in an error page, no reflected script). Anything else "fell short"
// and is listed by path pattern, field and value class, never with patient data. Exit code 1 if anything fell
// short. An account that does not get a session (a second factor, a locked account) is reported as skipped.
//
// Run it against a demo instance only: it changes data (a hostile value that is harmless text is saved).

import http from 'node:http';
import https from 'node:https';
import { totpCode } from '../app/auth/totp';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const ORIGIN = new URL(base).origin;
const DEMO_PASSWORD = 'paindesk-demo';
/** The demo administrator's published second-factor key (README): demo data only, refused in production. */
const DEMO_TOTP_SECRET = 'PAINDESKDEMOADMINTOTPSECRET23456';
const ROLES = ['clerk', 'doctor', 'admin'] as const;
type RoleName = (typeof ROLES)[number];

/** How many pages of one shape (path with ids replaced, plus query keys) are crawled per role. */
const PAGES_PER_SHAPE = 3;
const DAYS_TO_WALK = 10;
const MAX_PAGES_PER_ROLE = 300;

type Expectation = 'refused' | 'no-5xx';
type HostileValue = { name: string; value: string; expect: Expectation };

/** Values put into form fields and query parameters. `refused`: must be a 4xx; `no-5xx`: anything but a 5xx. */
const FIELD_VALUES: HostileValue[] = [
  { name: 'nul-byte', value: 'a\u0000b', expect: 'refused' },
  { name: 'control-character', value: 'a\u0007b', expect: 'refused' },
  { name: 'crlf', value: 'a\r\nb', expect: 'no-5xx' },
  { name: 'non-latin-1', value: 'Zoë Ŵ 漢字 😀', expect: 'no-5xx' },
  { name: 'very-long', value: 'x'.repeat(60_000), expect: 'no-5xx' },
  { name: 'int4-overflow', value: '2147483648', expect: 'no-5xx' },
  { name: 'exponent', value: '1e20', expect: 'no-5xx' },
  { name: 'negative', value: '-1', expect: 'no-5xx' },
  { name: 'decimal', value: '1.5', expect: 'no-5xx' },
  { name: 'far-future-date', value: '9999-12-31', expect: 'no-5xx' },
  { name: 'year-zero-date', value: '0000-01-01', expect: 'no-5xx' },
  { name: 'path-traversal', value: '../../../../etc/passwd', expect: 'no-5xx' },
  { name: 'percent-00', value: '%00', expect: 'no-5xx' },
  { name: 'script-tag', value: '<script>alert(1)</script>', expect: 'no-5xx' },
  { name: 'empty', value: '', expect: 'no-5xx' },
];

/** Optimistic-lock versions must be refused when they are not a plausible version number. */
const VERSION_REFUSED = new Set(['int4-overflow', 'exponent', 'negative', 'decimal', 'nul-byte', 'control-character', 'very-long', 'non-latin-1', 'script-tag', 'path-traversal', 'percent-00', 'far-future-date', 'year-zero-date']);
/** Dates in query strings (a week, a day) must be refused when they are not a date in range. */
const DATE_PARAMS = new Set(['week', 'date']);
const DATE_REFUSED = new Set(['far-future-date', 'year-zero-date', 'int4-overflow', 'exponent', 'nul-byte', 'control-character']);

/** Route ids (path segments) replaced by these, already encoded for the URL. */
const SEGMENT_VALUES: HostileValue[] = [
  { name: 'nul-byte', value: 'a%00b', expect: 'refused' },
  { name: 'control-character', value: 'a%07b', expect: 'refused' },
  { name: 'path-traversal', value: '..%2F..%2F..%2Fetc%2Fpasswd', expect: 'no-5xx' },
  { name: 'bad-percent-encoding', value: '%E0%A4%A', expect: 'no-5xx' },
  { name: 'non-latin-1', value: encodeURIComponent('漢字😀'), expect: 'no-5xx' },
  { name: 'very-long', value: 'x'.repeat(4000), expect: 'no-5xx' },
  { name: 'script-tag', value: encodeURIComponent('<script>alert(1)</script>'), expect: 'no-5xx' },
];

type Outcome = { held: boolean; check: string; path: string; field?: string; valueClass?: string; detail: string };
const outcomes: Outcome[] = [];
/** Pages that forms sent as filled redirected to: crawled first in the second pass. */
const opened: string[] = [];
const skipped: string[] = [];

function record(held: boolean, check: string, path: string, detail: string, field?: string, valueClass?: string) {
  outcomes.push({ held, check, path, field, valueClass, detail });
}

// ---------- HTTP ----------

type Reply = { status: number; headers: Headers; body: string };

async function send(path: string, init: { method?: string; cookie?: string; body?: BodyInit; contentType?: string; origin?: string | null; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.cookie) headers.Cookie = init.cookie;
  const method = init.method ?? 'GET';
  if (method !== 'GET' && init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
  if (init.contentType) headers['Content-Type'] = init.contentType;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(`${base}${path}`, { method, headers, body: init.body, redirect: 'manual' });
      const body = await response.text();
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      // A refused upload closes the connection; one retry tells a real outage from that.
      if (attempt >= 1) return { status: 0, headers: new Headers(), body: String((error as Error).message) };
    }
  }
}

/** The status of a request with a method fetch refuses to send (TRACE). */
function rawStatus(method: string, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = (base.startsWith('https:') ? https : http).request(`${base}${path}`, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** A shape for a path: ids and numbers replaced, so /patients/abc and /patients/def count as one page. */
function shapeOf(path: string): string {
  const url = new URL(path, ORIGIN);
  const segments = url.pathname.split('/').map((s) => (/^[a-z0-9]{20,}$/i.test(s) || /^\d+$/.test(s) || /^[0-9a-f-]{36}$/i.test(s) ? ':id' : s));
  const keys = [...new Set([...url.searchParams.keys()])].sort().join(',');
  return `${segments.join('/')}${keys ? `?${keys}` : ''}`;
}

function looksLikeId(segment: string) {
  return /^[a-z0-9]{20,}$/i.test(segment) || /^[0-9a-f-]{36}$/i.test(segment);
}

// ---------- HTML ----------

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x2F;/g, '/')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = match[1].toLowerCase();
    if (name === 'input' || name === 'select' || name === 'textarea' || name === 'button' || name === 'form' || name === 'option') continue;
    out[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return out;
}

type FormField = { name: string; value: string; hidden: boolean; options?: string[] };
type FoundForm = { method: string; action: string; fields: FormField[]; submit?: { name: string; value: string }; page: string };

function parseForms(html: string, pagePath: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(match[1]);
    const inner = match[2];
    const method = (attrs.method ?? 'get').toLowerCase();
    const action = attrs.action ? attrs.action : pagePath;
    const fields: FormField[] = [];
    const radios = new Map<string, string>();
    const radioOptions = new Map<string, string[]>();
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]);
      if (!a.name) continue;
      const type = (a.type ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'button' || type === 'file' || type === 'image' || type === 'reset') continue;
      if (type === 'radio') {
        if (!radios.has(a.name) || 'checked' in a) radios.set(a.name, a.value ?? 'on');
        radioOptions.set(a.name, [...(radioOptions.get(a.name) ?? []), a.value ?? 'on']);
        continue;
      }
      if (type === 'checkbox' && !('checked' in a)) continue;
      fields.push({ name: a.name, value: a.value ?? (type === 'checkbox' ? 'on' : ''), hidden: type === 'hidden' });
    }
    for (const [name, value] of radios) fields.push({ name, value, hidden: false, options: radioOptions.get(name) });
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const a = attributes(select[1]);
      if (!a.name) continue;
      const options = [...select[2].matchAll(/<option\b([^>]*)>/gi)].map((o) => attributes(o[1]));
      const chosen = options.find((o) => 'selected' in o) ?? options.find((o) => o.value) ?? options[0];
      fields.push({ name: a.name, value: chosen?.value ?? '', hidden: false });
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(area[1]);
      if (a.name) fields.push({ name: a.name, value: decodeEntities(area[2]), hidden: false });
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>/gi)].map((b) => attributes(b[1])).filter((b) => b.name);
    if (buttons.length === 0) forms.push({ method, action, fields, page: pagePath });
    for (const button of buttons) forms.push({ method, action, fields, submit: { name: button.name, value: button.value ?? '' }, page: pagePath });
  }
  return forms;
}

function links(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/\bhref="([^"]+)"/g)) {
    const href = decodeEntities(match[1]);
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    if (/^\/(build|assets)\//.test(href) || href.startsWith('/sign-out')) continue;
    out.push(href.split('#')[0]);
  }
  return out;
}

/** The deepest Remix route id of a page (for `?_data=` requests), read from the page's context script. */
function routeIdOf(html: string): string | null {
  const ids = [...html.matchAll(/"(routes\/[^"\\]+)"/g)].map((m) => m[1]);
  return ids.length ? ids[ids.length - 1] : null;
}

// ---------- Checks on every reply ----------

const STACK = /\n\s+at [^\n]+:\d+:\d+|\/work\/|node_modules\/|\/home\/[^\s"]+\/|file:\/\/\//;

function judge(reply: Reply, expect: Expectation, check: string, path: string, field?: string, valueClass?: string) {
  const problems: string[] = [];
  if (reply.status === 0) problems.push(`no answer (${reply.body.slice(0, 80)})`);
  if (reply.status >= 500) problems.push(`server error ${reply.status}`);
  if (expect === 'refused' && reply.status > 0 && (reply.status < 400 || reply.status >= 500)) problems.push(`accepted (${reply.status}), expected a 4xx`);
  const location = reply.headers.get('location');
  if (location && offSite(location)) problems.push('redirects off-site');
  if (reply.status >= 400 && STACK.test(reply.body)) problems.push('error page shows a stack trace or server path');
  // Only a page a browser renders can run a reflected script: a CSV download (attachment, nosniff) is data.
  const html = (reply.headers.get('content-type') ?? 'text/html').startsWith('text/html');
  if (html && reply.body.includes('<script>alert(1)</script>')) problems.push('reflects a script tag unescaped');
  record(problems.length === 0, check, path, problems.join('; ') || String(reply.status), field, valueClass);
}

function offSite(location: string): boolean {
  if (/[\r\n]/.test(location)) return true;
  try {
    return new URL(location, ORIGIN).origin !== ORIGIN;
  } catch {
    return true;
  }
}

// ---------- Sign-in ----------

/** Each role signs in once, with a hostile redirect target (which must stay on this site). */
const REDIRECT_PROBES: Record<RoleName, { name: string; value: string }> = {
  clerk: { name: 'protocol-relative', value: '//evil.example/' },
  doctor: { name: 'backslash-and-crlf', value: '/\\evil.example/\r\nSet-Cookie: x=1' },
  admin: { name: 'non-latin-1', value: '/patients?q=Zoë 漢字' },
};

async function signIn(role: RoleName): Promise<string | null> {
  const probe = REDIRECT_PROBES[role];
  const body = new URLSearchParams({ email: `${role}@paindesk.test`, password: DEMO_PASSWORD, redirectTo: probe.value });
  const reply = await send('/sign-in', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded' });
  const cookie = reply.headers.get('set-cookie')?.split(';')[0] ?? null;
  if (reply.status >= 500) {
    record(false, 'sign-in redirect', '/sign-in', `server error ${reply.status}`, 'redirectTo', probe.name);
    return null;
  }
  let final = reply;
  let sessionCookie = cookie;
  if (reply.status === 302 && cookie && (reply.headers.get('location') ?? '').startsWith('/sign-in/second-factor')) {
    // The demo administrator has a second factor: answer it with the code its published key gives now.
    const code = totpCode(DEMO_TOTP_SECRET, Date.now());
    final = await send('/sign-in/second-factor', { method: 'POST', cookie, body: new URLSearchParams({ code }), contentType: 'application/x-www-form-urlencoded' });
    sessionCookie = final.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('paindesk_session=') && c.length > 'paindesk_session='.length) ?? null;
  }
  return finishSignIn(final, sessionCookie, probe);
}

async function finishSignIn(reply: Reply, cookie: string | null, probe: { name: string; value: string }): Promise<string | null> {
  if (reply.status === 302 && cookie) {
    const location = reply.headers.get('location') ?? '';
    record(!offSite(location) && location.startsWith('/') && !location.startsWith('//'), 'sign-in redirect', '/sign-in', offSite(location) ? 'redirects off-site' : '302 on site', 'redirectTo', probe.name);
    // A second factor or similar step may follow: only a cookie that opens the home page is a session.
    const home = await send('/', { cookie });
    if (home.status === 200 && !/action="\/sign-in"/.test(home.body)) return cookie;
  }
  return null;
}

/**
 * Brute force, last (it throttles this address): on a demo account the probe does not use, ten wrong passwords,
 * then the right one must be refused (the account is locked, or this address throttled); then twenty wrong
 * passwords at once must meet 429 with Retry-After, never a session or a 5xx (ADR 15).
 */
async function probeSignInLimits() {
  const email = 'clerk2@paindesk.test';
  const attempt = (password: string) =>
    send('/sign-in', { method: 'POST', body: new URLSearchParams({ email, password }), contentType: 'application/x-www-form-urlencoded' });
  for (let i = 1; i <= 10; i += 1) {
    const reply = await attempt(`wrong-password-${i}`);
    record([401, 403, 429].includes(reply.status), 'brute force: wrong password', '/sign-in', `attempt ${i}: ${reply.status}`);
  }
  const right = await attempt(DEMO_PASSWORD);
  record([403, 429].includes(right.status) && !right.headers.get('set-cookie')?.startsWith('paindesk_session='), 'brute force: right password after ten wrong', '/sign-in', `${right.status}`);
  const parallel = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`parallel-wrong-${i}`)));
  const throttled = parallel.filter((r) => r.status === 429 && /^\d+$/.test(r.headers.get('retry-after') ?? ''));
  const bad = parallel.filter((r) => r.status >= 500 || r.status === 0 || r.status === 302);
  record(throttled.length > 0 && bad.length === 0, 'brute force: 20 parallel wrong passwords', '/sign-in', `${throttled.length} x 429 with Retry-After, ${bad.length} 5xx or sessions`);
}

// ---------- Crawl ----------

async function crawl(role: RoleName, cookie: string, seeds: string[]) {
  const seen = new Map<string, number>();
  const visited = new Set<string>();
  // Pages other roles reached are tried too: a doctor's outcome form is linked from pages a clerk finds.
  const queue = ['/', ...seeds];
  const pages: { path: string; html: string; routeId: string | null }[] = [];
  while (queue.length && pages.length < MAX_PAGES_PER_ROLE) {
    const path = queue.shift()!;
    if (visited.has(path)) continue;
    visited.add(path);
    const shape = shapeOf(path);
    // Day and week pages are walked further (a doctor's next clinic may be days away).
    const limit = /[?,](date|week)(,|$)/.test(shape) ? DAYS_TO_WALK : PAGES_PER_SHAPE;
    if ((seen.get(shape) ?? 0) >= limit) continue;
    seen.set(shape, (seen.get(shape) ?? 0) + 1);
    const reply = await send(path, { cookie });
    judge(reply, 'no-5xx', `page as ${role}`, shape);
    if (!(reply.headers.get('content-type') ?? '').includes('text/html') || reply.status !== 200) continue;
    pages.push({ path, html: reply.body, routeId: routeIdOf(reply.body) });
    for (const link of links(reply.body)) if (!visited.has(link)) queue.push(link);
  }
  return pages;
}

// ---------- Probes ----------

function encodeForm(fields: FormField[], submit?: { name: string; value: string }, override?: { name: string; value: string }) {
  const body = new URLSearchParams();
  for (const field of fields) body.append(field.name, override && field.name === override.name ? override.value : field.value);
  if (submit) body.append(submit.name, override && submit.name === override.name ? override.value : submit.value);
  return body;
}

function expectationFor(fieldName: string, value: HostileValue): Expectation {
  if (value.expect === 'refused') return 'refused';
  if (/version/i.test(fieldName) && VERSION_REFUSED.has(value.name)) return 'refused';
  return 'no-5xx';
}

async function probeForm(role: RoleName, cookie: string, form: FoundForm, routeId: string | null) {
  const shape = shapeOf(form.action);
  const names = [...form.fields.map((f) => f.name), ...(form.submit ? [form.submit.name] : [])];
  const label = `${form.method.toUpperCase()} form as ${role}${form.submit ? ` (${form.submit.name}=${form.submit.value})` : ''}`;
  // Values that must be refused first: they must change nothing, so the form's other probes still apply.
  const ordered = [...FIELD_VALUES].sort((a, b) => (a.expect === b.expect ? 0 : a.expect === 'refused' ? -1 : 1));
  for (const value of ordered) {
    for (const name of names) {
      const expect = form.method === 'get' && DATE_PARAMS.has(name) && DATE_REFUSED.has(value.name) ? 'refused' : expectationFor(name, value);
      const body = encodeForm(form.fields, form.submit, { name, value: value.value });
      if (form.method === 'get') {
        const url = new URL(form.action, ORIGIN);
        for (const [k, v] of body) url.searchParams.set(k, v);
        judge(await send(`${url.pathname}${url.search}`, { cookie }), expect, label, shape, name, value.name);
      } else {
        judge(await send(form.action, { method: 'POST', cookie, body, contentType: 'application/x-www-form-urlencoded' }), expect, label, shape, name, value.name);
      }
    }
  }
  if (form.method !== 'post') return;
  const valid = encodeForm(form.fields, form.submit);
  // Every field sent twice (a form reading one value must not trip over two), no fields at all, another method.
  const doubled = new URLSearchParams([...valid, ...valid]);
  judge(await send(form.action, { method: 'POST', cookie, body: doubled, contentType: 'application/x-www-form-urlencoded' }), 'no-5xx', label, shape, '(all)', 'every-field-twice');
  judge(await send(form.action, { method: 'POST', cookie, body: '', contentType: 'application/x-www-form-urlencoded' }), 'no-5xx', label, shape, '(body)', 'empty-body');
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    judge(await send(form.action, { method, cookie, body: valid, contentType: 'application/x-www-form-urlencoded' }), 'no-5xx', label, shape, '(method)', method);
  }
  // Bodies in formats no form sends: refused (415), nothing changed.
  const json = JSON.stringify(Object.fromEntries(valid));
  judge(await send(form.action, { method: 'POST', cookie, body: json, contentType: 'application/json' }), 'refused', label, shape, '(body)', 'json-body');
  judge(await send(form.action, { method: 'POST', cookie, body: valid.toString(), contentType: 'text/plain' }), 'refused', label, shape, '(body)', 'text-plain-body');
  judge(await send(form.action, { method: 'POST', cookie, body: 'not multipart', contentType: 'multipart/form-data; boundary=xyz' }), 'refused', label, shape, '(body)', 'broken-multipart');
  const nulMultipart = new FormData();
  for (const [k, v] of valid) nulMultipart.append(k, v);
  const firstText = form.fields.find((f) => !f.hidden)?.name ?? form.fields[0]?.name;
  if (firstText) {
    nulMultipart.set(firstText, 'a\u0000b');
    judge(await send(form.action, { method: 'POST', cookie, body: nulMultipart }), 'refused', label, shape, firstText, 'multipart-nul-byte');
  }
  const withFile = new FormData();
  for (const [k, v] of valid) withFile.append(k, v);
  withFile.append(firstText ?? 'file', new Blob(['../../etc/passwd'], { type: 'text/plain' }), '../../passwd');
  judge(await send(form.action, { method: 'POST', cookie, body: withFile }), 'refused', label, shape, firstText ?? 'file', 'multipart-file');
  // The same through a data request (what Remix's own fetches use).
  if (routeId) {
    const sep = form.action.includes('?') ? '&' : '?';
    const dataPath = `${form.action}${sep}_data=${encodeURIComponent(routeId)}`;
    judge(await send(dataPath, { method: 'POST', cookie, body: json, contentType: 'application/json' }), 'refused', `${label} data request`, shape, '(body)', 'json-body');
    if (firstText) {
      judge(await send(dataPath, { method: 'POST', cookie, body: encodeForm(form.fields, form.submit, { name: firstText, value: 'a\u0000b' }), contentType: 'application/x-www-form-urlencoded' }), 'refused', `${label} data request`, shape, firstText, 'nul-byte');
    }
  }
  // Last, the form as the page filled it: this opens forms that only appear after an action (an outcome after an
  // answered call), which the second pass then probes.
  // With a choice of radio buttons, each choice of the first group is sent (a call answered as well as not).
  const choice = form.fields.find((f) => f.options && f.options.length > 1 && f.options.length <= 4);
  let current = form;
  for (const option of choice?.options ?? [null]) {
    if (current !== form || option !== (choice?.options ?? [null])[0]) {
      // The page again, for fresh hidden values (a version the last submission moved on).
      const page = await send(form.page, { cookie });
      const again = parseForms(page.body, form.page).find((f) => f.action === form.action && f.submit?.value === form.submit?.value && f.fields.map((x) => x.name).join() === form.fields.map((x) => x.name).join());
      if (!again) break;
      current = again;
    }
    const body = option === null ? valid : encodeForm(current.fields, current.submit, { name: choice!.name, value: option });
    const reply = await send(form.action, { method: 'POST', cookie, body, contentType: 'application/x-www-form-urlencoded' });
    judge(reply, 'no-5xx', label, shape, '(all)', 'as-filled');
    const location = reply.headers.get('location');
    if (location?.startsWith('/') && !location.startsWith('//')) opened.push(location.split('#')[0]);
  }
}

async function probeQueries(role: RoleName, cookie: string, path: string) {
  const url = new URL(path, ORIGIN);
  const keys = [...new Set(url.searchParams.keys())];
  for (const key of keys) {
    for (const value of FIELD_VALUES) {
      const probe = new URL(url);
      probe.searchParams.set(key, value.value);
      const expect = value.expect === 'refused' || (DATE_PARAMS.has(key) && DATE_REFUSED.has(value.name)) ? 'refused' : 'no-5xx';
      judge(await send(`${probe.pathname}${probe.search}`, { cookie }), expect, `query as ${role}`, shapeOf(path), key, value.name);
    }
  }
}

async function probeSegments(role: RoleName, cookie: string, path: string) {
  const url = new URL(path, ORIGIN);
  const segments = url.pathname.split('/');
  for (let i = 0; i < segments.length; i += 1) {
    if (!looksLikeId(segments[i])) continue;
    for (const value of SEGMENT_VALUES) {
      const replaced = [...segments];
      replaced[i] = value.value;
      judge(await send(replaced.join('/'), { cookie }), value.expect, `route id as ${role}`, shapeOf(path), `segment ${i}`, value.name);
    }
  }
}

async function probeFixed(cookies: Partial<Record<RoleName, string>>) {
  // Known hostile queries from the issue.
  const fixed: [RoleName, string, string][] = [
    ['clerk', '/lists?week=9999-12-31', 'far-future-date'],
    ['doctor', '/my-clinic?date=0000-01-01', 'year-zero-date'],
    ['clerk', '/clinics?date=0000-01-01', 'year-zero-date'],
    ['clerk', '/patients?q=%00', 'nul-byte'],
  ];
  for (const [role, path, valueClass] of fixed) {
    const cookie = cookies[role];
    if (!cookie) continue;
    judge(await send(path, { cookie }), 'refused', `known query as ${role}`, shapeOf(path), 'query', valueClass);
  }
  // An oversized body is refused before it is read.
  const big = 'x'.repeat(300 * 1024);
  const oversized = await send('/sign-in', { method: 'POST', body: `email=${big}`, contentType: 'application/x-www-form-urlencoded' });
  record(oversized.status === 413, 'oversized body', '/sign-in', String(oversized.status), '(body)', '300-kb');
  // A data request from another site, with a clerk's cookie, is refused before any route runs.
  if (cookies.clerk) {
    const body = new URLSearchParams({ firstName: 'Cross', lastName: 'Origin' });
    const reply = await send('/patients/new?_data=routes%2Fpatients.new', { method: 'POST', cookie: cookies.clerk, body, contentType: 'application/x-www-form-urlencoded', origin: 'https://evil.example' });
    record(reply.status === 403, 'cross-origin data request', '/patients/new', String(reply.status), '(origin)', 'foreign-origin');
  }
  // Sign-in form values that must be refused before any password check (so they never count as attempts).
  for (const value of FIELD_VALUES.filter((v) => v.expect === 'refused')) {
    const body = new URLSearchParams({ email: `probe${value.value}@paindesk.test`, password: 'x' });
    judge(await send('/sign-in', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded' }), 'refused', 'sign-in form', '/sign-in', 'email', value.name);
  }
  judge(await send('/sign-in', { method: 'POST', body: '{"email":"x"}', contentType: 'application/json' }), 'refused', 'sign-in form', '/sign-in', '(body)', 'json-body');
  // Broken or forged session cookies: never a 5xx, never a session.
  for (const [valueClass, cookie] of [
    ['garbage-cookie', '__session=%00%ff%fe'],
    ['forged-cookie', '__session=eyJ1c2VySWQiOiJhZG1pbiJ9.forged'],
    ['very-long-cookie', `__session=${'a'.repeat(8000)}`],
  ]) {
    const reply = await send('/patients', { cookie });
    judge(reply, 'no-5xx', 'session cookie', '/patients', 'Cookie', valueClass);
    if (reply.status === 200) record(false, 'session cookie', '/patients', 'a page opened without a real session', 'Cookie', valueClass);
  }
  // A data request for a route that does not exist, or not on this page.
  if (cookies.clerk) {
    judge(await send('/patients?_data=routes%2Fno-such-route', { cookie: cookies.clerk }), 'no-5xx', 'data request', '/patients', '_data', 'unknown-route');
    judge(await send('/patients?_data=routes%2Fadmin.settings', { cookie: cookies.clerk }), 'no-5xx', 'data request', '/patients', '_data', 'other-route');
    judge(await send(`/patients?q=${'x'.repeat(20_000)}`, { cookie: cookies.clerk }), 'no-5xx', 'query', '/patients', 'q', 'very-long-address');
  }
  judge(await send('/sign-in', { method: 'OPTIONS', origin: null }), 'no-5xx', 'method', '/sign-in', '(method)', 'OPTIONS');
  // Methods fetch will not send: TRACE and WebDAV's, on a raw connection.
  for (const method of ['TRACE', 'PROPFIND']) {
    const status = await rawStatus(method, '/sign-in');
    record(status >= 400 && status < 500, 'method', '/sign-in', String(status), '(method)', method);
  }
  // Security headers on a page, an error page and a refused request.
  const headerChecks: [string, Reply][] = [
    ['/sign-in', await send('/sign-in')],
    ['/no-such-page', await send('/no-such-page')],
    ['/sign-in (refused POST)', await send('/sign-in', { method: 'POST', body: 'x=1', contentType: 'application/x-www-form-urlencoded', origin: 'https://evil.example' })],
  ];
  for (const [path, reply] of headerChecks) {
    const missing = ['x-frame-options', 'x-content-type-options', 'referrer-policy', 'content-security-policy'].filter((h) => !reply.headers.get(h));
    const csp = reply.headers.get('content-security-policy') ?? '';
    if (csp && !csp.includes("frame-ancestors 'none'")) missing.push("content-security-policy frame-ancestors 'none'");
    record(missing.length === 0, 'security headers', path, missing.length ? `missing: ${missing.join(', ')}` : 'present');
    if (reply.status >= 400 && STACK.test(reply.body)) record(false, 'error page', path, 'shows a stack trace or server path');
  }
}

async function main() {
  const started = Date.now();
  const cookies: Partial<Record<RoleName, string>> = {};
  for (const role of ROLES) {
    const cookie = await signIn(role);
    if (cookie) cookies[role] = cookie;
    else skipped.push(`${role}: sign-in gave no session (second factor, locked or missing account): its pages were not probed`);
  }
  await probeFixed(cookies);
  const formsDone = new Set<string>();
  const queriesDone = new Set<string>();
  const segmentsDone = new Set<string>();
  const reached: string[] = [];
  // Two passes: the second finds forms the first pass's submissions opened.
  for (const role of [...ROLES, ...ROLES]) {
    const cookie = cookies[role];
    if (!cookie) continue;
    const pages = await crawl(role, cookie, [...opened, ...reached]);
    reached.push(...pages.map((p) => p.path));
    if (process.argv.includes('--verbose')) console.log(`  ${role}: ${pages.length} pages: ${[...new Set(pages.map((p) => shapeOf(p.path)))].sort().join(' ')}`);
    for (const page of pages) {
      const shape = shapeOf(page.path);
      if (!queriesDone.has(`${role} ${shape}`)) {
        queriesDone.add(`${role} ${shape}`);
        await probeQueries(role, cookie, page.path);
      }
      const pathShape = shapeOf(new URL(page.path, ORIGIN).pathname);
      if (!segmentsDone.has(pathShape)) {
        segmentsDone.add(pathShape);
        await probeSegments(role, cookie, page.path);
      }
      for (const form of parseForms(page.html, page.path)) {
        if (form.action.startsWith('/sign-out') || form.action.startsWith('/sign-in')) continue;
        // Forms told apart by an enum-like hidden value (result=ANSWERED beside result=NO_ANSWER) are probed each.
        const choices = form.fields.filter((f) => f.hidden && /^[A-Za-z_-]{1,30}$/.test(f.value)).map((f) => `${f.name}=${f.value}`);
        const key = `${role} ${form.method} ${shapeOf(form.action)} ${form.submit?.value ?? ''} ${form.fields.map((f) => f.name).sort().join(',')} ${choices.sort().join(',')}`;
        if (formsDone.has(key)) continue;
        formsDone.add(key);
        await probeForm(role, cookie, form, page.routeId);
      }
    }
  }

  await probeSignInLimits();

  const fell = outcomes.filter((o) => !o.held);
  console.log(`PainDesk security probe of ${base} (${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`forms probed: ${formsDone.size}; page shapes: ${segmentsDone.size}`);
  console.log(`requests tried: ${outcomes.length}`);
  console.log(`held: ${outcomes.length - fell.length}`);
  console.log(`fell short: ${fell.length}`);
  console.log(`skipped: ${skipped.length}`);
  for (const s of skipped) console.log(`  skipped: ${s}`);
  if (process.argv.includes('--verbose')) for (const form of [...formsDone].sort()) console.log(`  form: ${form}`);
  const grouped = new Map<string, number>();
  for (const o of fell) {
    const line = `${o.check} ${o.path}${o.field ? ` [${o.field}]` : ''}${o.valueClass ? ` <${o.valueClass}>` : ''}: ${o.detail}`;
    grouped.set(line, (grouped.get(line) ?? 0) + 1);
  }
  for (const [line, count] of grouped) console.log(`  FELL SHORT: ${line}${count > 1 ? ` (x${count})` : ''}`);
  process.exit(fell.length ? 1 : 0);
}

main().catch((error) => {
  console.error(`The probe could not run: ${(error as Error).message}`);
  process.exit(2);
});
