// The procedure waiting list's order. Pure.
//
// Order: priority (urgent, soon, routine), then the RTT breach date (18 weeks from the referral's clock
// start: the procedure is usually the first definitive treatment, which stops the clock), then the day the
// patient was listed; so within a priority whoever is nearest to breaching, then waiting longest, comes
// first. A request without a referral is ordered by the breach date its listing date would give.
import { rttBreachDate } from '../rtt';

export type Priority = 'URGENT' | 'SOON' | 'ROUTINE';

export const PRIORITY_ORDER: Record<Priority, number> = { URGENT: 0, SOON: 1, ROUTINE: 2 };

export type WaitingEntry = {
  id: string;
  priority: Priority;
  /** Local dates, yyyy-MM-dd. */
  listedOn: string;
  /** The referral's clock start, if the request came from a referral. */
  clockStartOn: string | null;
};

/** The RTT breach date the entry is ordered by (yyyy-MM-dd). */
export function breachDateOf(entry: Pick<WaitingEntry, 'listedOn' | 'clockStartOn'>, zone: string): string {
  return rttBreachDate(entry.clockStartOn ?? entry.listedOn, zone);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortWaitingList<T extends WaitingEntry>(entries: readonly T[], zone: string): T[] {
  return entries
    .map((entry) => ({ entry, breachOn: breachDateOf(entry, zone) }))
    .sort(
      (a, b) =>
        PRIORITY_ORDER[a.entry.priority] - PRIORITY_ORDER[b.entry.priority] ||
        byText(a.breachOn, b.breachOn) ||
        byText(a.entry.listedOn, b.entry.listedOn) ||
        byText(a.entry.id, b.entry.id),
    )
    .map(({ entry }) => entry);
}
