// An administrator reviews who has looked at a patient's record, in a real browser with the demo data: the
// patient page's access history, the full trail for the patient, a filter by action, the CSV download.
import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('audit trail', () => {
  it('from a patient’s access history to the filtered trail and its CSV', async () => {
    // A clerk looks at a patient first, so there is someone else's view to find.
    const clerkContext = await browser().newContext();
    const clerk = await signIn(clerkContext, baseUrl, 'clerk@paindesk.test');
    await clerk.waitForURL(`${baseUrl}/`);
    await clerk.goto(`${baseUrl}/patients?q=an`);
    const firstPatient = clerk.locator('a[href^="/patients/c"]').first();
    const href = (await firstPatient.getAttribute('href'))!;
    await clerk.goto(`${baseUrl}${href}`);
    expect(await clerk.getByRole('heading', { name: 'Who has looked at this record' }).count()).toBe(0);
    await clerkContext.close();

    const context = await browser().newContext({ acceptDownloads: true });
    const page = await signIn(context, baseUrl, 'admin@paindesk.test');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}${href}`);
    const section = page.locator('section[aria-labelledby="access-history"]');
    expect(await section.getByRole('heading', { name: 'Who has looked at this record' }).isVisible()).toBe(true);
    const rows = await section.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('(Administrator)');
    expect(rows.some((r) => r.includes('(Booking clerk)') && r.includes('Viewed the patient record'))).toBe(true);

    await section.getByRole('link', { name: 'Full audit trail for this patient' }).click();
    await page.waitForURL(/\/admin\/audit\?patientId=/);
    expect(await settledTitle(page, 'Audit trail - PainDesk')).toBe('Audit trail - PainDesk');
    await page.getByLabel('Action').selectOption({ label: 'Viewed the patient record' });
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.waitForURL(/action=patient.view/);
    const whats = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(whats.length).toBeGreaterThan(0);
    expect(new Set(whats)).toEqual(new Set(['Viewed the patient record']));
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download these events as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('audit-trail.csv');

    await page.goto(`${baseUrl}/admin/audit?from=2027-03-31&to=2027-03-01`);
    expect(await page.getByRole('alert').innerText()).toContain('is after the “to” date');
    await context.close();
  });
});
