// Which procedure lists may take which case (DESIGN.md rules 1, 2, 7). Pure: the booking use case throws
// these refusals, and the booking page uses the same rules to show only the lists that fit.
// The database still has the last word on capacity and on a patient's overlapping appointments.
import { DomainError } from '~/errors';
import type { Guidance } from '../reference-data';
import { localDateOf, type PlannedCase, type TimeRange } from '../session-times';
import { placeInEarliestGap } from './list-timeline';

export const GUIDANCE_LABEL: Record<Guidance, string> = { XRAY: 'X-ray', ULTRASOUND: 'ultrasound' };

export const LIST_FULL_MESSAGE = 'This list no longer has room for this procedure. Choose another list.';

export type ListToBook = TimeRange & {
  status: 'ACTIVE' | 'CANCELLED';
  modality: Guidance;
  capacityMinutes: number;
  bookedMinutes: number;
  site: { name: string; hasInterventionalSuite: boolean };
};

export type RequestToBook = { guidance: Guidance; minutes: number };

/**
 * Why this list cannot take this request, as the DomainError a clerk should see, or null if it can:
 * a site without an interventional suite, the wrong guidance, a list that has started or been cancelled,
 * or too few minutes left.
 */
export function listRefusal(list: ListToBook, request: RequestToBook, now: Date): DomainError | null {
  if (!list.site.hasInterventionalSuite) {
    return new DomainError(
      'SITE_HAS_NO_SUITE',
      `Procedures can only be done at a site with an interventional suite. ${list.site.name} has none: choose a list at a site that has one.`,
    );
  }
  if (list.modality !== request.guidance) {
    const needed = GUIDANCE_LABEL[request.guidance];
    return new DomainError(
      'MODALITY_MISMATCH',
      `This procedure needs ${needed} guidance, but this is an ${GUIDANCE_LABEL[list.modality]} list. Choose an ${needed} list.`,
    );
  }
  if (list.startsAt <= now) {
    return new DomainError('PAST_DATE', 'This list has already started or is in the past. Choose a list in the future.');
  }
  if (list.status !== 'ACTIVE') {
    return new DomainError('LIST_CANCELLED', 'This list has been cancelled. Choose another list.');
  }
  if (list.capacityMinutes - list.bookedMinutes < request.minutes) {
    return new DomainError('LIST_FULL', LIST_FULL_MESSAGE);
  }
  return null;
}

export function assertListCanTake(list: ListToBook, request: RequestToBook, now: Date): void {
  const refusal = listRefusal(list, request, now);
  if (refusal) throw refusal;
}

/** The local dates (yyyy-MM-dd) on which the patient already has an active appointment. */
export function busyDates(appointments: readonly { startsAt: Date }[], zone: string): Set<string> {
  return new Set(appointments.map((a) => localDateOf(a.startsAt, zone)));
}

export type ListWithCases<L extends ListToBook> = L & { cases: readonly TimeRange[] };

/**
 * The lists that would take the request now, each with where the case would go: the rules above, a gap
 * long enough in the list's timeline, and no other appointment for the patient that day. In list order.
 */
export function listsThatFit<L extends ListToBook>(
  lists: readonly ListWithCases<L>[],
  request: RequestToBook,
  patientBusyDates: ReadonlySet<string>,
  now: Date,
  zone: string,
): { list: ListWithCases<L>; planned: PlannedCase }[] {
  const fits: { list: ListWithCases<L>; planned: PlannedCase }[] = [];
  for (const list of lists) {
    if (listRefusal(list, request, now)) continue;
    if (patientBusyDates.has(localDateOf(list.startsAt, zone))) continue;
    const planned = placeInEarliestGap(list, list.cases, request.minutes);
    if (planned) fits.push({ list, planned });
  }
  return fits;
}
