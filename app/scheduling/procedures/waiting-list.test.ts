import { describe, expect, it } from 'vitest';
import { breachDate, sortWaitingList, weeksWaited, type WaitingEntry } from './waiting-list';

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('the procedure waiting list order', () => {
  it('puts urgent before soon before routine, then the earliest breach date, then the earliest listing', () => {
    const entries: WaitingEntry[] = [
      { id: 'routine-old', priority: 'ROUTINE', listedOn: d('2026-10-01'), clockStartOn: d('2026-08-01') },
      { id: 'soon', priority: 'SOON', listedOn: d('2027-03-01'), clockStartOn: d('2027-01-04') },
      { id: 'urgent-late', priority: 'URGENT', listedOn: d('2027-03-15'), clockStartOn: d('2027-02-01') },
      { id: 'urgent-early', priority: 'URGENT', listedOn: d('2027-03-10'), clockStartOn: d('2027-01-11') },
      { id: 'routine-breaching', priority: 'ROUTINE', listedOn: d('2027-02-01'), clockStartOn: d('2026-07-01') },
      { id: 'routine-no-referral', priority: 'ROUTINE', listedOn: d('2026-09-01'), clockStartOn: null },
    ];
    expect(sortWaitingList(entries).map((e) => e.id)).toEqual([
      'urgent-early',
      'urgent-late',
      'soon',
      'routine-breaching',
      'routine-old',
      'routine-no-referral',
    ]);
  });

  it('breaks a tie on breach date by the listing date', () => {
    const same = d('2027-01-04');
    const entries: WaitingEntry[] = [
      { id: 'b', priority: 'SOON', listedOn: d('2027-03-02'), clockStartOn: same },
      { id: 'a', priority: 'SOON', listedOn: d('2027-03-01'), clockStartOn: same },
    ];
    expect(sortWaitingList(entries).map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('waits', () => {
  it('the breach date is 18 weeks after the clock start', () => {
    expect(breachDate(d('2027-01-04')).toISOString().slice(0, 10)).toBe('2027-05-10');
  });

  it('counts whole weeks waited from the listing date, across the clock change', () => {
    expect(weeksWaited(d('2027-03-01'), '2027-03-07')).toBe(0);
    expect(weeksWaited(d('2027-03-01'), '2027-03-08')).toBe(1);
    expect(weeksWaited(d('2027-03-01'), '2027-04-12')).toBe(6);
    expect(weeksWaited(d('2027-04-01'), '2027-03-22')).toBe(0);
  });
});
