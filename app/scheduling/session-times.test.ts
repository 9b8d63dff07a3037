import { describe, expect, it } from 'vitest';
import { DomainError } from '~/errors';
import { addLocalDays, localDateOf, parseLocalDate, parseRequestedDate, planListTimes, sessionsInRange, type DatedSession, type WeeklyTemplate } from './session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

const zone = UNIT_TIME_ZONE;
const iso = (d: Date) => d.toISOString();
const wallClock = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

function onlySession(template: WeeklyTemplate, date: string): DatedSession {
  const sessions = sessionsInRange(template, { from: date, to: date }, zone);
  expect(sessions).toHaveLength(1);
  return sessions[0];
}

const sundayMorning: WeeklyTemplate = { isoWeekday: 7, startTime: '09:00', endTime: '12:00', slotMinutes: 20 };
const sundayAfternoon: WeeklyTemplate = { isoWeekday: 7, startTime: '13:30', endTime: '17:00', slotMinutes: 30 };

describe('sessionsInRange on clock-change days', () => {
  it('puts a morning session on the day British Summer Time starts (2027-03-28) at 09:00 BST = 08:00Z', () => {
    const session = onlySession(sundayMorning, '2027-03-28');
    expect(session.date).toBe('2027-03-28');
    expect(iso(session.startsAt)).toBe('2027-03-28T08:00:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-03-28T11:00:00.000Z');
    expect(session.slots.map((s) => wallClock(s.startsAt))).toEqual([
      '09:00', '09:20', '09:40', '10:00', '10:20', '10:40', '11:00', '11:20', '11:40',
    ]);
    expect(iso(session.slots[0].startsAt)).toBe('2027-03-28T08:00:00.000Z');
    expect(iso(session.slots[8].endsAt)).toBe('2027-03-28T11:00:00.000Z');
  });

  it('puts an afternoon session on 2027-03-28 at 13:30 BST = 12:30Z', () => {
    const session = onlySession(sundayAfternoon, '2027-03-28');
    expect(iso(session.startsAt)).toBe('2027-03-28T12:30:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-03-28T16:00:00.000Z');
    expect(session.slots.map((s) => wallClock(s.startsAt))).toEqual([
      '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30',
    ]);
    expect(iso(session.slots[6].startsAt)).toBe('2027-03-28T15:30:00.000Z');
  });

  it('puts a morning session on the day British Summer Time ends (2027-10-31) at 09:00 GMT = 09:00Z', () => {
    const session = onlySession(sundayMorning, '2027-10-31');
    expect(iso(session.startsAt)).toBe('2027-10-31T09:00:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-10-31T12:00:00.000Z');
    expect(session.slots).toHaveLength(9);
    expect(iso(session.slots[4].startsAt)).toBe('2027-10-31T10:20:00.000Z');
    expect(session.slots.map((s) => wallClock(s.startsAt))[8]).toBe('11:40');
  });

  it('puts an afternoon session on 2027-10-31 at 13:30 GMT = 13:30Z', () => {
    const session = onlySession(sundayAfternoon, '2027-10-31');
    expect(iso(session.startsAt)).toBe('2027-10-31T13:30:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-10-31T17:00:00.000Z');
    expect(iso(session.slots[6].endsAt)).toBe('2027-10-31T17:00:00.000Z');
  });

  it('gives the same wall-clock time either side of a clock change, and a different UTC instant', () => {
    const sessions = sessionsInRange(sundayMorning, { from: '2027-03-21', to: '2027-04-04' }, zone);
    expect(sessions.map((s) => s.date)).toEqual(['2027-03-21', '2027-03-28', '2027-04-04']);
    expect(sessions.map((s) => iso(s.startsAt))).toEqual([
      '2027-03-21T09:00:00.000Z',
      '2027-03-28T08:00:00.000Z',
      '2027-04-04T08:00:00.000Z',
    ]);
    expect(sessions.map((s) => wallClock(s.startsAt))).toEqual(['09:00', '09:00', '09:00']);

    const autumn = sessionsInRange(sundayAfternoon, { from: '2027-10-24', to: '2027-11-07' }, zone);
    expect(autumn.map((s) => iso(s.startsAt))).toEqual([
      '2027-10-24T12:30:00.000Z',
      '2027-10-31T13:30:00.000Z',
      '2027-11-07T13:30:00.000Z',
    ]);
  });

  it('lays slots end to start with no gaps on clock-change days', () => {
    for (const date of ['2027-03-28', '2027-10-31']) {
      for (const template of [sundayMorning, sundayAfternoon]) {
        const { slots, startsAt, endsAt } = onlySession(template, date);
        expect(slots[0].startsAt).toEqual(startsAt);
        for (let i = 1; i < slots.length; i++) expect(slots[i].startsAt).toEqual(slots[i - 1].endsAt);
        expect(slots[slots.length - 1].endsAt).toEqual(endsAt);
        for (const slot of slots) {
          expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(template.slotMinutes! * 60_000);
        }
      }
    }
  });
});

describe('sessionsInRange on ordinary days', () => {
  it('uses GMT (UTC+0) on a winter Tuesday', () => {
    const session = onlySession(
      { isoWeekday: 2, startTime: '09:30', endTime: '12:30', slotMinutes: 30 },
      '2027-01-12',
    );
    expect(iso(session.startsAt)).toBe('2027-01-12T09:30:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-01-12T12:30:00.000Z');
    expect(session.slots).toHaveLength(6);
  });

  it('uses BST (UTC+1) on a summer Thursday', () => {
    const session = onlySession(
      { isoWeekday: 4, startTime: '13:30', endTime: '17:00', slotMinutes: 15 },
      '2027-07-15',
    );
    expect(iso(session.startsAt)).toBe('2027-07-15T12:30:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-07-15T16:00:00.000Z');
    expect(session.slots).toHaveLength(14);
    expect(iso(session.slots[13].startsAt)).toBe('2027-07-15T15:45:00.000Z');
  });

  it('returns only the matching weekdays of an inclusive range', () => {
    const mondays = sessionsInRange(
      { isoWeekday: 1, startTime: '09:00', endTime: '10:00' },
      { from: '2027-02-01', to: '2027-02-15' },
      zone,
    );
    expect(mondays.map((s) => s.date)).toEqual(['2027-02-01', '2027-02-08', '2027-02-15']);
    expect(mondays.every((s) => s.slots.length === 0)).toBe(true);

    expect(
      sessionsInRange({ isoWeekday: 3, startTime: '09:00', endTime: '10:00' }, { from: '2027-02-04', to: '2027-02-09' }, zone),
    ).toEqual([]);
  });

  it('drops a trailing part-slot that would run past the end time', () => {
    const session = onlySession(
      { isoWeekday: 1, startTime: '09:00', endTime: '10:00', slotMinutes: 25 },
      '2027-02-01',
    );
    expect(session.slots.map((s) => wallClock(s.startsAt))).toEqual(['09:00', '09:25']);
    expect(iso(session.slots[1].endsAt)).toBe('2027-02-01T09:50:00.000Z');
    expect(iso(session.endsAt)).toBe('2027-02-01T10:00:00.000Z');
  });
});

describe('sessionsInRange refuses bad input', () => {
  const range = { from: '2027-02-01', to: '2027-02-07' };
  const cases: [string, WeeklyTemplate, RegExp][] = [
    ['end before start', { isoWeekday: 1, startTime: '12:00', endTime: '09:00' }, /End time 09:00 must be after start time 12:00/],
    ['end equal to start', { isoWeekday: 1, startTime: '09:00', endTime: '09:00' }, /must be after start time/],
    ['a bad start time', { isoWeekday: 1, startTime: '9am', endTime: '12:00' }, /Start time must be a 24-hour time/],
    ['an impossible end time', { isoWeekday: 1, startTime: '09:00', endTime: '24:30' }, /End time must be a 24-hour time/],
    ['a bad weekday', { isoWeekday: 0, startTime: '09:00', endTime: '12:00' }, /1 \(Monday\) to 7 \(Sunday\)/],
    ['a zero slot length', { isoWeekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 0 }, /Slot length must be a whole number/],
    ['a fractional slot length', { isoWeekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 7.5 }, /Slot length must be a whole number/],
    ['a slot longer than the session', { isoWeekday: 1, startTime: '09:00', endTime: '09:30', slotMinutes: 45 }, /does not fit/],
  ];
  it.each(cases)('refuses %s', (_name, template, message) => {
    expect(() => sessionsInRange(template, range, zone)).toThrow(DomainError);
    expect(() => sessionsInRange(template, range, zone)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => sessionsInRange(template, range, zone)).toThrow(message);
  });

  it('refuses a range that ends before it starts, or a date that does not exist', () => {
    expect(() => sessionsInRange(sundayMorning, { from: '2027-02-07', to: '2027-02-01' }, zone)).toThrow(
      /ends \(2027-02-01\) before it starts/,
    );
    expect(() => sessionsInRange(sundayMorning, { from: '2027-02-30', to: '2027-03-01' }, zone)).toThrow(
      /"2027-02-30" is not a date/,
    );
    expect(() => sessionsInRange(sundayMorning, { from: '1/2/2027', to: '2027-03-01' }, zone)).toThrow(/not a date/);
  });

  it('refuses a session time that the clocks skip, instead of moving it', () => {
    expect(() =>
      sessionsInRange({ isoWeekday: 7, startTime: '01:30', endTime: '03:00' }, { from: '2027-03-28', to: '2027-03-28' }, zone),
    ).toThrow(/01:30 does not exist on 2027-03-28/);
  });
});

describe('planListTimes', () => {
  it('plans cases one after another from the list start, arriving 30 minutes before by default', () => {
    const listStart = new Date('2027-03-28T08:30:00.000Z');
    const planned = planListTimes(listStart, [{ minutes: 30 }, { minutes: 20 }, { minutes: 45 }]);
    expect(planned.map((p) => [iso(p.arrivalAt), iso(p.startsAt), iso(p.endsAt)])).toEqual([
      ['2027-03-28T08:00:00.000Z', '2027-03-28T08:30:00.000Z', '2027-03-28T09:00:00.000Z'],
      ['2027-03-28T08:30:00.000Z', '2027-03-28T09:00:00.000Z', '2027-03-28T09:20:00.000Z'],
      ['2027-03-28T08:50:00.000Z', '2027-03-28T09:20:00.000Z', '2027-03-28T10:05:00.000Z'],
    ]);
  });

  it('takes another arrival lead time, and gives nothing for an empty list', () => {
    const planned = planListTimes(new Date('2027-01-06T13:00:00.000Z'), [{ minutes: 20 }], 45);
    expect(iso(planned[0].arrivalAt)).toBe('2027-01-06T12:15:00.000Z');
    expect(planListTimes(new Date('2027-01-06T13:00:00.000Z'), [])).toEqual([]);
  });

  it('refuses a case without a positive whole number of minutes', () => {
    expect(() => planListTimes(new Date(), [{ minutes: 30 }, { minutes: 0 }])).toThrow(/Case 2 must last/);
    expect(() => planListTimes(new Date(), [{ minutes: 30 }], -5)).toThrow(/Arrival lead time/);
  });
});

describe('local date helpers', () => {
  it('gives the London date of an instant, which differs from the UTC date late on a summer evening', () => {
    expect(localDateOf(new Date('2027-07-15T23:30:00.000Z'), zone)).toBe('2027-07-16');
    expect(localDateOf(new Date('2027-01-15T23:30:00.000Z'), zone)).toBe('2027-01-15');
  });

  it('adds calendar days across a clock change', () => {
    expect(addLocalDays('2027-03-27', 1, zone)).toBe('2027-03-28');
    expect(addLocalDays('2027-03-22', 55, zone)).toBe('2027-05-16');
  });
});

describe('parseRequestedDate', () => {
  it('accepts a real date from 1900 to 2100', () => {
    expect(parseRequestedDate('1900-01-01', UNIT_TIME_ZONE).toISODate()).toBe('1900-01-01');
    expect(parseRequestedDate('2100-12-31', UNIT_TIME_ZONE).toISODate()).toBe('2100-12-31');
  });

  it.each(['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31', '2027-02-29', '2027-3-1'])('refuses %s as bad input', (date) => {
    expect(() => parseRequestedDate(date, UNIT_TIME_ZONE)).toThrow(DomainError);
  });

  it('leaves dates worked out from an accepted one to parseLocalDate, which has no year range', () => {
    expect(parseLocalDate('2101-01-03', UNIT_TIME_ZONE).toISODate()).toBe('2101-01-03');
  });
});
