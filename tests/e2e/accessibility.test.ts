// WCAG 2.2 AA checks (axe-core) on the pages each role uses, including a form showing errors.
import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  it('sign-in page, including its error state', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('clerk pages: home, patient search results, a patient record, the patient form with errors', async () => {
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await settledTitle(page, 'Home - PainDesk');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/patients?q=smith`);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('table').getByRole('link').first().click();
    await page.waitForURL(/\/patients\/[^/?]+$/);
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/patients/new`);
    await page.getByLabel('NHS number').fill('123');
    await page.getByRole('button', { name: 'Add patient' }).click();
    await page.getByRole('alert').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('admin pages: staff and sites, audit trail', async () => {
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'admin@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    for (const path of ['/admin', '/admin/audit', '/admin/settings']) {
      await page.goto(`${baseUrl}${path}`);
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
