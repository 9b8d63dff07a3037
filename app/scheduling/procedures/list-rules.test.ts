import { describe, expect, it } from 'vitest';
import { DomainError } from '~/errors';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { LIST_FULL_MESSAGE, assertListCanTake, busyDates, listsThatFit, type ListToBook } from './list-rules';

const now = new Date('2027-03-22T09:00:00.000Z');
const list = (overrides: Partial<ListToBook> = {}): ListToBook => ({
  startsAt: new Date('2027-03-24T08:30:00.000Z'),
  endsAt: new Date('2027-03-24T12:00:00.000Z'),
  status: 'ACTIVE',
  modality: 'XRAY',
  capacityMinutes: 210,
  bookedMinutes: 0,
  site: { name: 'Maidstone Hospital', hasInterventionalSuite: true },
  ...overrides,
});
const request = { guidance: 'XRAY' as const, minutes: 30 };

function refusal(l: ListToBook, r = request) {
  try {
    assertListCanTake(l, r, now);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, status: (error as DomainError).status, message: (error as DomainError).message };
  }
}

describe('assertListCanTake', () => {
  it('accepts a future, active list at a site with a suite, of the right modality, with room', () => {
    expect(refusal(list())).toBeNull();
    expect(refusal(list({ bookedMinutes: 180 }))).toBeNull();
  });

  it('refuses a site without an interventional suite (400)', () => {
    expect(refusal(list({ site: { name: 'Sevenoaks Community Hospital', hasInterventionalSuite: false } }))).toEqual({
      code: 'SITE_HAS_NO_SUITE',
      status: 400,
      message:
        'Procedures can only be done at a site with an interventional suite. Sevenoaks Community Hospital has none: choose a list at a site that has one.',
    });
  });

  it('refuses a list whose modality is not the guidance the procedure needs (400)', () => {
    expect(refusal(list({ modality: 'ULTRASOUND' }))).toEqual({
      code: 'MODALITY_MISMATCH',
      status: 400,
      message: 'This procedure needs X-ray guidance, but this is an ultrasound list. Choose an X-ray list.',
    });
  });

  it('refuses a list that has started or is past (400)', () => {
    expect(refusal(list({ startsAt: now }))?.code).toBe('PAST_DATE');
    expect(refusal(list({ startsAt: new Date('2027-03-01T08:30:00Z'), endsAt: new Date('2027-03-01T12:00:00Z') }))?.status).toBe(400);
  });

  it('refuses a cancelled list (409) and a list without enough minutes left (409)', () => {
    expect(refusal(list({ status: 'CANCELLED' }))?.code).toBe('LIST_CANCELLED');
    expect(refusal(list({ bookedMinutes: 181 }))).toEqual({ code: 'LIST_FULL', status: 409, message: LIST_FULL_MESSAGE });
  });
});

describe('listsThatFit', () => {
  const morning = { ...list(), id: 'morning', cases: [] };
  const wrongModality = { ...list({ modality: 'ULTRASOUND' }), id: 'us', cases: [] };
  const fragmented = {
    ...list({ bookedMinutes: 180 }),
    id: 'fragmented',
    // 30 minutes free in all, but as two 15-minute pieces.
    cases: [
      { startsAt: new Date('2027-03-24T08:30:00Z'), endsAt: new Date('2027-03-24T10:00:00Z') },
      { startsAt: new Date('2027-03-24T10:15:00Z'), endsAt: new Date('2027-03-24T11:45:00Z') },
    ],
  };
  const nextWeek = {
    ...list({ startsAt: new Date('2027-03-31T08:30:00Z'), endsAt: new Date('2027-03-31T11:00:00Z') }),
    id: 'next-week',
    cases: [{ startsAt: new Date('2027-03-31T08:30:00Z'), endsAt: new Date('2027-03-31T09:15:00Z') }],
  };

  it('keeps only lists the rules allow that have a gap long enough, with where the case would go', () => {
    const fits = listsThatFit([morning, wrongModality, fragmented, nextWeek], request, new Set(), now, UNIT_TIME_ZONE);
    expect(fits.map((f) => f.list.id)).toEqual(['morning', 'next-week']);
    expect(fits[1].planned.startsAt.toISOString()).toBe('2027-03-31T09:15:00.000Z');
    expect(fits[1].planned.arrivalAt.toISOString()).toBe('2027-03-31T08:45:00.000Z');
  });

  it('leaves out lists on a day the patient already has an appointment (in Europe/London)', () => {
    // 23:30 UTC on 23 March is 23:30 GMT: still the 23rd; on 30 March (BST) it is 00:30 on the 31st.
    const busy = busyDates([{ startsAt: new Date('2027-03-30T23:30:00Z') }], UNIT_TIME_ZONE);
    expect([...busy]).toEqual(['2027-03-31']);
    const fits = listsThatFit([morning, nextWeek], request, busy, now, UNIT_TIME_ZONE);
    expect(fits.map((f) => f.list.id)).toEqual(['morning']);
  });
});
