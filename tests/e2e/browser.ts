// Debian's Chromium driven by playwright-core (never Playwright's own browser download).
// Playwright gives every launch a fresh, empty profile of its own.
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET } from '~/auth/demo-second-factor';
import { TOTP_PERIOD_SECONDS, totpCode, totpStep } from '~/auth/totp';

export const CHROMIUM_PATH = process.env.PAINDESK_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DEMO_PASSWORD = 'paindesk-demo';

/** Second-factor secrets the tests know: the demo admin's published one, and any a test file set up. */
const totpSecrets = new Map<string, string>([[DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET]]);

export function rememberTotpSecret(email: string, secret: string) {
  totpSecrets.set(email, secret);
}

/**
 * Signs in through the sign-in page; for someone with a known second factor, and the right password, also
 * through the code page with a code worked out from their secret.
 */
export async function signIn(context: BrowserContext, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secret = totpSecrets.get(email);
  if (secret && password === DEMO_PASSWORD) await enterSecondFactorCode(page, secret);
  return page;
}

/**
 * On the code page, enters the code the person's app would show. The server takes each code once, and an
 * earlier test may have just used this one: then the next step's code (accepted one step early), and failing
 * that, the next step's after waiting for it.
 */
export async function enterSecondFactorCode(page: Page, secret: string): Promise<void> {
  await page.waitForURL(/\/sign-in\/second-factor$/);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt === 2) await new Promise((resolve) => setTimeout(resolve, (totpStep(Date.now()) + 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now() + 100));
    const code = totpCode(secret, Date.now() + (attempt === 0 ? 0 : TOTP_PERIOD_SECONDS * 1000));
    await page.getByLabel('Security code').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    const left = await page
      .waitForURL((url) => !url.pathname.startsWith('/sign-in/'), { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (left) return;
  }
  throw new Error('the second-factor code was refused three times');
}

/** The labels of the main navigation, in order. */
export async function navigationLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allInnerTexts();
}

/**
 * The page title once it settles. After a client-side navigation the URL can change a moment
 * before the new page renders, so wait for the expected title (or time out) and return what is there.
 */
export async function settledTitle(page: Page, expected: string): Promise<string> {
  await page.waitForFunction((t) => document.title === t, expected, { timeout: 5_000 }).catch(() => undefined);
  return page.title();
}

/** One browser for the test file: launched before its tests, closed after. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core (WCAG 2.0-2.2 A and AA rules) on the page and returns the violations, each as
 * "rule: help (selectors)" so a failing test says what to fix.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // Evaluated through the DevTools protocol, not added as a <script>: the page's Content-Security-Policy
  // (rightly) refuses an inline script without its nonce.
  await page.evaluate(fs.readFileSync(axePath, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * The text of an element once it shows `expected`. After a navigation the URL can change a moment
 * before the new page renders, and headings or notices of the old page are still there: wait for the
 * expected text (or time out) and return what is shown, so the assertion still reports a mismatch.
 */
export async function settledText(locator: Locator, expected: string): Promise<string> {
  await locator.filter({ hasText: expected }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
  return locator.first().innerText();
}
