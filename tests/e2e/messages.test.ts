// A clerk sends the leaflets to every patient on a day list from the demo data and watches the progress page,
// then opens the letters print queue, the messages overview, a patient's messages and the in-app mailbox;
// every one of these pages passes the WCAG 2.2 AA checks.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

/** The progress page reloads itself every few seconds: a check cut short by a reload is run again. */
async function violationsOfRefreshingPage(page: Page): Promise<string[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.waitForLoadState('load');
      return await accessibilityViolations(page);
    } catch (error) {
      if (attempt >= 4 || !/context was destroyed|navigat/i.test(String(error))) throw error;
    }
  }
}

/** The first day list (this week or the next) that has cases to send leaflets to. */
async function openListWithCases(page: Page): Promise<void> {
  for (const week of ['', 'next']) {
    if (week === 'next') {
      await page.goto(`${baseUrl}/lists`);
      await page.getByRole('link', { name: /Next/ }).first().click();
      await page.waitForURL(/week=/);
    } else {
      await page.goto(`${baseUrl}/lists`);
    }
    const hrefs = await page
      .getByRole('table')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    for (const href of hrefs) {
      await page.goto(`${baseUrl}${href}`);
      if ((await page.getByRole('button', { name: 'Send leaflets to every patient on this list' }).count()) > 0) return;
    }
  }
  throw new Error('no day list with cases in this week or the next');
}

describe('messages', () => {
  it('a clerk sends a day list’s leaflets, sees the progress, and the message pages are accessible', async () => {
    const context = await browser().newContext({ acceptDownloads: true });
    const page = await signIn(context, baseUrl, 'clerk@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);

    await openListWithCases(page);
    const listPath = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Send leaflets to every patient on this list' }).click();
    await page.waitForURL(new RegExp(`${listPath}/send\\??$`));
    await page.getByRole('heading', { level: 1, name: 'Send leaflets to every patient on this list' }).waitFor();
    expect(await settledTitle(page, 'Send leaflets to this list - PainDesk')).toBe('Send leaflets to this list - PainDesk');
    const summary = await page.locator('main p').first().innerText();
    const [, patients, emails, letters] = /^(\d+) patients? will be sent their leaflets for this list: (\d+) by email and (\d+) by\s+printed letter\.$/.exec(summary)!;
    expect(Number(patients)).toBeGreaterThan(0);
    expect(Number(emails) + Number(letters)).toBe(Number(patients));
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Send leaflets' }).click();
    await page.waitForURL(/\/send\?batch=[A-Za-z0-9-]+$/);
    await page.getByRole('heading', { level: 1, name: 'Sending leaflets' }).waitFor();
    expect(await settledTitle(page, 'Sending leaflets - PainDesk')).toBe('Sending leaflets - PainDesk');
    const row = (key: string) =>
      page.locator('.nhsuk-summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) }).locator('dd');
    expect(Number(await row('Messages in this batch').innerText())).toBe(Number(patients));
    expect(Number(await row('Letters to print').innerText())).toBe(Number(letters));
    // Until the worker has dealt with every email the page says so; the clerk checks again with a link, or asks
    // for the page to reload itself (a meta refresh: no JavaScript needed), which they can stop.
    const status = await page.getByRole('status').innerText();
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    if (status === 'Still sending.') {
      await page.getByRole('link', { name: /Update this page automatically/ }).click();
      await page.waitForURL(/&auto=1$/);
      await page.getByRole('heading', { level: 1, name: 'Sending leaflets' }).waitFor();
      if ((await page.getByRole('status').innerText()).startsWith('Still sending')) {
        expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('5');
        // axe cannot know the reloading was the clerk's choice (WCAG 2.2.1 allows it then); nothing else is flagged.
        expect(await violationsOfRefreshingPage(page)).toEqual([
          'meta-refresh: Delayed refresh under 20 hours must not be used (meta[http-equiv="refresh"])',
        ]);
      }
    } else {
      expect(status).toBe('Every message has been dealt with.');
    }

    // The print queue, the overview and the mailbox.
    await page.goto(`${baseUrl}/letters`);
    expect(await settledTitle(page, 'Letters to print - PainDesk')).toBe('Letters to print - PainDesk');
    expect(await accessibilityViolations(page)).toEqual([]);
    if (Number(letters) > 0) {
      await page.getByRole('table').getByRole('link', { name: /\w/ }).first().click();
      await page.waitForURL(/\/patients\/[^/]+\/messages$/);
      await page.getByRole('heading', { level: 1, name: /^Messages for / }).waitFor();
      expect(await page.getByRole('heading', { level: 2, name: / by letter/ }).count()).toBeGreaterThan(0);
      expect(await accessibilityViolations(page)).toEqual([]);
    }

    // Without JavaScript: download a queued letter for printing, then mark it as posted (a plain form POST).
    if (Number(letters) > 0) {
      const noScript = await browser().newContext({ javaScriptEnabled: false, acceptDownloads: true });
      const plain = await signIn(noScript, baseUrl, 'clerk@paindesk.test');
      await plain.waitForURL(`${baseUrl}/`);
      await plain.goto(`${baseUrl}/letters`);
      const firstRow = plain.getByRole('table').getByRole('row').nth(1);
      const messageId = await firstRow.locator('input[name="messageId"]').getAttribute('value');
      const [letter] = await Promise.all([plain.waitForEvent('download'), firstRow.getByRole('link', { name: /^Download letter \(PDF\)/ }).click()]);
      expect(letter.suggestedFilename()).toBe(`letter-${messageId}.pdf`);
      const bytes = fs.readFileSync((await letter.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      await plain.goto(`${baseUrl}/letters`);
      await plain.locator(`form:has(input[name="messageId"][value="${messageId}"])`).getByRole('button', { name: /^Mark as posted/ }).click();
      await plain.waitForURL(`${baseUrl}/letters?posted=1`);
      expect(await plain.getByRole('status').innerText()).toContain('Letter marked as posted.');
      expect(await plain.locator(`input[name="messageId"][value="${messageId}"]`).count()).toBe(0);
      await noScript.close();
    }

    await page.goto(`${baseUrl}/messages`);
    expect(await settledTitle(page, 'Messages - PainDesk')).toBe('Messages - PainDesk');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/mailbox`);
    expect(await settledTitle(page, 'Mailbox - PainDesk')).toBe('Mailbox - PainDesk');
    expect(await accessibilityViolations(page)).toEqual([]);
    const emailLinks = page.getByRole('table').getByRole('link');
    if ((await emailLinks.count()) > 0) {
      await emailLinks.first().click();
      await page.waitForURL(/\/mailbox\/[^/]+$/);
      await page.getByRole('heading', { level: 2, name: 'Text' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      const attachmentLinks = page.locator('a[href*="/attachments/"]');
      if ((await attachmentLinks.count()) > 0) {
        const [attachment] = await Promise.all([page.waitForEvent('download'), attachmentLinks.first().click()]);
        expect(attachment.suggestedFilename()).toMatch(/\.(pdf|ics)$/);
      }
    }
    await context.close();
  });
});
