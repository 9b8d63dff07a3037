// Words for procedure codes and dates, shared by the pages, the printed day list, the CSV and messages.
import { formatLongDate } from '~/utils/format';

export const SIDE_LABEL: Record<string, string> = { LEFT: 'Left', RIGHT: 'Right', BOTH: 'Both sides', NOT_APPLICABLE: '' };
export const SESSION_PART_LABEL: Record<string, string> = { MORNING: 'Morning', AFTERNOON: 'Afternoon' };
export const MODALITY_LABEL: Record<string, string> = { XRAY: 'X-ray', ULTRASOUND: 'Ultrasound' };

/** A procedure case's status in words ("DNA" means did not attend here, not "did not answer"). */
export const CASE_STATUS_LABEL: Record<string, string> = {
  BOOKED: 'Booked',
  CONFIRMED: 'Confirmed',
  ARRIVED: 'Arrived',
  COMPLETED: 'Done',
  DNA: 'Did not attend',
  CANCELLED_BY_PATIENT: 'Cancelled by patient',
  CANCELLED_BY_HOSPITAL: 'Cancelled by hospital',
};

/** "SURNAME, First name", as clinical lists show names. */
export function listName(patient: { firstName: string; lastName: string }): string {
  return `${patient.lastName.toLocaleUpperCase('en-GB')}, ${patient.firstName}`;
}

/** "Left, L4/5, L5/S1", or "" when neither side nor levels apply. */
export function sideAndLevels(side: string, levels: string | null): string {
  return [SIDE_LABEL[side] ?? side, levels ?? ''].filter((part) => part !== '').join(', ');
}

/** "Morning list, Sunday 28 March 2027, Maidstone Hospital" */
export function listTitle(list: { sessionPart: string; startsAt: Date; site: { name: string } }): string {
  return `${SESSION_PART_LABEL[list.sessionPart] ?? list.sessionPart} list, ${formatLongDate(list.startsAt)}, ${list.site.name}`;
}
