// An admin adds a member of staff in a real browser; the new person sets a password from the one-time link and
// signs in with the role they were given.
import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, navigationLabels, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('staff accounts', () => {
  it('an admin adds a booking clerk, who sets a password from the link and signs in', async () => {
    const adminContext = await browser().newContext();
    const page = await signIn(adminContext, baseUrl, 'admin@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('link', { name: 'Add a member of staff' }).click();
    await page.waitForURL(`${baseUrl}/admin/staff/new`);
    expect(await settledTitle(page, 'Add a member of staff - PainDesk')).toBe('Add a member of staff - PainDesk');

    // Errors first: a doctor needs a GMC number.
    await page.getByLabel('Full name').fill('Dr Test Person');
    await page.getByRole('radio', { name: 'Doctor' }).check();
    await page.getByRole('button', { name: 'Add member of staff' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Enter their email address');
    expect(await accessibilityViolations(page)).toEqual([]);

    const email = `new.clerk.${Date.now().toString(36)}@nhs.example`;
    await page.getByLabel('Full name').fill('Sam Newclerk');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('radio', { name: 'Booking clerk' }).check();
    await page.getByRole('button', { name: 'Add member of staff' }).click();
    await page.getByRole('heading', { name: 'Sam Newclerk has been added' }).waitFor();
    const link = await page.getByTestId('password-link-url').innerText();
    expect(link).toMatch(/\/reset-password\?token=/);
    expect(await accessibilityViolations(page)).toEqual([]);

    const staffContext = await browser().newContext();
    const own = await staffContext.newPage();
    await own.goto(link);
    expect(await settledTitle(own, 'Set your password - PainDesk')).toBe('Set your password - PainDesk');
    await own.getByLabel('New password', { exact: true }).fill('plum kettle orbit 47 violin');
    await own.getByLabel('New password again').fill('plum kettle orbit 47 violin');
    await own.getByRole('button', { name: 'Set password' }).click();
    await own.waitForURL(/\/sign-in\?passwordSet=1/);
    await own.getByLabel('Email address').fill(email);
    await own.getByLabel('Password').fill('plum kettle orbit 47 violin');
    await own.getByRole('button', { name: 'Sign in' }).click();
    await own.waitForURL(`${baseUrl}/`);
    expect(await own.getByTestId('signed-in-role').innerText()).toBe('Booking clerk');
    expect(await navigationLabels(own)).toContain('New referral');

    // The link worked once.
    const again = await own.goto(link);
    expect(again?.status()).toBe(410);
    expect(await own.getByRole('heading', { level: 1 }).innerText()).toBe('This link does not work');

    // The admin sees them in the staff list.
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('link', { name: 'Sam Newclerk' }).click();
    await page.waitForURL(/\/admin\/staff\/[^/]+$/);
    expect(await page.getByTestId('staff-status').innerText()).toContain('Active');
    expect(await accessibilityViolations(page)).toEqual([]);
    await staffContext.close();
    await adminContext.close();
  });
});
