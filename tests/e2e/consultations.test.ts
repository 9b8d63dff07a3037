// A clerk takes a referral from intake to a booked telephone consultation in the browser, sees it on the
// patient's record at the right local time, and cancels it; a duplicate NHS number leads to the existing
// record; the scheduling pages pass the WCAG 2.2 AA checks.
import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import { formatNhsNumber, testNhsNumber } from '~/utils/nhs-number';
import { patientData } from '../factories';
import { accessibilityViolations, settledTitle, signIn, useBrowser, settledText } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

/**
 * A referral's received date must be in the last two years and not in the future, and the app runs on the real
 * clock (its demo data starts today), so the date typed is a week before today in London.
 */
const lastWeek = DateTime.now().setZone('Europe/London').minus({ days: 7 });
const receivedParts = { day: String(lastWeek.day), month: String(lastWeek.month), year: String(lastWeek.year) };

describe('telephone consultations', () => {
  it('a clerk registers a referral for a new patient, books the first consultation, sees it on the patient page, then cancels it', async () => {
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    // The pages hydrate and run without script errors (a server-only import in a route would break them).
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('console', (message) => {
      // The NHS.UK stylesheet asks for its web fonts from assets.nhs.uk, which this offline machine cannot reach.
      const external = message.text().startsWith('Failed to load resource') && message.location().url.startsWith('https://assets.nhs.uk/');
      if (message.type() === 'error' && !external) scriptErrors.push(message.text());
    });
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'New referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a referral' }).waitFor();
    expect(await settledTitle(page, 'Register a referral - PainDesk')).toBe('Register a referral - PainDesk');

    await page.getByLabel('No: register a new patient').check();
    await page.getByLabel('NHS number', { exact: true }).fill(formatNhsNumber(testNhsNumber(88_001)));
    await page.getByLabel('First name').fill('Eilidh');
    await page.getByLabel('Last name').fill('Ó Súilleabháin');
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByLabel('Day').fill('12');
    await dob.getByLabel('Month').fill('7');
    await dob.getByLabel('Year').fill('1958');
    // A telephone consultation needs a phone number to call (DESIGN.md rule 11).
    await page.getByLabel('Mobile phone (optional)').fill('07700 900123');
    await page.getByLabel('GP, via the MSK service').check();
    const received = page.getByRole('group', { name: 'Date the referral was received' });
    await received.getByLabel('Day').fill(receivedParts.day);
    await received.getByLabel('Month').fill(receivedParts.month);
    await received.getByLabel('Year').fill(receivedParts.year);
    await page.getByLabel('Soon', { exact: true }).check();
    await page.getByLabel('Reason for referral').fill('Low back pain for 2 years, worse on standing');
    await page.getByRole('button', { name: 'Register referral' }).click();

    await page.waitForURL(/\/consultations\/book\?referralId=/);
    await page.getByRole('heading', { level: 1, name: 'Book a telephone consultation' }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('Patient and referral registered');
    expect(await page.locator('.nhsuk-caption-l').innerText()).toContain('Eilidh Ó Súilleabháin');
    expect(await accessibilityViolations(page)).toEqual([]);

    const firstSlot = page.getByRole('table').getByRole('row').nth(1);
    const when = await firstSlot.getByRole('cell').first().innerText();
    expect(when).toMatch(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}(:\d{2})?(am|pm)$/);
    await firstSlot.getByRole('button', { name: /^Book/ }).click();

    await page.waitForURL(/\/consultations\/[^/?]+\?booked=1$/);
    await page.getByRole('heading', { level: 1, name: 'Telephone consultation' }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('Consultation booked');
    expect(await page.getByTestId('consultation-when').innerText()).toBe(when);
    expect(await page.getByTestId('consultation-status').innerText()).toBe('Booked');
    const consultationUrl = page.url().replace(/\?.*$/, '');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The patient's record shows the booking at the same local time.
    await page.getByRole('link', { name: 'Eilidh Ó Súilleabháin' }).click();
    await page.waitForURL(/\/patients\/[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: 'Eilidh Ó Súilleabháin' }).waitFor();
    const booked = page.getByRole('row').filter({ hasText: 'Telephone consultation' });
    expect(await booked.count()).toBe(1);
    expect(await booked.innerText()).toContain(when);
    expect(await booked.innerText()).toContain('Booked');

    // Cancel it, at the patient's request.
    await page.goto(consultationUrl);
    await page.getByRole('heading', { level: 1, name: 'Telephone consultation' }).waitFor();
    await page.getByRole('group', { name: 'Who cancelled?' }).getByLabel('The patient').check();
    await page.getByLabel('Reason for cancelling').fill('Pain has improved');
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.waitForURL(/\?cancelled=1$/);
    await page.getByTestId('consultation-status').getByText('Cancelled by patient').waitFor();
    expect(await page.getByTestId('consultation-when').innerText()).toBe(when);
    expect(await page.getByRole('button', { name: 'Cancel appointment' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Eilidh Ó Súilleabháin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eilidh Ó Súilleabháin' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Telephone consultation' }).innerText()).toContain('Cancelled by patient');

    // Back on the waiting list, to be booked again.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Consultations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Telephone consultations' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Ó SÚILLEABHÁIN, Eilidh' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(scriptErrors.map((e) => e.slice(0, 300))).toEqual([]);
    await context.close();
  });

  it('registering a patient whose NHS number is already registered offers the existing record instead (without JavaScript)', async () => {
    const seeded = patientData(1);
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/referrals/new`);
    await page.getByLabel('No: register a new patient').check();
    await page.getByLabel('NHS number', { exact: true }).fill(seeded.nhsNumber);
    await page.getByLabel('First name').fill('Someone');
    await page.getByLabel('Last name').fill('Else');
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByLabel('Day').fill('1');
    await dob.getByLabel('Month').fill('1');
    await dob.getByLabel('Year').fill('1970');
    await page.getByLabel('Consultant', { exact: true }).check();
    const received = page.getByRole('group', { name: 'Date the referral was received' });
    await received.getByLabel('Day').fill(receivedParts.day);
    await received.getByLabel('Month').fill(receivedParts.month);
    await received.getByLabel('Year').fill(receivedParts.year);
    await page.getByLabel('Routine', { exact: true }).check();
    await page.getByLabel('Reason for referral').fill('Neck pain');
    await page.getByRole('button', { name: 'Register referral' }).click();

    const name = `${seeded.firstName} ${seeded.lastName}`;
    expect(await page.getByRole('alert').innerText()).toContain(`A patient with this NHS number is already registered: ${name}`);
    expect(await page.getByText('This patient is already registered').count()).toBe(1);
    await page.getByRole('button', { name: `Register the referral for ${name}` }).click();
    await page.waitForURL(/\/consultations\/book\?referralId=.*&registered=referral$/);
    expect(await settledText(page.locator('.nhsuk-caption-l'), name)).toContain(name);
    expect(await page.getByRole('status').first().innerText()).toContain('Referral registered');
    await context.close();
  });

  it('the clinics page and the admin clinic templates page pass the accessibility checks', async () => {
    const context = await browser().newContext();
    const clerk = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await clerk.waitForURL(`${baseUrl}/`);
    await clerk.goto(`${baseUrl}/consultations`);
    await clerk.getByRole('link', { name: 'Clinics by day' }).click();
    await clerk.getByRole('heading', { level: 1, name: /^Clinics on / }).waitFor();
    expect(await accessibilityViolations(clerk)).toEqual([]);
    await context.close();

    const adminContext = await browser().newContext();
    const admin = await signIn(adminContext, baseUrl, 'admin@paindesk.test');
    await admin.waitForURL(`${baseUrl}/`);
    await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Templates' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Clinic templates' }).waitFor();
    expect(await settledTitle(admin, 'Clinic templates - PainDesk')).toBe('Clinic templates - PainDesk');
    expect(await admin.getByRole('link', { name: 'Procedure list templates' }).getAttribute('href')).toBe('/admin/list-templates');
    expect(await admin.getByRole('table').getByRole('row').count()).toBeGreaterThan(6);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Add template' }).click();
    await admin.getByRole('alert').waitFor();
    expect(await admin.getByRole('alert').innerText()).toContain('Select the doctor');
    expect(await accessibilityViolations(admin)).toEqual([]);
    await adminContext.close();
  });
});
