import { describe, expect, it } from 'vitest';
import { composeLetter, type LetterFacts } from './letter';

const facts = (overrides: Partial<LetterFacts> = {}): LetterFacts => ({
  purpose: 'PRE_PROCEDURE_LEAFLET',
  patient: { firstName: 'Agnieszka', lastName: 'Dąbrowska', nhsNumber: '9990001234', addressLines: ['1 High Street', 'Maidstone'], postcode: 'ME14 1AA' },
  appointmentKind: 'PROCEDURE',
  // Sunday 28 March 2027, the spring clock change: 9am BST is 08:00 UTC.
  startsAt: new Date('2027-03-28T08:00:00Z'),
  arrivalAt: new Date('2027-03-28T07:30:00Z'),
  previousStartsAt: null,
  site: { name: 'Maidstone Hospital', unitName: 'Chronic Pain Unit, Hutchinson Suite, level 1', addressLines: ['Hermitage Lane'], postcode: 'ME16 9QQ', phone: '01622 000000' },
  enclosures: ['Before your facet joint injection', 'After your facet joint injection'],
  largePrint: false,
  date: new Date('2027-03-01T10:00:00Z'),
  ...overrides,
});

describe('composeLetter', () => {
  it('addresses the patient, gives London times on a clock-change day and lists what is enclosed', () => {
    const letter = composeLetter(facts());
    expect(letter.recipient).toEqual(['Agnieszka Dąbrowska', '1 High Street', 'Maidstone', 'ME14 1AA']);
    expect(letter.reference).toBe('NHS number 999 000 1234');
    expect(letter.date).toBe('1 March 2027');
    expect(letter.paragraphs).toContain('Your appointment is on Sunday 28 March 2027 at 9am. Please arrive at 8:30am so that we have time to get you ready.');
    expect(letter.paragraphs.join(' ')).toContain('Where to come: Chronic Pain Unit, Hutchinson Suite, level 1, Maidstone Hospital, Hermitage Lane, ME16 9QQ.');
    expect(letter.enclosures).toEqual(['Before your facet joint injection', 'After your facet joint injection']);
  });

  it('writes a telephone appointment, a change of time and a cancellation in their own words', () => {
    const telephone = composeLetter(facts({ purpose: 'BOOKING_CONFIRMATION', appointmentKind: 'CONSULTATION', arrivalAt: null, enclosures: [], startsAt: new Date('2027-10-31T14:20:00Z') }));
    expect(telephone.paragraphs[1]).toBe(
      'Your telephone appointment is on Sunday 31 October 2027 at 2:20pm. A doctor from the Chronic Pain Unit will phone you at about this time. The call may come from a withheld number.',
    );
    const moved = composeLetter(facts({ purpose: 'TIME_CHANGE', previousStartsAt: new Date('2027-03-24T09:00:00Z') }));
    expect(moved.title).toBe('Your appointment has changed');
    expect(moved.paragraphs[0]).toBe('Your appointment has moved. It was on Wednesday 24 March 2027 at 9am.');
    expect(moved.paragraphs.join(' ')).toContain('throw away any we sent you before');
    const cancelled = composeLetter(facts({ purpose: 'CANCELLATION', enclosures: [] }));
    expect(cancelled.paragraphs[0]).toBe('We are sorry: your Chronic Pain Unit appointment on Sunday 28 March 2027 at 9am has been cancelled.');
    expect(cancelled.paragraphs.join(' ')).not.toContain('arrive');
  });
});

describe('leaflets sent again after the doctor confirmed the medicine plan', () => {
  it('says the enclosed leaflets replace the earlier ones', () => {
    const letter = composeLetter(facts({ leafletsUpdated: true }));
    expect(letter.paragraphs[0]).toMatch(/^Your doctor has confirmed what you need to do about your medicines/);
    expect(letter.paragraphs[0]).toContain('The enclosed leaflets replace the ones we sent you before');
    expect(composeLetter(facts()).paragraphs[0]).toBe('We have booked your day-case appointment with the Chronic Pain Unit.');
  });
});
