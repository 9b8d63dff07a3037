// Messaging's reply to each booking event (docs/decisions/0021): what the patient is told is decided here, in
// communications (ADR 10), not by the use case that changed the booking. Runs inside the use case's transaction
// (app/events/booking-events.server.ts), so the messages commit or roll back with the change.
import type { Prisma } from '~/generated/prisma/client';
import type { BookingEvent } from '~/events/booking-events.server';
import {
  cancelRemindersAfterDna,
  queueBookingMessages,
  queueCancellationMessages,
  queueLeafletUpdateMessages,
  queueTimeChangeMessages,
} from './triggers.server';

export async function tellPatientsAbout(tx: Prisma.TransactionClient, event: BookingEvent, now: Date): Promise<void> {
  switch (event.type) {
    case 'BOOKED':
      return queueBookingMessages(tx, { appointmentId: event.appointmentId, now });
    case 'MOVED':
      return queueTimeChangeMessages(tx, {
        appointmentId: event.appointmentId,
        previousAppointmentId: event.previousAppointmentId,
        previousStartsAt: event.previousStartsAt,
        now,
      });
    case 'CANCELLED':
      return queueCancellationMessages(tx, { appointmentIds: event.appointmentIds, now });
    case 'DID_NOT_ATTEND':
      return cancelRemindersAfterDna(tx, { appointmentId: event.appointmentId, now });
    case 'MEDICINE_PLAN_CHANGED':
      await queueLeafletUpdateMessages(tx, { procedureRequestId: event.procedureRequestId, changeKey: event.changeKey, now });
      return;
    default: {
      // A new event type must be given its messages here (or none, said explicitly): the compiler insists.
      const unhandled: never = event;
      throw new Error(`no messaging reaction for booking event ${(unhandled as { type: string }).type}`);
    }
  }
}
