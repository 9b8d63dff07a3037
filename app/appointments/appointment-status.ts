// Appointment states as the booking rules see them, for consultations and procedures alike. Pure: shared by use cases, pages and tests.
import type { AppointmentStatus } from '~/generated/prisma/enums';

/** Statuses that hold a slot and the patient's time (the database's no-overlap rule uses the same set). */
export const ACTIVE_STATUSES = ['BOOKED', 'CONFIRMED', 'ARRIVED'] as const satisfies readonly AppointmentStatus[];

export const CANCELLED_STATUSES = ['CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL'] as const satisfies readonly AppointmentStatus[];

export type CancelledBy = 'PATIENT' | 'HOSPITAL';

export const CANCELLED_STATUS: Record<CancelledBy, (typeof CANCELLED_STATUSES)[number]> = {
  PATIENT: 'CANCELLED_BY_PATIENT',
  HOSPITAL: 'CANCELLED_BY_HOSPITAL',
};

export const STATUS_LABEL: Record<AppointmentStatus, string> = {
  BOOKED: 'Booked',
  CONFIRMED: 'Confirmed',
  ARRIVED: 'Arrived',
  COMPLETED: 'Completed',
  DNA: 'Did not answer',
  CANCELLED_BY_PATIENT: 'Cancelled by patient',
  CANCELLED_BY_HOSPITAL: 'Cancelled by hospital',
};

export function isActive(status: AppointmentStatus): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}
