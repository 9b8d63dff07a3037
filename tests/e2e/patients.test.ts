// A clerk finds a seeded patient by NHS number; bad NHS numbers get a clear answer; the patient
// form works with JavaScript switched off.
import { describe, expect, inject, it } from 'vitest';
import { formatNhsNumber, testNhsNumber } from '~/utils/nhs-number';
import { patientData } from '../factories';
import { useBrowser, settledTitle, signIn, settledText } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('patients', () => {
  it('a clerk finds a seeded patient by NHS number and opens their record', async () => {
    const seeded = patientData(0);
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Patients' }).first().click();
    await page.getByLabel('NHS number or name').fill(formatNhsNumber(seeded.nhsNumber));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('table').waitFor();
    const row = page.getByRole('row').filter({ hasText: formatNhsNumber(seeded.nhsNumber) });
    expect(await row.count()).toBe(1);
    await row.getByRole('link').click();
    await page.waitForURL(/\/patients\/[^/]+$/);
    expect(await settledText(page.getByRole('heading', { level: 1 }), `${seeded.firstName} ${seeded.lastName}`)).toBe(`${seeded.firstName} ${seeded.lastName}`);
    expect(await settledTitle(page, `${seeded.firstName} ${seeded.lastName} - PainDesk`)).toBe(`${seeded.firstName} ${seeded.lastName} - PainDesk`);
    expect(await page.locator('.nhsuk-caption-l').innerText()).toContain(formatNhsNumber(seeded.nhsNumber));
    await context.close();
  });

  it('explains an NHS number that fails the check digit', async () => {
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'doctor@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/patients?q=${encodeURIComponent('943 476 5918')}`);
    expect(await page.getByRole('alert').innerText()).toContain('This is not a valid NHS number. Check it and try again');
    expect(await page.getByRole('table').count()).toBe(0);
    await context.close();
  });

  it('adding a patient works without JavaScript: errors are shown, then the record is saved', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/patients/new`);
    expect(await settledTitle(page, 'Add a patient - PainDesk')).toBe('Add a patient - PainDesk');
    await page.getByLabel('NHS number').fill('943 476 5918');
    await page.getByLabel('First name').fill('Thi Hoa');
    await page.getByLabel('Last name').fill('Nguyễn');
    await page.getByLabel('Day').fill('4');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('1961');
    await page.getByRole('button', { name: 'Add patient' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.innerText()).toContain('This is not a valid NHS number. Check it and try again');
    // What was typed is kept, so only the wrong field needs fixing.
    expect(await page.getByLabel('Last name').inputValue()).toBe('Nguyễn');

    const nhsNumber = testNhsNumber(77_777);
    await page.getByLabel('NHS number').fill(nhsNumber);
    await page.getByRole('button', { name: 'Add patient' }).click();
    await page.waitForURL(/\/patients\/[^/]+\?added=1$/);
    expect(await settledText(page.getByRole('heading', { level: 1 }), 'Thi Hoa Nguyễn')).toBe('Thi Hoa Nguyễn');
    expect(await page.getByRole('status').innerText()).toContain('Patient added');
    await context.close();
  });
});
