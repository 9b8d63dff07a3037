// When staff phone a patient to agree a missing medicine plan: the day the leaflet promises the call and the
// day the staff task falls due are one and the same, so they are computed here, once. Pure; Europe/London.
import { DateTime } from 'luxon';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

/** We aim to have agreed a plan a week before the procedure, so the patient has time to follow it. */
export const PLAN_CALL_DAYS_BEFORE = 7;

/** The local day (start of day, Europe/London) by which the call is due for a procedure starting at `start`. */
export function planCallDay(start: DateTime): DateTime {
  return start.setZone(UNIT_TIME_ZONE).startOf('day').minus({ days: PLAN_CALL_DAYS_BEFORE });
}
