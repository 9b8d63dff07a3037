// A clerk takes a waiting procedure request from the demo data to a booked case on a Maidstone list with its
// arrival time, cancels it with a reason, books a backfill suggestion into the freed gap, then opens the day
// list and downloads the printable PDF; booking also works with JavaScript switched off; the procedure pages
// pass the WCAG 2.2 AA checks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, settledTitle, signIn, useBrowser, settledText } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

const TIME = String.raw`\d{1,2}(?::\d{2})?(?:am|pm)`;
const NHS = /\d{3} \d{3} \d{4}/;

/** A row of the case page's summary list, by its exact key. */
const summaryRow = (page: Page, key: string) =>
  page.locator('.nhsuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) });

describe('procedures', () => {
  it('a clerk books a waiting request onto a Maidstone list, cancels it, backfills the gap and prints the day list', async () => {
    const context = await browser().newContext({ acceptDownloads: true });
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);

    // The waiting list, most urgent first.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Waiting list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Procedure waiting list' }).waitFor();
    expect(await settledTitle(page, 'Procedure waiting list - PainDesk')).toBe('Procedure waiting list - PainDesk');
    expect(await accessibilityViolations(page)).toEqual([]);
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBeGreaterThan(5);
    const firstRow = rows.nth(1);
    const patientNhs = NHS.exec(await firstRow.innerText())![0];
    await firstRow.getByRole('link', { name: /^Book/ }).click();

    // The lists that fit: at Maidstone, with a planned arrival and start.
    await page.getByRole('heading', { level: 1, name: 'Book a procedure' }).waitFor();
    expect(await page.locator('.nhsuk-caption-l').innerText()).toContain(patientNhs);
    expect(await accessibilityViolations(page)).toEqual([]);
    // A list too soon for a medicine stop confirmed by an earlier test needs a clinician's reason: take one that is not.
    const choices = page.getByRole('group', { name: 'Choose a list' }).locator('.nhsuk-radios__item').filter({ hasNotText: 'Too soon' });
    expect(await choices.count()).toBeGreaterThan(0);
    const choice = choices.first();
    expect(await choice.locator('label').innerText()).toContain('Maidstone Hospital');
    const hint = await choice.locator('.nhsuk-hint').innerText();
    const [, arrival, start] = new RegExp(`Arrive (${TIME}) for a (${TIME}) start`).exec(hint)!;
    await choice.locator('input').check();
    await page.getByRole('button', { name: 'Book procedure' }).click();

    // The booked case shows its arrival time.
    await page.waitForURL(/\/procedure-bookings\/[^/?]+\?booked=1$/);
    expect(await settledText(page.getByRole('status'), 'Procedure booked.')).toContain('Procedure booked.');
    expect(await summaryRow(page, 'Arrival time').innerText()).toMatch(new RegExp(`\\w+day \\d{1,2} \\w+ \\d{4}, ${arrival}$`));
    expect(await summaryRow(page, 'Planned start').innerText()).toContain(`, ${start} (`);
    expect(await summaryRow(page, 'List').innerText()).toContain('Maidstone Hospital');
    expect(await accessibilityViolations(page)).toEqual([]);
    const casePath = new URL(page.url()).pathname;

    // Cancel it: a reason is required.
    await page.getByRole('button', { name: 'Cancel case' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Choose who cancelled: the patient or the hospital');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('group', { name: 'Who cancelled?' }).getByLabel('The patient').check();
    await page.getByLabel('Reason').fill('Patient has a chest infection');
    await page.getByRole('button', { name: 'Cancel case' }).click();
    await page.waitForURL(`${baseUrl}${casePath}?cancelled=1`);
    // The URL can change a moment before the page re-renders: wait for the new heading itself.
    await page.getByRole('heading', { level: 1, name: /Cancelled by patient/ }).waitFor();

    // Backfill suggestions for the freed time; book the best one into the gap.
    const backfill = page.getByRole('region', { name: 'Fill the freed time' });
    await backfill.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const suggestion = backfill.getByRole('row').nth(1);
    const backfillNhs = NHS.exec(await suggestion.innerText())![0];
    expect(backfillNhs).not.toBe(patientNhs);
    await suggestion.getByRole('button', { name: /^Book into this gap/ }).click();
    await page.waitForURL(/\/procedure-bookings\/[^/?]+\?booked=1$/);
    expect(new URL(page.url()).pathname).not.toBe(casePath);
    await page.locator('.nhsuk-caption-l', { hasText: backfillNhs }).waitFor();
    expect(await summaryRow(page, 'Arrival time').innerText()).toMatch(new RegExp(`, ${TIME}$`));

    // The day list, and its printable PDF.
    await summaryRow(page, 'List').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Procedure list: Maidstone Hospital/ }).waitFor();
    expect(await page.getByRole('table').innerText()).toContain(backfillNhs);
    expect(await page.getByRole('table').innerText()).not.toContain(patientNhs);
    expect(await accessibilityViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download printable list (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^procedure-list-\d{4}-\d{2}-\d{2}-(morning|afternoon)\.pdf$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-e2e-pdf-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain(backfillNhs);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const pdfHref = await page.getByRole('link', { name: 'Download printable list (PDF)' }).getAttribute('href');
    const response = await page.request.get(`${baseUrl}${pdfHref}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');

    // The week of lists.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Procedure lists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Procedure lists' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('booking works with JavaScript switched off', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/procedures`);
    const row = page.getByRole('table').getByRole('row').nth(2);
    await row.getByRole('link', { name: /^Book/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Book a procedure' }).waitFor();

    // Submitting without a choice gives the server's message.
    await page.getByRole('button', { name: 'Book procedure' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Choose a list');

    await page.getByRole('group', { name: 'Choose a list' }).locator('.nhsuk-radios__item').filter({ hasNotText: 'Too soon' }).first().locator('.nhsuk-radios__input').check();
    await page.getByRole('button', { name: 'Book procedure' }).click();
    await page.waitForURL(/\/procedure-bookings\/[^/?]+\?booked=1$/);
    expect(await settledText(page.getByRole('status'), 'Procedure booked.')).toContain('Procedure booked.');
    expect(await summaryRow(page, 'Arrival time').innerText()).toMatch(new RegExp(`, ${TIME}$`));
    await context.close();
  });

  it('an administrator sees the procedure list templates and is refused a site without a suite', async () => {
    const context = await browser().newContext();
    const page = await signIn(context, baseUrl, 'admin@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/admin/list-templates`);
    await page.getByRole('heading', { level: 1, name: 'Procedure list templates' }).waitFor();
    expect(await page.getByRole('table').innerText()).toContain('Maidstone Hospital');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Site').selectOption({ label: 'Sevenoaks Community Hospital (no interventional suite)' });
    await page.getByLabel('Day of the week').selectOption({ label: 'Thursday' });
    await page.getByRole('group', { name: 'Session' }).getByLabel('Morning').check();
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('End time').fill('12:00');
    await page.getByLabel('Operator').selectOption({ index: 1 });
    await page.getByRole('group', { name: 'Imaging' }).getByLabel('X-ray').check();
    await page.getByLabel('Capacity in minutes').fill('150');
    await page.getByRole('button', { name: 'Add template' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Sevenoaks Community Hospital has no interventional suite');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
