// The script Content-Security-Policy in a real browser (docs/decisions/0017): pages with JavaScript on raise no
// violation, Remix hydrates (client-side navigation works), the NHS.UK frontend script starts, and a script
// the server did not write is refused. The error page shows the request's reference, also after hydration.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { composeEmailContent } from '~/communications/email-content';
import { createMailDirTransport } from '~/communications/mail-transport.server';
import { settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const mailDir = inject('appMailDir');
const browser = useBrowser();

type Watched = { page: Page; violations: () => Promise<string[]>; consoleCsp: string[]; reactErrors: string[] };

/** A page that records every CSP violation: the browser's event and its console message. */
async function watch(context: BrowserContext, page?: Page): Promise<Watched> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const p = page ?? (await context.newPage());
  const consoleCsp: string[] = [];
  const reactErrors: string[] = [];
  p.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
    // A failed hydration (React error 418/423/425) would throw the server's page away and re-render it.
    if (message.type() === 'error' && /React error|hydrat/i.test(message.text())) reactErrors.push(message.text());
  });
  return { page: p, consoleCsp, reactErrors, violations: () => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []) };
}

async function started(page: Page) {
  // The NHS.UK start-up script (inline, with the nonce) and its module (initAll) both ran.
  await page.waitForFunction(() => document.body.classList.contains('js-enabled') && document.querySelector('[data-nhsuk-header-init]') !== null);
}

describe('Content-Security-Policy in the browser', () => {
  it('pages a clerk uses raise no violation; the NHS.UK script starts; links navigate without reloading the page', async () => {
    const context = await browser().newContext();
    const { page, violations, consoleCsp, reactErrors } = await watch(context);
    await page.goto(`${baseUrl}/sign-in`);
    await started(page);
    await page.getByLabel('Email address').fill('clerk@paindesk.test');
    await page.getByLabel('Password').fill('paindesk-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/`);

    for (const path of ['/', '/patients', '/consultations', '/procedures', '/lists', '/messages', '/mailbox', '/medicine-plans']) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect([path, response?.status()]).toEqual([path, 200]);
      const policy = (await response!.allHeaders())['content-security-policy'];
      expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
      await started(page);
      expect([path, await violations()]).toEqual([path, []]);
    }

    // Hydrated: a link followed inside the page keeps the same document (a marker set on window survives).
    await page.goto(`${baseUrl}/`);
    await started(page);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Patients' }).click();
    await page.waitForURL(`${baseUrl}/patients`);
    expect(await settledTitle(page, 'Find a patient - PainDesk')).toBe('Find a patient - PainDesk');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(documents).toEqual([]);

    expect(await violations()).toEqual([]);
    expect(consoleCsp).toEqual([]);
    expect(reactErrors).toEqual([]);
    await context.close();
  });

  it('an email in the mailbox shows in its sandboxed frame with its own inline styles, without a violation', async () => {
    // An email as the outbox worker writes it when no SMTP server is configured (the real transport and words).
    const content = composeEmailContent({
      purpose: 'BOOKING_CONFIRMATION',
      firstName: 'Csp',
      appointmentKind: 'CONSULTATION',
      startsAt: new Date('2027-03-29T08:00:00Z'),
      place: { siteName: 'Maidstone Hospital', unitName: 'Chronic Pain Unit', addressLines: ['Hermitage Lane'], postcode: 'ME16 9QQ', phone: '01622 224596' },
      leafletTitles: [],
      calendarAttached: false,
    });
    expect(content.html).toMatch(/<body style="/);
    const outboxId = `csp-check-${Date.now()}`;
    const transport = createMailDirTransport({ mailDir, from: 'Chronic Pain Unit <no-reply@paindesk.invalid>' });
    await transport.send({ outboxId, to: 'csp-check@example.invalid', ...content, attachments: [] });
    transport.close();

    const context = await browser().newContext();
    const signedIn = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await signedIn.waitForURL(`${baseUrl}/`);
    const { page, violations, consoleCsp } = await watch(context, signedIn);
    const response = await page.goto(`${baseUrl}/mailbox/${outboxId}`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 2, name: 'Text' }).waitFor();
    await started(page);
    expect(await page.locator('iframe[sandbox]').count()).toBe(1);
    // The email's own style attribute applies inside the frame (style-src-attr), as the patient would see it.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForLoadState('load');
    expect(await frame.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('640px');
    expect(await violations()).toEqual([]);
    expect(consoleCsp).toEqual([]);
    await context.close();
  });

  it('refuses a script the server did not write: an inline script without the nonce does not run', async () => {
    const context = await browser().newContext();
    const { page, violations } = await watch(context);
    await page.goto(`${baseUrl}/sign-in`);
    await started(page);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.appendChild(script);
    });
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
    await context.close();
  });

  it('the error page quotes the X-Request-Id of its request, and keeps it once hydrated', async () => {
    const context = await browser().newContext();
    const { page, violations, reactErrors } = await watch(context);
    const response = await page.goto(`${baseUrl}/patientz?q=Dabrowska`);
    expect(response?.status()).toBe(404);
    const id = (await response!.allHeaders())['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    await started(page);
    expect(await page.getByTestId('error-reference').innerText()).toBe(id);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    expect(await page.locator('main').innerText()).not.toContain('No route matches');
    expect(await violations()).toEqual([]);
    expect(reactErrors).toEqual([]);
    await context.close();
  });
});
