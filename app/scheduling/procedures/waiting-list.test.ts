import { describe, expect, it } from 'vitest';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { breachDateOf, sortWaitingList, type WaitingEntry } from './waiting-list';

describe('the procedure waiting list order', () => {
  it('puts urgent before soon before routine, then the earliest breach date, then the earliest listing', () => {
    const entries: WaitingEntry[] = [
      { id: 'routine-old', priority: 'ROUTINE', listedOn: '2026-10-01', clockStartOn: '2026-08-01' },
      { id: 'soon', priority: 'SOON', listedOn: '2027-03-01', clockStartOn: '2027-01-04' },
      { id: 'urgent-late', priority: 'URGENT', listedOn: '2027-03-15', clockStartOn: '2027-02-01' },
      { id: 'urgent-early', priority: 'URGENT', listedOn: '2027-03-10', clockStartOn: '2027-01-11' },
      { id: 'routine-breaching', priority: 'ROUTINE', listedOn: '2027-02-01', clockStartOn: '2026-07-01' },
      { id: 'routine-no-referral', priority: 'ROUTINE', listedOn: '2026-09-01', clockStartOn: null },
    ];
    expect(sortWaitingList(entries, UNIT_TIME_ZONE).map((e) => e.id)).toEqual([
      'urgent-early',
      'urgent-late',
      'soon',
      'routine-breaching',
      'routine-old',
      'routine-no-referral',
    ]);
  });

  it('breaks a tie on breach date by the listing date', () => {
    const entries: WaitingEntry[] = [
      { id: 'b', priority: 'SOON', listedOn: '2027-03-02', clockStartOn: '2027-01-04' },
      { id: 'a', priority: 'SOON', listedOn: '2027-03-01', clockStartOn: '2027-01-04' },
    ];
    expect(sortWaitingList(entries, UNIT_TIME_ZONE).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('orders a request without a referral by the breach date its listing would give', () => {
    expect(breachDateOf({ listedOn: '2027-01-04', clockStartOn: null }, UNIT_TIME_ZONE)).toBe('2027-05-10');
    expect(breachDateOf({ listedOn: '2027-03-01', clockStartOn: '2027-01-04' }, UNIT_TIME_ZONE)).toBe('2027-05-10');
  });
});
