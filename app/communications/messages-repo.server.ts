// Messages as staff see them: every message on a patient's record (with each attachment's SHA-256), a resend,
// and the unit-wide overview of failed and queued messages (DESIGN.md "Communications": state visible to
// clerks, failures raise a task).
import { LEAFLET_HOLD_CODE } from '~/leaflets/leaflet-approval';
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { BOOKING_TRANSACTION as MESSAGE_TRANSACTION } from '~/db/transactions.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { isViolationOf } from '~/db/constraint-violation.server';
import type { ContactChannel, MessagePurpose, MessageStatus } from '~/generated/prisma/enums';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { deliveryFor, resendMessageKey, type MessagePayload } from './channels';
import { enqueueFor } from './triggers.server';

type Context = { actor: NonNullable<Actor>; ipAddress: string | null };

export type PatientMessage = {
  id: string;
  purpose: MessagePurpose;
  channel: ContactChannel;
  status: MessageStatus;
  recipient: string | null;
  attempts: number;
  createdAt: Date;
  notBefore: Date;
  sentAt: Date | null;
  lastError: string | null;
  appointmentId: string | null;
  appointmentStartsAt: string | null;
  attachments: { filename: string; sha256: string; documentId: string | null }[];
  openFailureTaskId: string | null;
};

/** A patient's messages, newest first, and their open failure tasks. Viewing them is audited. */
export async function getPatientMessages(patientId: string, context: Context) {
  const prisma = await getPrisma();
  const patient = await prisma.patient.findUnique({
    where: { id: patientId },
    select: { id: true, firstName: true, lastName: true, nhsNumber: true, email: true, emailConsent: true, mobilePhone: true, smsConsent: true },
  });
  if (!patient) throw new DomainError('NOT_FOUND', 'There is no such patient.');
  const rows = await prisma.outboxMessage.findMany({
    where: { patientId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
    select: {
      id: true,
      purpose: true,
      channel: true,
      status: true,
      recipient: true,
      attempts: true,
      createdAt: true,
      nextAttemptAt: true,
      acceptedAt: true,
      lastError: true,
      appointmentId: true,
      payload: true,
      attachments: { orderBy: { id: 'asc' }, select: { filename: true, sha256: true, documentId: true } },
      tasks: { where: { kind: 'MESSAGE_FAILED', status: 'OPEN' }, select: { id: true }, take: 1 },
    },
  });
  await recordAudit(prisma, {
    actor: context.actor,
    action: 'patient.messages.view',
    entityType: 'Patient',
    entityId: patient.id,
    patientId: patient.id,
    ipAddress: context.ipAddress,
  });
  const messages: PatientMessage[] = rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    channel: row.channel,
    status: row.status,
    recipient: row.recipient,
    attempts: row.attempts,
    createdAt: row.createdAt,
    notBefore: row.nextAttemptAt,
    sentAt: row.status === 'SENT' ? row.acceptedAt : null,
    lastError: row.lastError,
    appointmentId: row.appointmentId,
    appointmentStartsAt: ((row.payload ?? {}) as Partial<MessagePayload>).startsAt ?? null,
    attachments: row.attachments,
    openFailureTaskId: row.tasks[0]?.id ?? null,
  }));
  return { patient, messages };
}

const FORM_KEY = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Queues the message again as a new outbox row, to the patient's contact details now (email falls back to a
 * letter if consent was withdrawn). The key comes from the page's form, so submitting it twice queues once.
 * A message about an appointment that has since been cancelled or moved is refused: the patient would get
 * the wrong time.
 */
export async function resendMessage(
  input: { patientId: string; messageId: string; formKey: string },
  context: Context,
  now: Date,
): Promise<{ messageId: string; created: boolean }> {
  if (!FORM_KEY.test(input.formKey)) throw new DomainError('STALE_FORM', 'This form is out of date. Open the page again and resend.');
  const prisma = await getPrisma();
  try {
    return await resendWithin(prisma, input, context, now);
  } catch (error) {
    // The same form submitted twice at once: the second meets the first's row in the unique key.
    if (!isViolationOf(error, 'OutboxMessage_idempotencyKey_key')) throw error;
    const earlier = await prisma.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: resendMessageKey(`${input.formKey}:${input.messageId}`) },
      select: { id: true },
    });
    return { messageId: earlier.id, created: false };
  }
}

async function resendWithin(
  prisma: PrismaClient,
  input: { patientId: string; messageId: string; formKey: string },
  context: Context,
  now: Date,
): Promise<{ messageId: string; created: boolean }> {
  return prisma.$transaction(async (tx) => {
    const original = await tx.outboxMessage.findUnique({
      where: { id: input.messageId },
      select: {
        id: true,
        purpose: true,
        channel: true,
        status: true,
        patientId: true,
        appointmentId: true,
        payload: true,
        patient: { select: { email: true, emailConsent: true, mobilePhone: true, smsConsent: true } },
        appointment: { select: { status: true, startsAt: true } },
      },
    });
    if (!original || original.patientId !== input.patientId) throw new DomainError('NOT_FOUND', 'There is no such message.');
    const key = resendMessageKey(`${input.formKey}:${original.id}`);
    const earlier = await tx.outboxMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (earlier) return { messageId: earlier.id, created: false };
    if (original.status === 'QUEUED' || original.status === 'SENDING') {
      throw new DomainError('STALE_FORM', 'This message has not been sent yet, so there is nothing to resend.');
    }
    if (original.status === 'CANCELLED') {
      throw new DomainError('STALE_FORM', 'This message was cancelled because its appointment changed, so it must not be sent. Resend the latest message instead.');
    }
    const payload = (original.payload ?? {}) as Partial<MessagePayload>;
    if (original.appointment && original.purpose !== 'CANCELLATION') {
      const active = (ACTIVE_STATUSES as readonly string[]).includes(original.appointment.status);
      const sameTime = payload.startsAt === undefined || payload.startsAt === original.appointment.startsAt.toISOString();
      if (!active || !sameTime) {
        throw new DomainError(
          'STALE_FORM',
          'The appointment this message is about has been cancelled or moved since it was sent, so it would give the wrong time. Resend the latest message instead.',
        );
      }
    }
    const delivery = deliveryFor(original.channel, original.patient);
    if (!delivery) {
      throw new DomainError('INVALID_INPUT', 'The patient has no mobile number with consent to text messages now, so this cannot be resent by text.');
    }
    const queued = await enqueueFor(
      tx,
      {
        idempotencyKey: key,
        delivery,
        purpose: original.purpose,
        patientId: original.patientId,
        appointmentId: original.appointmentId,
        payload: original.payload as MessagePayload,
      },
      now,
    );
    // The same form, submitted twice, committed its message between this one's check above and now.
    if (!queued.created) return { messageId: queued.id, created: false };
    // The clerk has dealt with the failure by resending.
    await tx.task.updateMany({
      where: { messageId: original.id, kind: 'MESSAGE_FAILED', status: 'OPEN' },
      data: { status: 'DONE', doneAt: now, doneById: context.actor.id },
    });
    await recordAudit(tx, {
      actor: context.actor,
      action: 'message.resend',
      entityType: 'OutboxMessage',
      entityId: queued.id,
      patientId: original.patientId,
      ipAddress: context.ipAddress,
      details: { fromMessageId: original.id, channel: delivery.channel, purpose: original.purpose },
    });
    return { messageId: queued.id, created: queued.created };
  }, MESSAGE_TRANSACTION);
}

export type FailedMessage = {
  taskId: string;
  messageId: string;
  purpose: MessagePurpose;
  channel: ContactChannel;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  patient: { id: string; name: string; nhsNumber: string };
};

const failedTaskSelect = {
  id: true,
  message: {
    select: {
      id: true,
      purpose: true,
      channel: true,
      lastError: true,
      attempts: true,
      createdAt: true,
      patient: { select: { id: true, firstName: true, lastName: true, nhsNumber: true } },
    },
  },
} satisfies Prisma.TaskSelect;

/**
 * Counts of messages by state (due now, scheduled for later such as reminders and retries, failed, letters to
 * print) and the open failure tasks, oldest first. Viewing it is audited.
 */
export async function getMessagesOverview(context: Context, now: Date) {
  const prisma = await getPrisma();
  const held = { status: 'QUEUED' as const, lastError: LEAFLET_HOLD_CODE };
  // Spelt out: a NOT over a nullable column would also drop the rows whose lastError is null.
  const notHeld = { OR: [{ lastError: null }, { lastError: { not: LEAFLET_HOLD_CODE } }] };
  const [queued, scheduled, failed, lettersToPrint, tasks, heldForApproval] = await Promise.all([
    prisma.outboxMessage.count({ where: { status: { in: ['QUEUED', 'SENDING'] }, channel: { not: 'LETTER' }, nextAttemptAt: { lte: now }, ...notHeld } }),
    prisma.outboxMessage.count({ where: { status: 'QUEUED', channel: { not: 'LETTER' }, nextAttemptAt: { gt: now }, ...notHeld } }),
    prisma.outboxMessage.count({ where: { status: 'FAILED' } }),
    prisma.outboxMessage.count({ where: { status: 'QUEUED', channel: 'LETTER' } }),
    prisma.task.findMany({
      where: { kind: 'MESSAGE_FAILED', status: 'OPEN', messageId: { not: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 200,
      select: failedTaskSelect,
    }),
    prisma.outboxMessage.count({ where: held }),
  ]);
  await recordAudit(prisma, {
    actor: context.actor,
    action: 'messages.view',
    entityType: 'OutboxMessage',
    entityId: '-',
    ipAddress: context.ipAddress,
    details: { failedShown: tasks.length },
  });
  const failures: FailedMessage[] = tasks.flatMap((task) =>
    task.message
      ? [
          {
            taskId: task.id,
            messageId: task.message.id,
            purpose: task.message.purpose,
            channel: task.message.channel,
            lastError: task.message.lastError,
            attempts: task.message.attempts,
            createdAt: task.message.createdAt,
            patient: {
              id: task.message.patient.id,
              name: `${task.message.patient.firstName} ${task.message.patient.lastName}`,
              nhsNumber: task.message.patient.nhsNumber,
            },
          },
        ]
      : [],
  );
  return { counts: { queued, scheduled, failed, lettersToPrint, heldForApproval }, failures };
}

/** The in-app mailbox shows emails to patients as sent: opening it, or one email, is audited. */
export async function auditMailboxView(context: Context, messageId: string | null): Promise<void> {
  const prisma = await getPrisma();
  const message = messageId
    ? await prisma.outboxMessage.findUnique({ where: { id: messageId }, select: { id: true, patientId: true } })
    : null;
  await recordAudit(prisma, {
    actor: context.actor,
    action: messageId ? 'mailbox.view-message' : 'mailbox.view',
    entityType: 'OutboxMessage',
    entityId: message?.id ?? messageId ?? '-',
    patientId: message?.patientId ?? null,
    ipAddress: context.ipAddress,
  });
}

export type AppointmentMessage = {
  id: string;
  purpose: MessagePurpose;
  channel: ContactChannel;
  status: MessageStatus;
  dueAt: Date;
  sentAt: Date | null;
  /** Waiting because its leaflets use a part not approved for patients (rule 10). */
  held: boolean;
};

/**
 * What the patient has been, or will be, sent about one appointment, oldest first: shown on the case page so
 * the clerk who booked it sees the leaflets go (or the letter wait to be printed). The page view is audited
 * by the page itself.
 */
export async function listAppointmentMessages(appointmentId: string): Promise<AppointmentMessage[]> {
  const prisma = await getPrisma();
  const rows = await prisma.outboxMessage.findMany({
    where: { appointmentId },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    take: 50,
    select: { id: true, purpose: true, channel: true, status: true, nextAttemptAt: true, acceptedAt: true, lastError: true },
  });
  return rows.map((row) => ({
    id: row.id,
    purpose: row.purpose,
    channel: row.channel,
    status: row.status,
    dueAt: row.nextAttemptAt,
    sentAt: row.acceptedAt,
    held: row.status === 'QUEUED' && row.lastError === LEAFLET_HOLD_CODE,
  }));
}
