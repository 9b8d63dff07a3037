// The procedure waiting list's order and waits. Pure: `today` is passed in as a local date.
//
// Order: priority (urgent, soon, routine), then the RTT breach date (18 weeks from the referral's clock
// start: the procedure is usually the first definitive treatment, which stops the clock), then the day
// the patient was listed, so within a priority whoever is nearest to breaching, then waiting longest,
// comes first. A request without a referral is ordered by the breach date its listing date would give.
import { DateTime } from 'luxon';

export type Priority = 'URGENT' | 'SOON' | 'ROUTINE';

export const PRIORITY_ORDER: Record<Priority, number> = { URGENT: 0, SOON: 1, ROUTINE: 2 };
export const PRIORITY_LABEL: Record<Priority, string> = { URGENT: 'Urgent', SOON: 'Soon', ROUTINE: 'Routine' };

/** Referral to treatment within 18 weeks (NHS constitution). */
export const RTT_WEEKS = 18;

/** Calendar dates are stored as UTC midnight (`@db.Date`). */
const calendar = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' });

/** The 18-week breach date of a clock that started on `clockStartOn` (a `@db.Date`). */
export function breachDate(clockStartOn: Date): Date {
  return calendar(clockStartOn).plus({ weeks: RTT_WEEKS }).toJSDate();
}

/** Whole weeks from the listing date to `today` (yyyy-MM-dd); 0 for a future or same-week listing. */
export function weeksWaited(listedOn: Date, today: string): number {
  const days = DateTime.fromISO(today, { zone: 'utc' }).diff(calendar(listedOn), 'days').days;
  return Math.max(0, Math.floor(days / 7));
}

export type WaitingEntry = {
  id: string;
  priority: Priority;
  listedOn: Date;
  /** The referral's clock start, if the request came from a referral. */
  clockStartOn: Date | null;
};

export function breachDateOf(entry: Pick<WaitingEntry, 'listedOn' | 'clockStartOn'>): Date {
  return breachDate(entry.clockStartOn ?? entry.listedOn);
}

export function compareWaiting(a: WaitingEntry, b: WaitingEntry): number {
  return (
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    breachDateOf(a).getTime() - breachDateOf(b).getTime() ||
    a.listedOn.getTime() - b.listedOn.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function sortWaitingList<T extends WaitingEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareWaiting);
}
