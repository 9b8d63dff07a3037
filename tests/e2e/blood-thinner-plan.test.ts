// A doctor records a patient's apixaban, confirms the proposed blood-thinner plan for their procedure request,
// and the clerk sees it read-only; an admin changes a rule. The pages pass the WCAG 2.2 AA checks.
import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('blood-thinner plan', () => {
  it('a doctor records apixaban, confirms the proposed plan with a restart time; the clerk sees it read-only', async () => {
    // A waiting-list entry from the demo data, found the way a clerk finds it.
    const clerkContext = await browser().newContext();
    const clerk = await signIn(clerkContext, baseUrl, 'clerk@paindesk.test');
    await clerk.waitForURL(`${baseUrl}/`);
    await clerk.goto(`${baseUrl}/procedures`);
    // A waiting patient not yet flagged for a blood thinner (other tests may have given one a plan already).
    const row = clerk.getByRole('table').getByRole('row').filter({ hasNotText: 'Blood thinner' }).filter({ has: clerk.locator('a[href$="/book"]') });
    const bookHref = await row.first().locator('a[href^="/procedures/"][href$="/book"]').getAttribute('href');
    const requestId = bookHref!.split('/')[2];
    const planUrl = `${baseUrl}/procedure-requests/${requestId}/plan`;

    const doctorContext = await browser().newContext();
    const doctor = await signIn(doctorContext, baseUrl, 'doctor@paindesk.test');
    await doctor.waitForURL(`${baseUrl}/`);
    const scriptErrors: string[] = [];
    doctor.on('pageerror', (error) => scriptErrors.push(error.message));

    await doctor.goto(planUrl);
    expect(await settledTitle(doctor, 'Blood-thinner plan - PainDesk')).toBe('Blood-thinner plan - PainDesk');
    const takesApixaban = (await doctor.getByRole('heading', { name: /^Apixaban/ }).count()) > 0;
    if (!takesApixaban) {
      await doctor.getByRole('link', { name: 'Back to the patient' }).click();
      await doctor.getByRole('link', { name: 'Record medicines and clinical details' }).click();
      await settledTitle(doctor, 'Medicines and clinical details - PainDesk');
      expect(await accessibilityViolations(doctor)).toEqual([]);
      await doctor.getByLabel('Medicine (generic name)').fill('Apixaban');
      await doctor.getByLabel('Dose (optional)').fill('5 mg twice a day');
      await doctor.getByRole('button', { name: 'Add medicine' }).click();
      await doctor.getByText('Medicine recorded.').waitFor();
      expect(await doctor.locator('main').innerText()).toContain('Apixaban, 5 mg twice a day');
      await doctor.goto(planUrl);
    }

    // Proposed, not yet a plan.
    const apixabanHeading = doctor.getByRole('heading', { name: /^Apixaban/ });
    expect(await apixabanHeading.innerText()).toContain('Plan needed');
    expect(await accessibilityViolations(doctor)).toEqual([]);

    // Choose what applies (the first option for any other blood thinner the demo patient takes), see the proposal.
    // Apixaban has no variants (ASRA/ESRA 2018: 3 to 5 days, the longer end proposed).
    const groups = doctor.locator('form[method="get"] fieldset');
    const choices = await groups.count();
    for (let i = 0; i < choices; i += 1) await groups.nth(i).locator('input[type="radio"]').first().check();
    if (choices > 0) {
      await doctor.getByRole('button', { name: 'Show the proposed plan' }).click();
      await doctor.waitForURL(/v-/);
    }
    const apixabanFields = doctor.locator('form[method="post"] fieldset', { has: doctor.locator('legend', { hasText: 'Apixaban' }) });
    expect(await apixabanFields.getByLabel('Stop this many hours before the procedure').inputValue()).toBe('120');
    await apixabanFields.getByLabel('Restart this many hours after the procedure').fill('24');
    await doctor.getByRole('button', { name: 'Confirm plan' }).click();
    await doctor.getByText('Blood-thinner plan confirmed.').waitFor();
    expect(await doctor.getByRole('heading', { name: /^Apixaban/ }).innerText()).toContain('Plan confirmed');
    expect(await doctor.locator('main').innerText()).toContain("Confirmed by Dr Siobhán O'Brien");
    expect(await accessibilityViolations(doctor)).toEqual([]);
    expect(scriptErrors).toEqual([]);

    // The clerk sees the confirmed plan, with no way to change it.
    await clerk.goto(planUrl);
    expect(await clerk.getByRole('heading', { name: /^Apixaban/ }).innerText()).toContain('Plan confirmed');
    expect(await clerk.getByRole('button', { name: 'Confirm plan' }).count()).toBe(0);
    expect(await clerk.locator('main').innerText()).toContain('5 days');
    await clerkContext.close();
    await doctorContext.close();
  });

  it('an admin proposes a rule change, a doctor approves it, and the rule shows who changed it', async () => {
    const context = await browser().newContext();
    const admin = await signIn(context, baseUrl, 'admin@paindesk.test');
    await admin.waitForURL(`${baseUrl}/`);
    await admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Blood thinner rules' }).click();
    expect(await settledTitle(admin, 'Blood thinner rules - PainDesk')).toBe('Blood thinner rules - PainDesk');
    expect(await accessibilityViolations(admin)).toEqual([]);
    const ticagrelorHigh = (page: typeof admin) =>
      page.getByRole('row').filter({ hasText: 'Ticagrelor' }).filter({ hasText: 'High' }).filter({ hasText: 'no recent coronary stent' });
    await ticagrelorHigh(admin).getByRole('link', { name: /Change/ }).click();
    await admin.getByLabel('Stop this many hours before (optional)').fill('-1');
    await admin.getByRole('button', { name: 'Propose the change' }).click();
    await admin.getByRole('alert').waitFor();
    expect(await admin.getByRole('alert').innerText()).toContain('Stop before cannot be negative');
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.getByLabel('Stop this many hours before (optional)').fill('144');
    await admin.getByLabel('Note (optional)').fill('Checked against the UKCPA table');
    await admin.getByRole('button', { name: 'Propose the change' }).click();
    await admin.getByText('Change proposed.', { exact: false }).waitFor();
    // Not in effect until someone else approves; the proposer cannot.
    expect(await ticagrelorHigh(admin).innerText()).not.toContain('Checked against the UKCPA table');
    expect(await admin.locator('main').innerText()).toContain('You proposed this change, so someone else must approve it.');

    const doctorContext = await browser().newContext();
    const doctor = await signIn(doctorContext, baseUrl, 'doctor2@paindesk.test');
    await doctor.waitForURL(`${baseUrl}/`);
    await doctor.goto(`${baseUrl}/admin/blood-thinner-rules`);
    expect(await accessibilityViolations(doctor)).toEqual([]);
    await doctor.getByRole('button', { name: /^Approve the change to Ticagrelor, High bleeding risk, no recent coronary stent/ }).first().click();
    await doctor.getByText('Change approved', { exact: false }).waitFor();

    await admin.reload();
    const saved = ticagrelorHigh(admin);
    expect(await saved.innerText()).toContain('Ravi Patel');
    expect(await saved.innerText()).toContain('Checked against the UKCPA table');
    await doctorContext.close();
    await context.close();
  });

  it('recording medicines and allergies works without JavaScript: errors from the server, a free-text medicine flagged', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const doctor = await signIn(context, baseUrl, 'doctor2@paindesk.test');
    await doctor.waitForURL(`${baseUrl}/`);
    await doctor.goto(`${baseUrl}/patients?q=smith`);
    await doctor.getByRole('table').getByRole('link').first().click();
    await doctor.getByRole('link', { name: 'Record medicines and clinical details' }).click();
    await doctor.getByRole('heading', { level: 1, name: 'Medicines and clinical details' }).waitFor();

    await doctor.getByRole('button', { name: 'Add medicine' }).click();
    await doctor.getByRole('alert').waitFor();
    expect(await doctor.getByRole('alert').innerText()).toContain('Enter the name of the medicine');

    await doctor.getByLabel('Medicine (generic name)').fill('Zapain');
    await doctor.getByRole('button', { name: 'Add medicine' }).click();
    await doctor.getByText('It is not in the catalogue, so it is flagged').waitFor();
    const zapain = doctor.getByRole('listitem').filter({ hasText: 'Zapain' });
    expect(await zapain.innerText()).toContain('Not in catalogue: check');

    await doctor.getByLabel('Allergy').selectOption('OTHER');
    await doctor.getByRole('button', { name: 'Add allergy' }).click();
    await doctor.getByRole('alert').waitFor();
    expect(await doctor.getByRole('alert').innerText()).toContain('Enter what the patient is allergic to');

    await zapain.getByRole('button', { name: /Stop/ }).click();
    await doctor.getByText('Medicine stopped.').waitFor();
    expect(await doctor.getByRole('listitem').filter({ hasText: 'Zapain' }).count()).toBe(0);
    await context.close();
  });
});
