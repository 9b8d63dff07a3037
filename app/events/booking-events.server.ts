// What happened to a booking, said once by the use case that did it (docs/decisions/0021). The use case records
// the event in its own transaction; the subscribers (messaging, registered in app/wiring.server.ts) react in that
// same transaction, so the change, its event and whatever they cause commit or roll back together: a refused
// booking records nothing and queues nothing.
//
// This module knows no domain: it imports none, and domains import it rather than each other. An event holds
// ids and codes only, never patient data.
import type { Prisma } from '~/generated/prisma/client';
import type { BookingEventType } from '~/generated/prisma/enums';

type Tx = Prisma.TransactionClient;

export type BookingEvent =
  /** A consultation or a procedure case was booked. */
  | { type: 'BOOKED'; appointmentId: string }
  /**
   * An appointment moved to a new time. A consultation moves to a new row (`previousAppointmentId`, which keeps
   * the old time); a procedure case keeps its row, so the event says the time it had (`previousStartsAt`).
   */
  | ({ type: 'MOVED'; appointmentId: string } & (
      | { previousAppointmentId: string; previousStartsAt?: never }
      | { previousStartsAt: Date; previousAppointmentId?: never }
    ))
  /** One appointment cancelled, or every one on a cancelled list or clinic. */
  | { type: 'CANCELLED'; appointmentIds: string[] }
  | { type: 'DID_NOT_ATTEND'; appointmentId: string }
  /**
   * A doctor confirmed or changed a blood-thinner or diabetes-medicine plan for a procedure request.
   * `changeKey` names this change, so a retried transaction causes its consequences once.
   */
  | { type: 'MEDICINE_PLAN_CHANGED'; procedureRequestId: string; changeKey: string };

// Every event type is a value of the database's enum, and the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesMatchTheSchema: Same<BookingEvent['type'], BookingEventType> = true;
void typesMatchTheSchema;

export type BookingEventSubscriber = (tx: Tx, event: BookingEvent, now: Date) => Promise<void>;

/**
 * Subscribers every process that records events must have. Without messaging a booking would tell the patient
 * nothing, silently; recording refuses instead.
 */
const REQUIRED_SUBSCRIBERS = ['messaging'] as const;

// Per module instance: the Remix server bundle and modules loaded by tsx are different instances, so each entry
// point that runs use cases registers in its own (app/wiring.server.ts).
const subscribers = new Map<string, BookingEventSubscriber>();

/**
 * Registers `react` under `name`, replacing any subscriber of that name (registering twice is harmless).
 * Subscribers run in the order they were first registered. Returns a function that removes it again.
 */
export function subscribeToBookingEvents(name: string, react: BookingEventSubscriber): () => void {
  subscribers.set(name, react);
  return () => {
    if (subscribers.get(name) === react) subscribers.delete(name);
  };
}

export class MissingSubscriberError extends Error {
  override name = 'MissingSubscriberError';
}

/** The row's columns: the appointments and request the event is about, the rest as JSON. */
function rowOf(event: BookingEvent, now: Date): Prisma.BookingEventCreateInput {
  const base = { type: event.type, occurredAt: now };
  switch (event.type) {
    case 'BOOKED':
    case 'DID_NOT_ATTEND':
      return { ...base, appointmentIds: [event.appointmentId] };
    case 'MOVED':
      return event.previousAppointmentId !== undefined
        ? { ...base, appointmentIds: [event.appointmentId, event.previousAppointmentId], payload: { previousAppointmentId: event.previousAppointmentId } }
        : { ...base, appointmentIds: [event.appointmentId], payload: { previousStartsAt: event.previousStartsAt.toISOString() } };
    case 'CANCELLED':
      return { ...base, appointmentIds: event.appointmentIds };
    case 'MEDICINE_PLAN_CHANGED':
      return { ...base, appointmentIds: [], procedureRequestId: event.procedureRequestId, payload: { changeKey: event.changeKey } };
  }
}

/**
 * Records what happened, inside the caller's transaction, then runs every subscriber in it. A subscriber's
 * error rolls the whole change back. Throws MissingSubscriberError, before writing anything, if this process
 * never registered the subscribers it must have.
 */
export async function recordBookingEvent(tx: Tx, event: BookingEvent, now: Date): Promise<void> {
  const missing = REQUIRED_SUBSCRIBERS.filter((name) => !subscribers.has(name));
  if (missing.length > 0) {
    throw new MissingSubscriberError(
      `No ${missing.join(', ')} subscriber for booking events in this process: its entry point must import ~/wiring.server before running a use case.`,
    );
  }
  await tx.bookingEvent.create({ data: rowOf(event, now), select: { id: true } });
  for (const react of [...subscribers.values()]) await react(tx, event, now);
}
