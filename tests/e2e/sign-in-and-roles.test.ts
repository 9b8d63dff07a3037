// Signing in as each role, seeing that role's navigation, being refused another role's page,
// and signing out, in a real browser against the real app with its demo data.
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, navigationLabels, settledTitle, signIn, settledText } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('sign-in and roles', () => {
  it('sends a visitor who is not signed in to the sign-in page, and back afterwards', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/patients`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await settledTitle(page, 'Sign in - PainDesk')).toBe('Sign in - PainDesk');
    await page.getByLabel('Email address').fill('clerk@paindesk.test');
    await page.getByLabel('Password').fill('paindesk-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/patients`);
    expect(await settledTitle(page, 'Find a patient - PainDesk')).toBe('Find a patient - PainDesk');
    await context.close();
  });

  it('gives one generic message for a wrong password or an unknown email', async () => {
    const context = await browser().newContext();
    for (const [email, password] of [
      ['clerk@paindesk.test', 'wrong-password'],
      ['nobody@paindesk.test', 'paindesk-demo'],
    ]) {
      const page = await signIn(context, baseUrl, email, password);
      expect(await page.getByRole('alert').innerText()).toContain('The email address or password is not correct');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.close();
    }
    await context.close();
  });

  const roles = [
    { email: 'clerk@paindesk.test', role: 'Booking clerk', nav: ['Home', 'Patients', 'New referral', 'Consultations', 'Waiting list', 'Procedure lists', 'Medicine plans', 'Messages'], refused: '/admin' },
    { email: 'doctor@paindesk.test', role: 'Doctor', nav: ['Home', 'My clinic', 'Patients', 'Medicine plans', 'Leaflets'], refused: '/admin/audit' },
    { email: 'admin@paindesk.test', role: 'Administrator', nav: ['Home', 'Patients', 'Staff and sites', 'Templates', 'Blood thinner rules', 'Leaflets', 'Unit settings', 'Audit trail'], refused: '/patients/new' },
  ];

  for (const { email, role, nav, refused } of roles) {
    it(`${role}: sees their navigation, is refused ${refused}, and signs out`, async () => {
      const context = await browser().newContext();
      const page = await signIn(context, baseUrl, email);
      await page.waitForURL(`${baseUrl}/`);
      expect(await settledTitle(page, 'Home - PainDesk')).toBe('Home - PainDesk');
      expect(await page.getByTestId('signed-in-role').innerText()).toBe(role);
      expect(await navigationLabels(page)).toEqual(nav);

      const response = await page.goto(`${baseUrl}${refused}`);
      expect(response?.status()).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('You do not have permission to view this page');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in/);
      expect(await settledText(page.getByRole('status'), 'You have signed out')).toContain('You have signed out');
      // The old session is over: the home page asks to sign in again.
      await page.goto(`${baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await context.close();
    });
  }
});
