// A clerk opens a booked procedure case from the demo data and downloads the patient's "Before your procedure"
// leaflet, which carries the patient's NHS number; the administrator's leaflet parts page passes the WCAG 2.2 AA
// checks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

const NHS = /\d{3} \d{3} \d{4}/;

/**
 * The path of an active procedure case in the demo data: the first case on the first list, week by week, whose
 * page is not cancelled. Other test files cancel and book cases, so nothing here depends on which one.
 */
async function findBookedCase(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/lists`);
  for (let week = 0; week < 6; week++) {
    await page.getByRole('heading', { level: 1, name: 'Procedure lists' }).waitFor();
    const listLinks = await page.getByRole('table').getByRole('link', { name: /^View/ }).evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    const weekUrl = page.url();
    for (const listHref of listLinks) {
      await page.goto(`${baseUrl}${listHref}`);
      const caseLinks = await page
        .getByRole('table')
        .first()
        .locator('a[href^="/procedure-bookings/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))
        .catch(() => [] as string[]);
      for (const caseHref of caseLinks) {
        await page.goto(`${baseUrl}${caseHref}`);
        const heading = await page.getByRole('heading', { level: 1 }).innerText();
        if (!/Cancelled|Did not/.test(heading)) return caseHref;
      }
    }
    await page.goto(weekUrl);
    await page.locator('.nhsuk-pagination__link--next').click();
    await page.waitForURL(/\/lists\?week=/);
  }
  throw new Error('no booked procedure case in the demo data');
}

describe('leaflets', () => {
  it('a clerk downloads the "Before your procedure" leaflet of a booked case, and it shows the patient\'s NHS number', async () => {
    const context = await browser().newContext({ acceptDownloads: true });
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);

    const casePath = await findBookedCase(page);
    expect(await settledTitle(page, 'Procedure booking - PainDesk')).toBe('Procedure booking - PainDesk');
    const nhsNumber = NHS.exec(await page.locator('.nhsuk-caption-l').innerText())![0];
    const leaflets = page.getByRole('region', { name: 'Leaflets' });
    await leaflets.waitFor();
    expect(await leaflets.getByTestId('leaflet-variant').innerText()).toMatch(/^(Standard|Large) print/);
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      leaflets.getByRole('link', { name: /^Download Before your procedure/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^before-your-procedure(-large-print)?\.pdf$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-e2e-leaflet-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain(nhsNumber);
      expect(text).toContain('Before your procedure');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // The preview link serves the same document inline.
    const previewHref = await leaflets.getByRole('link', { name: /^Preview Before your procedure/ }).getAttribute('href');
    expect(previewHref).toBe(`${casePath}/leaflets/before.pdf`);
    const preview = await page.request.get(`${baseUrl}${previewHref}`);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toBe('application/pdf');
    expect(preview.headers()['content-disposition']).toMatch(/^inline; filename="before-your-procedure(-large-print)?\.pdf"$/);

    // The patient's record lists the generated document, with its stored bytes to download.
    await page.getByRole('link', { name: 'Patient record' }).click();
    await page.getByRole('heading', { level: 2, name: 'Documents' }).waitFor();
    const documents = page.getByRole('table').filter({ hasText: 'SHA-256' });
    expect(await documents.innerText()).toContain('Before your procedure');
    expect(await accessibilityViolations(page)).toEqual([]);
    const storedHref = await documents.getByRole('link', { name: /^Download Before your procedure/ }).first().getAttribute('href');
    expect(storedHref).toMatch(/^\/documents\/[^/]+\.pdf$/);
    const stored = await page.request.get(`${baseUrl}${storedHref}`);
    expect(stored.status()).toBe(200);
    expect(stored.headers()['content-type']).toBe('application/pdf');
    await context.close();
  });

  it('an administrator sees every leaflet part with its review date, and the page has no accessibility violations', async () => {
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'admin@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Leaflets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leaflets' }).waitFor();
    expect(await settledTitle(page, 'Leaflets - PainDesk')).toBe('Leaflets - PainDesk');
    const table = page.getByRole('table');
    expect(await table.innerText()).toContain('shared/driving-and-medicines');
    expect(await table.getByRole('row').count()).toBeGreaterThan(20);
    expect(await page.getByTestId('leaflet-review-summary').innerText()).toMatch(/^\d+ of \d+ parts (is|are) past review\./);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
