// Rule 10 in the browser: an administrator withdraws the approval of a leaflet part; a clerk then books a
// procedure, and the case page says the leaflets are not approved (which part, why), that the leaflet message is
// held and where staff see what blocks; a doctor approves the part again (without JavaScript) and the
// case page no longer blocks. The approval is restored at the end whatever happens, for the other test files.
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, settledText, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

/** Every leaflet uses this part ("Contact us"), so withdrawing it blocks any booking's leaflets. */
const PART_KEY = 'shared/contacts';

function partRow(page: Page) {
  return page.getByRole('row').filter({ hasText: PART_KEY });
}

async function doctorApprovesContacts(b: Browser) {
  const context = await b.newContext({ javaScriptEnabled: false });
  try {
    const page = await signIn(context, baseUrl, 'doctor@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Leaflets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leaflets' }).waitFor();
    // The doctor opens the part and reads its exact text; the Approve button there is for that text's hash.
    const read = partRow(page).getByRole('link', { name: /^Read and approve/ });
    if ((await read.count()) === 0) return null;
    await read.click();
    await page.getByRole('heading', { level: 1, name: 'Contact us' }).waitFor();
    expect(await page.locator('pre.paindesk-leaflet-source').innerText()).toContain('reference: "CPU/GEN/011"');
    await page.getByRole('button', { name: /^Approve this text/ }).click();
    await page.waitForURL(/\/admin\/leaflets\?approved=/);
    return await page.getByRole('status').innerText();
  } finally {
    await context.close();
  }
}

describe('leaflets not approved for patients', () => {
  it('a withdrawn part stops a new booking\'s leaflets, the clerk sees why, and a doctor\'s approval lifts it', async () => {
    try {
      // The administrator sees demo approvals marked as such, and withdraws one.
      const adminContext = await browser().newContext();
      const admin = await signIn(adminContext, baseUrl, 'admin@paindesk.test');
      await admin.waitForURL(`${baseUrl}/`);
      await admin.goto(`${baseUrl}/admin/leaflets`);
      await admin.getByRole('heading', { level: 1, name: 'Leaflets' }).waitFor();
      expect(await admin.getByTestId('demo-approvals').innerText()).toContain('approved by the demo data, not by a clinician');
      expect(await partRow(admin).innerText()).toContain('Demo approval');
      // An administrator cannot approve: a named clinician must.
      expect(await admin.getByRole('button', { name: /^Approve this text/ }).count()).toBe(0);
      await partRow(admin).getByRole('button', { name: /^Withdraw approval/ }).click();
      await admin.waitForURL(/\/admin\/leaflets\?revoked=/);
      expect(await settledText(admin.getByRole('status'), 'approval withdrawn')).toContain('approval withdrawn');
      expect(await partRow(admin).innerText()).toContain('Approval withdrawn');
      expect(await accessibilityViolations(admin)).toEqual([]);
      await adminContext.close();

      // The clerk books a procedure: the booking stands, and the case page says why no leaflets went.
      const clerkContext = await browser().newContext();
      const clerk = await signIn(clerkContext, baseUrl, 'clerk@paindesk.test');
      await clerk.waitForURL(`${baseUrl}/`);
      await clerk.goto(`${baseUrl}/procedures`);
      await clerk.getByRole('heading', { level: 1, name: 'Procedure waiting list' }).waitFor();
      await clerk.getByRole('table').getByRole('row').nth(1).getByRole('link', { name: /^Book/ }).click();
      await clerk.getByRole('heading', { level: 1, name: 'Book a procedure' }).waitFor();
      // A list too soon for a medicine stop an earlier test confirmed would need a clinician's reason: take one that is not.
      await clerk.getByRole('group', { name: 'Choose a list' }).locator('.nhsuk-radios__item').filter({ hasNotText: 'Too soon' }).first().locator('.nhsuk-radios__input').check();
      await clerk.getByRole('button', { name: 'Book procedure' }).click();
      await clerk.waitForURL(/\/procedure-bookings\/[^/?]+\?booked=1$/);
      expect(await settledText(clerk.getByRole('status'), 'Procedure booked.')).toContain('Procedure booked.');
      const casePath = new URL(clerk.url()).pathname;

      const blocked = clerk.getByTestId('leaflets-blocked');
      const text = await blocked.innerText();
      expect(text).toContain('The leaflets are not approved for patients');
      expect(text).toContain('Contact us: its approval was withdrawn');
      expect(text).toContain('Nothing has been sent to the patient');
      expect(text).toContain('ask a doctor to approve them');
      const messages = clerk.getByRole('region', { name: 'Messages to the patient' });
      expect(await messages.innerText()).toContain('Held');
      // No leaflet can be opened while the part is withdrawn.
      expect(await clerk.getByRole('link', { name: /^Download Before your procedure/ }).count()).toBe(0);
      const refused = await clerk.request.get(`${baseUrl}${casePath}/leaflets/before.pdf`);
      expect(refused.status()).toBe(409);
      expect(await refused.text()).toContain('Contact us (shared/contacts): its approval was withdrawn');
      expect(await accessibilityViolations(clerk)).toEqual([]);

      // A doctor approves the part again, with JavaScript off; the case's leaflets can be made.
      expect(await doctorApprovesContacts(browser())).toContain('approved for patients');
      await clerk.goto(`${baseUrl}${casePath}`);
      await clerk.getByRole('heading', { level: 2, name: 'Leaflets' }).waitFor();
      expect(await clerk.getByTestId('leaflets-blocked').count()).toBe(0);
      expect(await clerk.getByTestId('leaflet-variant').innerText()).toMatch(/^(Standard|Large) print/);
      await clerkContext.close();
    } finally {
      await doctorApprovesContacts(browser());
    }
  });
});
