// How a message reaches a patient (DESIGN.md rule 6), what it is called, and its idempotency key. Pure.
//
// - Email when the patient consented to email and has an address; otherwise a printed letter, which a clerk
//   prints and posts from the "Letters to print" queue.
// - Text message reminders as well when the patient consented to texts and has a mobile number.
// - Reminders go by email and/or text only: a reminder letter printed two days before would arrive too late
//   to help, and a patient on letters already has the date in their booking letter.
import type { ContactChannel, MessagePurpose, MessageStatus } from '~/generated/prisma/enums';

export type PatientContact = {
  email: string | null;
  emailConsent: boolean;
  mobilePhone: string | null;
  smsConsent: boolean;
};

export type Delivery = { channel: ContactChannel; recipient: string | null };

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** The one channel for letters, confirmations and leaflets: email, or a printed letter. */
export function primaryDelivery(patient: PatientContact): Delivery {
  if (patient.emailConsent && present(patient.email)) return { channel: 'EMAIL', recipient: patient.email.trim() };
  return { channel: 'LETTER', recipient: null };
}

/** The channels reminders go by (possibly none: a patient on letters without text consent). */
export function reminderDeliveries(patient: PatientContact): Delivery[] {
  const deliveries: Delivery[] = [];
  const primary = primaryDelivery(patient);
  if (primary.channel === 'EMAIL') deliveries.push(primary);
  if (patient.smsConsent && present(patient.mobilePhone)) deliveries.push({ channel: 'SMS', recipient: patient.mobilePhone.trim() });
  return deliveries;
}

/** The delivery for a resend on `channel`, from the patient's details now; null if that channel is not possible. */
export function deliveryFor(channel: ContactChannel, patient: PatientContact): Delivery | null {
  if (channel === 'SMS') {
    return patient.smsConsent && present(patient.mobilePhone) ? { channel: 'SMS', recipient: patient.mobilePhone.trim() } : null;
  }
  // Email and letters follow the consent recorded now: a patient who withdrew email consent gets a letter.
  return primaryDelivery(patient);
}

/** Words for staff screens. */
export const PURPOSE_LABEL: Record<MessagePurpose, string> = {
  BOOKING_CONFIRMATION: 'Booking confirmation',
  PRE_PROCEDURE_LEAFLET: 'Leaflets before the procedure',
  AFTERCARE_LEAFLET: 'Aftercare leaflet',
  REMINDER: 'Reminder',
  CANCELLATION: 'Cancellation',
  TIME_CHANGE: 'Change of time',
};

export const CHANNEL_LABEL: Record<ContactChannel, string> = {
  EMAIL: 'Email',
  SMS: 'Text message',
  LETTER: 'Letter',
};

/** What the worker's composers read from OutboxMessage.payload. */
export type MessagePayload = {
  appointmentId: string;
  /** ISO instant the message is about (the appointment's start when it was queued). */
  startsAt: string;
  /** TIME_CHANGE: the old time. */
  previousStartsAt?: string;
  /** REMINDER. */
  reminderDaysBefore?: number;
  /** The doctor confirmed or changed the blood-thinner plan after the patient was sent their leaflets: these replace them. */
  leafletsUpdated?: boolean;
  /** Attach the leaflet PDFs (procedures). */
  attachLeaflets?: boolean;
  /** Attach an .ics (booking, time change; a cancelling .ics for CANCELLATION). */
  includeCalendar?: boolean;
};

/**
 * The idempotency key of a message caused by a change to an appointment: the same change (same appointment
 * version) always gives the same key, so a retried request or double-submitted form queues it once.
 */
export function appointmentMessageKey(input: {
  appointmentId: string;
  version: number;
  purpose: MessagePurpose;
  channel: ContactChannel;
  reminderDaysBefore?: number;
}): string {
  const base = `appointment:${input.appointmentId}:v${input.version}:${input.purpose.toLowerCase()}:${input.channel.toLowerCase()}`;
  return input.reminderDaysBefore === undefined ? base : `${base}:d${input.reminderDaysBefore}`;
}

/** The print task for a letter: one per message. */
export function printLetterTaskKey(messageId: string): string {
  return `print-letter:${messageId}`;
}

/** Keys of a clerk's batch send for a day list share this prefix, so its progress can be counted. */
export function batchKeyPrefix(batchId: string): string {
  return `batch:${batchId}:`;
}

export function batchMessageKey(batchId: string, appointmentId: string): string {
  return `${batchKeyPrefix(batchId)}${appointmentId}`;
}

/** A resend is keyed by its form, so submitting the form twice queues one message. */
export function resendMessageKey(formKey: string): string {
  return `resend:${formKey}`;
}

export const STATUS_LABEL: Record<MessageStatus, string> = {
  QUEUED: 'Queued',
  SENDING: 'Sending',
  SENT: 'Sent',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export const STATUS_TAG: Record<MessageStatus, 'blue' | 'green' | 'red' | 'grey' | 'yellow'> = {
  QUEUED: 'blue',
  SENDING: 'yellow',
  SENT: 'green',
  FAILED: 'red',
  CANCELLED: 'grey',
};
