// DESIGN.md rule 11 in the clerk's browser: once a doctor has confirmed a stop of a blood thinner, the
// list chooser marks the lists too soon to stop it as planned, and booking one without a clinician's reason
// shows the error summary naming the medicine and the earliest date; with a reason it books and the case page
// shows the override. The pages pass the WCAG 2.2 AA checks.
import { describe, expect, inject, it } from 'vitest';
import { accessibilityViolations, settledTitle, signIn, useBrowser } from './browser';

const baseUrl = inject('appBaseUrl');
const browser = useBrowser();

describe('booking too soon to stop a medicine', () => {
  it('the chooser marks a list too soon for a confirmed stop, and booking it is refused until a reason is given', async () => {
    const clerkContext = await browser().newContext();
    const clerk = await signIn(clerkContext, baseUrl, 'clerk@paindesk.test');
    await clerk.waitForURL(`${baseUrl}/`);
    await clerk.goto(`${baseUrl}/procedures`);
    // A waiting patient with no blood thinner yet, from the end of the list (other tests book from the top).
    const row = clerk.getByRole('table').getByRole('row').filter({ hasNotText: 'Blood thinner' }).filter({ has: clerk.locator('a[href$="/book"]') });
    const bookHref = await row.last().locator('a[href^="/procedures/"][href$="/book"]').getAttribute('href');
    const requestId = bookHref!.split('/')[2];
    const planUrl = `${baseUrl}/procedure-requests/${requestId}/plan`;

    // A doctor records apixaban and confirms the table's proposed stop (5 days before).
    const doctorContext = await browser().newContext();
    const doctor = await signIn(doctorContext, baseUrl, 'doctor@paindesk.test');
    await doctor.waitForURL(`${baseUrl}/`);
    await doctor.goto(planUrl);
    await settledTitle(doctor, 'Blood-thinner plan - PainDesk');
    if ((await doctor.getByRole('heading', { name: /^Apixaban/ }).count()) === 0) {
      await doctor.getByRole('link', { name: 'Back to the patient' }).click();
      await doctor.getByRole('link', { name: 'Record medicines and clinical details' }).click();
      await settledTitle(doctor, 'Medicines and clinical details - PainDesk');
      await doctor.getByLabel('Medicine (generic name)').fill('Apixaban');
      await doctor.getByRole('button', { name: 'Add medicine' }).click();
      await doctor.getByText('Medicine recorded.').waitFor();
      await doctor.goto(planUrl);
    }
    // Whatever applies to any other blood thinner the demo patient takes; apixaban itself has no variants.
    const groups = doctor.locator('form[method="get"] fieldset');
    const variantGroups = await groups.count();
    for (let i = 0; i < variantGroups; i += 1) await groups.nth(i).locator('input[type="radio"]').first().check();
    if (variantGroups > 0) {
      await doctor.getByRole('button', { name: 'Show the proposed plan' }).click();
      await doctor.waitForURL(/v-/);
    }
    const apixaban = doctor.locator('form[method="post"] fieldset', { has: doctor.locator('legend', { hasText: 'Apixaban' }) });
    // The table's proposal, confirmed as it is: 5 days.
    expect(await apixaban.getByLabel('Stop this many hours before the procedure').inputValue()).toBe('120');
    await apixaban.getByLabel('Restart this many hours after the procedure').fill('24');
    await doctor.getByRole('button', { name: 'Confirm plan' }).click();
    await doctor.getByText('Blood-thinner plan confirmed.').waitFor();
    await doctorContext.close();

    // The clerk's chooser: the soonest lists (within six days) are marked too soon to stop apixaban.
    await clerk.goto(`${baseUrl}${bookHref}`);
    await clerk.getByRole('heading', { level: 1, name: 'Book a procedure' }).waitFor();
    const choices = clerk.getByRole('group', { name: 'Choose a list' }).locator('.nhsuk-radios__item');
    const first = choices.first();
    const hint = await first.locator('.nhsuk-hint').innerText();
    expect(hint).toContain('Too soon to stop Apixaban');
    expect(hint).toMatch(/Choose a list on or after \w+day \d{1,2} \w+ \d{4}/);
    expect(await accessibilityViolations(clerk)).toEqual([]);

    // Booking it without a reason: refused, with the error summary; nothing booked.
    await first.locator('input').check();
    await clerk.getByRole('button', { name: 'Book procedure' }).click();
    const summary = clerk.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('This list is too soon for the patient to stop Apixaban (stop 5 days before) as planned.');
    expect(new URL(clerk.url()).pathname).toBe(bookHref);
    expect(await accessibilityViolations(clerk)).toEqual([]);

    // With a clinician's reason it books, and the case page shows the override.
    await clerk.getByRole('group', { name: 'Choose a list' }).locator('.nhsuk-radios__item').first().locator('input').check();
    await clerk.getByLabel(/why a clinician agrees to book it/).fill('Dr Shah agreed a shorter stop by phone');
    await clerk.getByRole('button', { name: 'Book procedure' }).click();
    await clerk.waitForURL(/\/procedure-bookings\/[^/?]+\?booked=1$/);
    const readiness = clerk.getByTestId('case-readiness');
    await readiness.waitFor();
    expect(await readiness.innerText()).toContain('Booked too soon for a planned medicine stop, agreed by a clinician: Dr Shah agreed a shorter stop by phone');
    expect(await accessibilityViolations(clerk)).toEqual([]);
    await clerkContext.close();
  });
});
