import { describe, expect, it } from 'vitest';
import type { MessagePurpose } from '~/generated/prisma/enums';
import { composeEmailContent, composeSmsText, defaultSubject, escapeHtml, UPDATED_LEAFLETS_SUBJECT, type MessageFacts } from './email-content';

const PURPOSES: MessagePurpose[] = [
  'BOOKING_CONFIRMATION',
  'PRE_PROCEDURE_LEAFLET',
  'AFTERCARE_LEAFLET',
  'REMINDER',
  'CANCELLATION',
  'TIME_CHANGE',
];

const procedure: MessageFacts = {
  purpose: 'PRE_PROCEDURE_LEAFLET',
  firstName: 'Amelia',
  appointmentKind: 'PROCEDURE',
  // Sunday 28 March 2027 is the day the clocks go forward: 08:30 UTC is 9:30am BST.
  startsAt: new Date('2027-03-28T08:30:00Z'),
  arrivalAt: new Date('2027-03-28T07:45:00Z'),
  place: {
    siteName: 'Maidstone Hospital',
    unitName: 'Chronic Pain Unit, Hutchinson Suite, level 1',
    addressLines: ['Hermitage Lane', 'Maidstone', 'Kent'],
    postcode: 'ME16 9QQ',
    phone: '01622 224596',
  },
  leafletTitles: ['Facet joint injection: before your procedure', 'Facet joint injection: after your procedure'],
  calendarAttached: true,
};

const consultation: MessageFacts = {
  ...procedure,
  purpose: 'BOOKING_CONFIRMATION',
  appointmentKind: 'CONSULTATION',
  // Sunday 31 October 2027, after the clocks go back: 14:15 UTC is 2:15pm GMT.
  startsAt: new Date('2027-10-31T14:15:00Z'),
  arrivalAt: null,
  leafletTitles: [],
  calendarAttached: false,
};

describe('composeEmailContent', () => {
  it('writes the pre-procedure email with the London date and time, arrival time, where to come, what is attached and how to call', () => {
    const email = composeEmailContent(procedure);
    expect(email.subject).toBe('Your Chronic Pain Unit appointment: what you need to know');
    expect(email.text).toContain('Dear Amelia,');
    expect(email.text).toContain('Sunday 28 March 2027 at 9:30am');
    expect(email.text).toContain('Please arrive at 8:45am');
    expect(email.text).toContain('Hermitage Lane');
    expect(email.text).toContain('ME16 9QQ');
    expect(email.text).toContain('- Facet joint injection: before your procedure (PDF)');
    expect(email.text).toContain('- Facet joint injection: after your procedure (PDF)');
    expect(email.text).toContain('A calendar file to add the appointment to your calendar');
    expect(email.text).toContain('01622 224596');
    expect(email.html).toContain('<strong>Sunday 28 March 2027 at 9:30am</strong>');
    expect(email.html).toContain('<html lang="en-GB">');
    expect(email.html).toContain('<li>ME16 9QQ</li>');
  });

  it('tells a telephone patient the doctor will phone, at the local time after the clocks go back', () => {
    const email = composeEmailContent(consultation);
    expect(email.subject).toBe('Your Chronic Pain Unit appointment is booked');
    expect(email.text).toContain('Your telephone appointment is on Sunday 31 October 2027 at 2:15pm.');
    expect(email.text).toContain('will phone you');
    expect(email.text).not.toContain('Where to come');
    expect(email.text).not.toContain('Attached to this email');
  });

  it('states the old and new times for a change of time', () => {
    const email = composeEmailContent({ ...procedure, purpose: 'TIME_CHANGE', previousStartsAt: new Date('2027-03-21T09:30:00Z') });
    expect(email.subject).toBe('Your Chronic Pain Unit appointment time has changed');
    expect(email.text).toContain('It was on Sunday 21 March 2027 at 9:30am.');
    expect(email.text).toContain('Your appointment is on Sunday 28 March 2027 at 9:30am.');
  });

  it('says when a reminder is for', () => {
    expect(composeEmailContent({ ...procedure, purpose: 'REMINDER', reminderDaysBefore: 7 }).text).toContain('is in 7 days');
    expect(composeEmailContent({ ...procedure, purpose: 'REMINDER', reminderDaysBefore: 1 }).text).toContain('is tomorrow');
  });

  it('cancellation names the cancelled time and a calendar file that removes it', () => {
    const email = composeEmailContent({ ...procedure, purpose: 'CANCELLATION', leafletTitles: [] });
    expect(email.text).toContain('Sunday 28 March 2027 at 9:30am has been cancelled');
    expect(email.text).toContain('removes the appointment from your calendar');
    expect(email.text).not.toContain('Please arrive');
  });

  it('escapes HTML in everything that comes from a record', () => {
    const email = composeEmailContent({
      ...procedure,
      firstName: '<script>alert("x")</script>',
      place: { ...procedure.place, addressLines: ['1 O\'Brien & Sons Way'] },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(email.html).toContain('1 O&#39;Brien &amp; Sons Way');
    expect(email.text).toContain('Dear <script>alert("x")</script>,');
  });

  it.each(PURPOSES)('the default subject for %s has no procedure, medicine or date', (purpose) => {
    const subject = defaultSubject(purpose);
    expect(subject).toMatch(/Chronic Pain Unit/);
    expect(subject).not.toMatch(/facet|injection|epidural|block|warfarin|apixaban|\d/i);
    const email = composeEmailContent({ ...procedure, purpose });
    expect(email.subject).toBe(subject);
    expect(email.text).toContain('Dear Amelia,');
    expect(email.text).toContain('01622 224596');
  });

  it('uses the outbox row subject when one is given', () => {
    expect(composeEmailContent(procedure, 'Your appointment').subject).toBe('Your appointment');
  });
});

describe('composeSmsText', () => {
  it('is short and has the London time, the site and the number, not the procedure', () => {
    const text = composeSmsText({ ...procedure, purpose: 'REMINDER', reminderDaysBefore: 2 });
    expect(text).toContain('Sunday 28 March 2027 at 9:30am');
    expect(text).toContain('Maidstone Hospital');
    expect(text).toContain('Please arrive at 8:45am');
    expect(text).toContain('01622 224596');
    expect(text).not.toMatch(/facet|injection/i);
    expect(text.length).toBeLessThan(300);
  });

  it.each(PURPOSES)('writes a message for %s', (purpose) => {
    expect(composeSmsText({ ...consultation, purpose })).toContain('01622 224596');
  });
});

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('leaflets sent again after the doctor confirmed the medicine plan', () => {
  it('says the attached leaflets replace the earlier ones, in text and HTML', () => {
    const updated = composeEmailContent({ ...procedure, leafletsUpdated: true }, UPDATED_LEAFLETS_SUBJECT);
    expect(updated.subject).toBe('Updated instructions for your Chronic Pain Unit appointment');
    expect(updated.text).toContain('The attached leaflets replace the ones we sent you before.');
    expect(updated.html).toContain('<strong>The attached leaflets replace the ones we sent you before.</strong>');
    expect(updated.text).not.toContain('We have booked your day-case appointment');
    expect(composeEmailContent(procedure).text).not.toContain('replace the ones we sent you before');
  });
});
