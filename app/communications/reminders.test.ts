import { describe, expect, it } from 'vitest';
import { reminderSchedule } from './reminders';

const LONDON = 'Europe/London';
const iso = (reminders: { daysBefore: number; dueAt: Date }[]) => reminders.map((r) => [r.daysBefore, r.dueAt.toISOString()]);

describe('reminderSchedule', () => {
  it('puts reminders at 9am London time 7 and 2 days before, in winter (GMT)', () => {
    const startsAt = new Date('2027-01-20T14:00:00Z');
    expect(iso(reminderSchedule(startsAt, [7, 2], new Date('2027-01-01T00:00:00Z'), LONDON))).toEqual([
      [7, '2027-01-13T09:00:00.000Z'],
      [2, '2027-01-18T09:00:00.000Z'],
    ]);
  });

  it('is 9am local on both sides of the spring clock change (Sunday 28 March 2027)', () => {
    // Appointment Tuesday 30 March 2027, 8:30am BST: 2 days before is Sunday 28 March (the change day, BST from 1am).
    const startsAt = new Date('2027-03-30T07:30:00Z');
    expect(iso(reminderSchedule(startsAt, [7, 2], new Date('2027-03-01T00:00:00Z'), LONDON))).toEqual([
      [7, '2027-03-23T09:00:00.000Z'], // GMT
      [2, '2027-03-28T08:00:00.000Z'], // BST
    ]);
    // An appointment on the change day itself, afternoon.
    const onTheDay = new Date('2027-03-28T13:00:00Z');
    expect(iso(reminderSchedule(onTheDay, [7, 2], new Date('2027-03-01T00:00:00Z'), LONDON))).toEqual([
      [7, '2027-03-21T09:00:00.000Z'],
      [2, '2027-03-26T09:00:00.000Z'],
    ]);
  });

  it('is 9am local on both sides of the autumn clock change (Sunday 31 October 2027)', () => {
    // Appointment Tuesday 2 November 2027, 1:30pm GMT: 2 days before is Sunday 31 October (GMT from 2am BST).
    const startsAt = new Date('2027-11-02T13:30:00Z');
    expect(iso(reminderSchedule(startsAt, [7, 2], new Date('2027-10-01T00:00:00Z'), LONDON))).toEqual([
      [7, '2027-10-26T08:00:00.000Z'], // BST
      [2, '2027-10-31T09:00:00.000Z'], // GMT
    ]);
  });

  it('skips reminders already past at booking, and ignores duplicates and nonsense offsets', () => {
    const startsAt = new Date('2027-01-20T14:00:00Z');
    expect(iso(reminderSchedule(startsAt, [2, 7, 7, 0, -1, 1.5], new Date('2027-01-15T12:00:00Z'), LONDON))).toEqual([
      [2, '2027-01-18T09:00:00.000Z'],
    ]);
    expect(reminderSchedule(startsAt, [7, 2], new Date('2027-01-18T09:00:00Z'), LONDON)).toEqual([]);
  });
});
