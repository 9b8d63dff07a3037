// Referral to treatment (RTT): the NHS 18-week standard, measured from the clock start (the day the referral
// arrived, reset by a first-appointment DNA). Pure: calendar dates are local (Europe/London) "yyyy-MM-dd"
// strings, `now` and the zone are passed in, so a wait is counted in whole local days whatever the machine's
// zone and whatever the clocks did in between.
import { addLocalDays, localDateOf, parseLocalDate } from './session-times';

export const RTT_WEEKS = 18;
/** A wait this close to its breach date (in days) is flagged so it is booked first. */
export const DUE_SOON_DAYS = 14;

/**
 * The date by which the 18 weeks are up: the clock start plus 18 weeks (126 days). A patient still waiting
 * after this date has waited more than 18 weeks.
 */
export function rttBreachDate(clockStartOn: string, zone: string): string {
  return addLocalDays(clockStartOn, RTT_WEEKS * 7, zone);
}

/** Whole local days from one date to another (negative if `to` is before `from`). */
function daysBetween(from: string, to: string, zone: string): number {
  return Math.round(parseLocalDate(to, zone).diff(parseLocalDate(from, zone), 'days').days);
}

/** Completed weeks waited, as of `now`, since the clock start (0 in the first week, never negative). */
export function weeksWaited(clockStartOn: string, now: Date, zone: string): number {
  const days = daysBetween(clockStartOn, localDateOf(now, zone), zone);
  return Math.max(0, Math.floor(days / 7));
}

export type RttFlag = 'BREACHED' | 'DUE_SOON' | 'ON_TRACK';

export type RttPosition = {
  breachOn: string;
  weeksWaited: number;
  /** Days from today to the breach date: 0 on the breach date, negative once breached. */
  daysToBreach: number;
  flag: RttFlag;
};

/** Where a waiting patient stands against the 18-week standard, as of `now`. */
export function rttPosition(clockStartOn: string, now: Date, zone: string): RttPosition {
  const breachOn = rttBreachDate(clockStartOn, zone);
  const daysToBreach = daysBetween(localDateOf(now, zone), breachOn, zone);
  const flag: RttFlag = daysToBreach < 0 ? 'BREACHED' : daysToBreach <= DUE_SOON_DAYS ? 'DUE_SOON' : 'ON_TRACK';
  return { breachOn, weeksWaited: weeksWaited(clockStartOn, now, zone), daysToBreach, flag };
}
