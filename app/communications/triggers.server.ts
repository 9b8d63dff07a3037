// The messages a booking change causes (issue 6; DESIGN.md "Communications", rules 6 and 8; ADR 10). Use cases
// do not call these: they record a booking event (app/events), and booking-reactions.server.ts calls the function
// for it inside the booking, moving or cancelling transaction (ADR 21), so the change, its event and its
// messages commit or roll back together: a refused booking queues nothing.
//
//   booked    -> booking confirmation (consultation) or the pre-procedure leaflets with a calendar file
//                (procedure), by email or a printed letter; reminders by email and/or text.
//   moved     -> the old time's unsent messages cancelled; a change-of-time message (with new leaflets for a
//                procedure: their stop dates follow the new date) and new reminders.
//   cancelled -> unsent messages cancelled (reminders included); a cancellation message.
//   DNA       -> unsent reminders cancelled.
//   plan      -> a blood-thinner or diabetes plan confirmed or changed: new leaflets for a patient who has them.
// A patient who was never sent anything about the appointment (its first message was still queued) is not
// told of a change to it: a moved appointment gets a fresh booking message instead, a cancelled one nothing.
//
// A message with leaflets whose parts are not all approved for patients (rule 10) is queued held: see enqueueFor.
//
// Idempotency keys come from the appointment's id and version (channels.ts), so a retried transaction or a
// double-submitted form never queues a message twice.
import type { Prisma } from '~/generated/prisma/client';
import type { MessagePurpose } from '~/generated/prisma/enums';
import { LEAFLET_HOLD_CODE, LEAFLET_HOLD_RECHECK_MS } from '~/leaflets/leaflet-approval';
import { leafletApprovalBlocks } from '~/leaflets/leaflet-documents.server';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import {
  appointmentMessageKey,
  primaryDelivery,
  printLetterTaskKey,
  reminderDeliveries,
  type Delivery,
  type MessagePayload,
} from './channels';
import { defaultSubject, UPDATED_LEAFLETS_SUBJECT } from './email-content';
import { cancelQueuedMessages, enqueueMessage } from './outbox.server';
import { reminderSchedule } from './reminders';
import { getReminderDaysBefore } from './reminders.server';

type Tx = Prisma.TransactionClient;

const appointmentSelect = {
  id: true,
  kind: true,
  version: true,
  patientId: true,
  startsAt: true,
  patient: { select: { email: true, emailConsent: true, mobilePhone: true, smsConsent: true } },
} as const;

type AppointmentForMessages = Prisma.AppointmentGetPayload<{ select: typeof appointmentSelect }>;

async function loadAppointment(tx: Tx, appointmentId: string): Promise<AppointmentForMessages> {
  return tx.appointment.findUniqueOrThrow({ where: { id: appointmentId }, select: appointmentSelect });
}

export const LETTER_TASK_TITLE: Record<MessagePurpose, string> = {
  BOOKING_CONFIRMATION: 'Print and post a booking letter',
  PRE_PROCEDURE_LEAFLET: 'Print and post a booking letter with the procedure leaflets',
  AFTERCARE_LEAFLET: 'Print and post an aftercare letter',
  REMINDER: 'Print and post a reminder letter',
  CANCELLATION: 'Print and post a cancellation letter',
  TIME_CHANGE: 'Print and post a change-of-time letter',
};

/** Queues one message; a letter also gets an open print task for the clerks (one per message). */
export async function enqueueFor(
  tx: Tx,
  input: {
    idempotencyKey: string;
    delivery: Delivery;
    purpose: MessagePurpose;
    patientId: string;
    appointmentId: string | null;
    payload: MessagePayload;
    notBefore?: Date;
    /** Default: the purpose's subject. */
    subject?: string;
  },
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const result = await enqueueMessage(
    tx,
    {
      idempotencyKey: input.idempotencyKey,
      channel: input.delivery.channel,
      purpose: input.purpose,
      patientId: input.patientId,
      appointmentId: input.appointmentId,
      recipient: input.delivery.recipient,
      subject: input.subject ?? defaultSubject(input.purpose),
      payload: input.payload,
      notBefore: input.notBefore,
    },
    now,
  );
  if (result.created && input.payload.attachLeaflets && input.appointmentId) {
    // Rule 10: leaflets using a part not approved for patients are never made. The message is kept, held with
    // the reason, so the booking stands, the clerk sees why nothing went, and approving the part sends it.
    const blocks = await leafletApprovalBlocks(tx, input.appointmentId, now);
    if (blocks.length > 0) {
      await tx.outboxMessage.update({
        where: { id: result.id },
        data: { lastError: LEAFLET_HOLD_CODE, nextAttemptAt: new Date(now.getTime() + LEAFLET_HOLD_RECHECK_MS) },
        select: { id: true },
      });
    }
  }
  if (result.created && input.delivery.channel === 'LETTER') {
    await tx.task.createMany({
      data: [
        {
          kind: 'PRINT_LETTER',
          title: LETTER_TASK_TITLE[input.purpose],
          dedupeKey: printLetterTaskKey(result.id),
          patientId: input.patientId,
          // Linked to the appointment through its message: the appointment's own tasks (rebooking, DNA
          // review) stay the clinical to-do list.
          messageId: result.id,
        },
      ],
      skipDuplicates: true,
    });
  }
  return result;
}

function basePayload(appointment: AppointmentForMessages): MessagePayload {
  return { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() };
}

const isProcedure = (appointment: AppointmentForMessages) => appointment.kind === 'PROCEDURE';

async function enqueuePrimary(
  tx: Tx,
  appointment: AppointmentForMessages,
  purpose: MessagePurpose,
  payload: MessagePayload,
  now: Date,
) {
  const delivery = primaryDelivery(appointment.patient);
  return enqueueFor(
    tx,
    {
      idempotencyKey: appointmentMessageKey({ appointmentId: appointment.id, version: appointment.version, purpose, channel: delivery.channel }),
      delivery,
      purpose,
      patientId: appointment.patientId,
      appointmentId: appointment.id,
      // A calendar file means nothing on paper; a letter encloses the leaflets when they are attached.
      payload: delivery.channel === 'EMAIL' ? { ...payload, includeCalendar: true } : payload,
    },
    now,
  );
}

async function enqueueReminders(tx: Tx, appointment: AppointmentForMessages, now: Date): Promise<number> {
  const deliveries = reminderDeliveries(appointment.patient);
  if (deliveries.length === 0) return 0;
  const schedule = reminderSchedule(appointment.startsAt, await getReminderDaysBefore(tx), now, UNIT_TIME_ZONE);
  let queued = 0;
  for (const delivery of deliveries) {
    for (const reminder of schedule) {
      const result = await enqueueFor(
        tx,
        {
          idempotencyKey: appointmentMessageKey({
            appointmentId: appointment.id,
            version: appointment.version,
            purpose: 'REMINDER',
            channel: delivery.channel,
            reminderDaysBefore: reminder.daysBefore,
          }),
          delivery,
          purpose: 'REMINDER',
          patientId: appointment.patientId,
          appointmentId: appointment.id,
          payload: { ...basePayload(appointment), reminderDaysBefore: reminder.daysBefore },
          notBefore: reminder.dueAt,
        },
        now,
      );
      if (result.created) queued += 1;
    }
  }
  return queued;
}

/**
 * Cancels an appointment's unsent messages (all purposes, or those given) and closes the print tasks of
 * letters that will now never be posted.
 */
async function cancelUnsent(tx: Tx, appointmentId: string, now: Date, purposes?: MessagePurpose[]): Promise<void> {
  await cancelQueuedMessages(tx, { appointmentId, purposes }, now);
  await tx.task.updateMany({
    where: { kind: 'PRINT_LETTER', status: 'OPEN', message: { appointmentId, status: 'CANCELLED' } },
    data: { status: 'DONE', doneAt: now },
  });
}

/**
 * True if any message about these appointments has left (or may have left) the building: sent, being sent or
 * failed, or a letter already printed (it may be in the post even if nobody marked it as posted yet).
 */
async function patientWasTold(tx: Tx, appointmentIds: string[]): Promise<boolean> {
  const count = await tx.outboxMessage.count({
    where: {
      appointmentId: { in: appointmentIds },
      OR: [{ status: { in: ['SENDING', 'SENT', 'FAILED'] } }, { channel: 'LETTER', attachments: { some: {} } }],
    },
  });
  return count > 0;
}

/** After booking a consultation or a procedure, in the booking's transaction. */
export async function queueBookingMessages(tx: Tx, input: { appointmentId: string; now: Date }): Promise<void> {
  const appointment = await loadAppointment(tx, input.appointmentId);
  const procedure = isProcedure(appointment);
  await enqueuePrimary(
    tx,
    appointment,
    procedure ? 'PRE_PROCEDURE_LEAFLET' : 'BOOKING_CONFIRMATION',
    procedure ? { ...basePayload(appointment), attachLeaflets: true } : basePayload(appointment),
    input.now,
  );
  await enqueueReminders(tx, appointment, input.now);
}

/**
 * After an appointment moved to a new time, in the move's transaction. `appointmentId` is the appointment at
 * the new time (for consultations a new row, `previousAppointmentId` the old one; for procedures the same row).
 */
export async function queueTimeChangeMessages(
  tx: Tx,
  input: { appointmentId: string; previousStartsAt?: Date; previousAppointmentId?: string; now: Date },
): Promise<void> {
  const previousStartsAt =
    input.previousStartsAt ?? (await loadAppointment(tx, input.previousAppointmentId ?? input.appointmentId)).startsAt;
  const related = [input.appointmentId, ...(input.previousAppointmentId ? [input.previousAppointmentId] : [])];
  for (const id of related) await cancelUnsent(tx, id, input.now);
  // Read after cancelling: the cancel waited for any worker holding a row, so what is left has gone or is going.
  const told = await patientWasTold(tx, related);
  const appointment = await loadAppointment(tx, input.appointmentId);
  const procedure = isProcedure(appointment);
  const payload: MessagePayload = {
    ...basePayload(appointment),
    // New leaflets with the move: a blood-thinner stop date follows the procedure's date.
    ...(procedure ? { attachLeaflets: true } : {}),
  };
  if (told) {
    await enqueuePrimary(tx, appointment, 'TIME_CHANGE', { ...payload, previousStartsAt: previousStartsAt.toISOString() }, input.now);
  } else {
    await enqueuePrimary(tx, appointment, procedure ? 'PRE_PROCEDURE_LEAFLET' : 'BOOKING_CONFIRMATION', payload, input.now);
  }
  await enqueueReminders(tx, appointment, input.now);
}

/** After appointments were cancelled (one, or every one on a cancelled list or clinic), in the same transaction. */
export async function queueCancellationMessages(tx: Tx, input: { appointmentIds: string[]; now: Date }): Promise<void> {
  for (const appointmentId of input.appointmentIds) {
    await cancelUnsent(tx, appointmentId, input.now);
    if (!(await patientWasTold(tx, [appointmentId]))) continue;
    const appointment = await loadAppointment(tx, appointmentId);
    await enqueuePrimary(tx, appointment, 'CANCELLATION', basePayload(appointment), input.now);
  }
}

/**
 * After a doctor confirmed or changed a blood-thinner plan, in the same transaction: every future booked case
 * of the request whose patient already has (or may have) their leaflets is sent new ones, which say they
 * replace the earlier ones. A leaflet message still waiting to go needs nothing: it is made when it is sent,
 * from the plan as it is then. `changeKey` identifies this confirmation, so a retried transaction queues once.
 */
export async function queueLeafletUpdateMessages(tx: Tx, input: { procedureRequestId: string; changeKey: string; now: Date }): Promise<number> {
  const appointments = await tx.appointment.findMany({
    where: { procedureRequestId: input.procedureRequestId, kind: 'PROCEDURE', status: { in: [...ACTIVE_STATUSES] }, startsAt: { gt: input.now } },
    select: { id: true },
  });
  let queued = 0;
  for (const { id } of appointments) {
    if (!(await leafletsWereSent(tx, id))) continue;
    const appointment = await loadAppointment(tx, id);
    const delivery = primaryDelivery(appointment.patient);
    const result = await enqueueFor(
      tx,
      {
        idempotencyKey: `${appointmentMessageKey({ appointmentId: id, version: appointment.version, purpose: 'PRE_PROCEDURE_LEAFLET', channel: delivery.channel })}:plan:${input.changeKey}`,
        delivery,
        purpose: 'PRE_PROCEDURE_LEAFLET',
        patientId: appointment.patientId,
        appointmentId: id,
        payload: { ...basePayload(appointment), attachLeaflets: true, leafletsUpdated: true },
        subject: UPDATED_LEAFLETS_SUBJECT,
      },
      input.now,
    );
    if (result.created) queued += 1;
  }
  return queued;
}

/** True if leaflets about this appointment have left (or may have left): an email sent or being sent, or a letter printed. */
async function leafletsWereSent(tx: Tx, appointmentId: string): Promise<boolean> {
  const count = await tx.outboxMessage.count({
    where: {
      appointmentId,
      purpose: { in: ['PRE_PROCEDURE_LEAFLET', 'TIME_CHANGE'] },
      OR: [{ status: { in: ['SENDING', 'SENT'] } }, { channel: 'LETTER', attachments: { some: {} } }],
    },
  });
  return count > 0;
}

/** After a patient did not attend: reminders still queued are pointless now. */
export async function cancelRemindersAfterDna(tx: Tx, input: { appointmentId: string; now: Date }): Promise<void> {
  await cancelUnsent(tx, input.appointmentId, input.now, ['REMINDER']);
}
