// The outbox (DESIGN.md "Communications", rules 6 and 8): every message to a patient is a row written in
// the same transaction as the change that causes it, so a booking and its messages commit or roll back
// together. A worker sends due rows later; nothing here talks to a mail server.
import type { Prisma } from '~/generated/prisma/client';
import type { ContactChannel, MessagePurpose } from '~/generated/prisma/enums';

type Tx = Prisma.TransactionClient;

export type EnqueueMessage = {
  /** Unique per logical message, e.g. "appointment:<id>:v<version>:booking-confirmation:email". A repeat is a no-op. */
  idempotencyKey: string;
  channel: ContactChannel;
  purpose: MessagePurpose;
  patientId: string;
  appointmentId?: string | null;
  /** Email address or phone number; null for a printed letter. */
  recipient: string | null;
  /** No patient data beyond what the message needs (never the procedure or a medicine in a subject line). */
  subject: string;
  /** What the composer needs to write the message at send time: identifiers and codes, not prose. */
  payload?: Prisma.InputJsonValue;
  /** The message is not sent before this instant (reminders); default now. */
  notBefore?: Date;
};

export type EnqueueResult = { id: string; created: boolean };

/**
 * Writes one outbox row in the caller's transaction. A repeated idempotency key returns the existing row
 * unchanged, so a double-submitted form or a retried request never queues a message twice.
 */
export async function enqueueMessage(tx: Tx, message: EnqueueMessage, now: Date = new Date()): Promise<EnqueueResult> {
  const existing = await tx.outboxMessage.findUnique({ where: { idempotencyKey: message.idempotencyKey }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const row = await tx.outboxMessage.create({
    data: {
      idempotencyKey: message.idempotencyKey,
      channel: message.channel,
      purpose: message.purpose,
      patientId: message.patientId,
      appointmentId: message.appointmentId ?? null,
      recipient: message.recipient,
      subject: message.subject,
      payload: message.payload ?? {},
      nextAttemptAt: message.notBefore && message.notBefore > now ? message.notBefore : now,
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

/**
 * Cancels an appointment's messages that have not started sending (e.g. its reminders when it is cancelled
 * or moved). A message being sent or already sent is left alone: it cannot be unsent.
 */
export async function cancelQueuedMessages(
  tx: Tx,
  where: { appointmentId: string; purposes?: MessagePurpose[] },
  now: Date = new Date(),
): Promise<number> {
  const result = await tx.outboxMessage.updateMany({
    where: {
      appointmentId: where.appointmentId,
      status: 'QUEUED',
      ...(where.purposes ? { purpose: { in: where.purposes } } : {}),
    },
    data: { status: 'CANCELLED', lastError: null, updatedAt: now },
  });
  return result.count;
}
