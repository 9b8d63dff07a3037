// An administrator without a second factor sets one up at sign-in in a real browser, saves the recovery codes,
// and signs in again with a code (docs/decisions/0016).
import { describe, expect, inject, it } from 'vitest';
import { totpCode } from '~/auth/totp';
import { accessibilityViolations, enterSecondFactorCode, rememberTotpSecret, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('second factor', () => {
  it('an admin sets up a second factor at sign-in, then signs in again with a code', async () => {
    const context = await browser().newContext();
    // admin2 has no second factor in the demo data: the password leads to the set-up page, not a session.
    const page = await signIn(context, baseUrl, 'admin2@paindesk.test');
    await page.waitForURL(`${baseUrl}/sign-in/set-up-second-factor`);
    expect(await settledTitle(page, 'Set up a second factor - PainDesk')).toBe('Set up a second factor - PainDesk');
    expect(await page.getByTestId('signed-in-role').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Any other page sends them back here.
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(`${baseUrl}/sign-in/set-up-second-factor`);

    const secret = (await page.getByTestId('second-factor-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByRole('img', { name: /QR code/ }).locator('svg').count()).toBe(1);

    // A wrong code is refused with a message; the right one goes on.
    const right = totpCode(secret, Date.now());
    await page.getByLabel('Security code from the app').fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('The code is not correct');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Security code from the app').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Confirm and continue' }).click();

    await page.waitForURL(`${baseUrl}/account/recovery-codes`);
    const codes = await page.getByTestId('recovery-codes').getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
    await page.waitForURL(`${baseUrl}/`);
    expect(await page.getByTestId('signed-in-role').innerText()).toBe('Administrator');

    // The account page says it is on and cannot be turned off by an administrator.
    await page.goto(`${baseUrl}/account/two-factor`);
    expect(await page.getByText('You have 10 unused recovery codes.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Turn off second factor' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await context.close();

    // Signing in again asks for a code after the password.
    rememberTotpSecret('admin2@paindesk.test', secret);
    const again = await browser().newContext();
    const second = await again.newPage();
    await second.goto(`${baseUrl}/sign-in`);
    await second.getByLabel('Email address').fill('admin2@paindesk.test');
    await second.getByLabel('Password').fill('paindesk-demo');
    await second.getByRole('button', { name: 'Sign in' }).click();
    await second.waitForURL(`${baseUrl}/sign-in/second-factor`);
    expect(await settledTitle(second, 'Enter your security code - PainDesk')).toBe('Enter your security code - PainDesk');
    expect(await accessibilityViolations(second)).toEqual([]);
    await enterSecondFactorCode(second, secret);
    await second.waitForURL(`${baseUrl}/`);
    expect(await second.getByTestId('signed-in-role').innerText()).toBe('Administrator');
    await again.close();
  });
});
