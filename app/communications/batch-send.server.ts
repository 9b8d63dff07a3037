// Sending the leaflets to every patient on a day list at once (issue 6, item 7), e.g. the day before: one
// PRE_PROCEDURE_LEAFLET message per booked case, by email or a printed letter (channels.ts), keyed by the
// batch (from the clerk's form) and the case, so submitting the form twice queues each message once. The
// progress of a batch is counted from its keys' shared prefix.
// It belongs here, not in scheduling: it changes no booking, so there is nothing to record as a booking event
// (ADR 21); it only reads the list and its cases, and takes the list's row lock from app/db/locks.server.ts.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { BOOKING_TRANSACTION as MESSAGE_TRANSACTION } from '~/db/transactions.server';
import { DomainError } from '~/errors';
import { lockLists } from '~/db/locks.server';
import { listTitle } from '~/scheduling/procedures/labels';
import { batchKeyPrefix, batchMessageKey, primaryDelivery, type MessagePayload } from './channels';
import { enqueueFor } from './triggers.server';

type Context = { actor: NonNullable<Actor>; ipAddress: string | null };

/** Cases that are still coming: the leaflets are for them. */
const SENDABLE_STATUSES = ['BOOKED', 'CONFIRMED'] as const;

const BATCH_ID = /^[A-Za-z0-9-]{8,64}$/;

export function isBatchId(value: string | null | undefined): value is string {
  return typeof value === 'string' && BATCH_ID.test(value);
}

async function readList(listId: string) {
  const prisma = await getPrisma();
  const list = await prisma.procedureList.findUnique({
    where: { id: listId },
    select: { id: true, status: true, startsAt: true, sessionPart: true, site: { select: { name: true } } },
  });
  if (!list) throw new DomainError('NOT_FOUND', 'There is no such procedure list.');
  return list;
}

/** What the clerk is about to do: how many patients get an email and how many a letter. */
export async function getBatchSendPreview(listId: string, now: Date) {
  const list = await readList(listId);
  const prisma = await getPrisma();
  const cases = await prisma.appointment.findMany({
    where: { procedureListId: list.id, status: { in: [...SENDABLE_STATUSES] } },
    select: { patient: { select: { email: true, emailConsent: true, mobilePhone: true, smsConsent: true } } },
  });
  const emails = cases.filter((c) => primaryDelivery(c.patient).channel === 'EMAIL').length;
  return {
    list: { id: list.id, title: listTitle(list) },
    canSend: list.status === 'ACTIVE' && list.startsAt > now && cases.length > 0,
    problem:
      list.status !== 'ACTIVE'
        ? 'This list has been cancelled.'
        : list.startsAt <= now
          ? 'This list has already started.'
          : cases.length === 0
            ? 'No cases are booked on this list.'
            : null,
    cases: cases.length,
    emails,
    letters: cases.length - emails,
  };
}

export async function sendListLeaflets(
  input: { listId: string; batchId: string },
  context: Context,
  now: Date,
): Promise<{ queued: number; alreadyQueued: number }> {
  if (!isBatchId(input.batchId)) throw new DomainError('STALE_FORM', 'This form is out of date. Open the page again and send.');
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // Two submissions of the form take turns on the list row; the second finds every message already queued.
    await lockLists(tx, [input.listId]);
    const list = await tx.procedureList.findUnique({ where: { id: input.listId }, select: { id: true, status: true, startsAt: true } });
    if (!list) throw new DomainError('NOT_FOUND', 'There is no such procedure list.');
    if (list.status !== 'ACTIVE') throw new DomainError('LIST_CANCELLED', 'This list has been cancelled, so no leaflets were sent.');
    if (list.startsAt <= now) throw new DomainError('PAST_DATE', 'This list has already started, so no leaflets were sent.');
    const cases = await tx.appointment.findMany({
      where: { procedureListId: list.id, status: { in: [...SENDABLE_STATUSES] } },
      orderBy: [{ listPosition: 'asc' }, { id: 'asc' }],
      select: { id: true, patientId: true, startsAt: true, patient: { select: { email: true, emailConsent: true, mobilePhone: true, smsConsent: true } } },
    });
    let queued = 0;
    for (const c of cases) {
      const delivery = primaryDelivery(c.patient);
      const payload: MessagePayload = {
        appointmentId: c.id,
        startsAt: c.startsAt.toISOString(),
        attachLeaflets: true,
        ...(delivery.channel === 'EMAIL' ? { includeCalendar: true } : {}),
      };
      const result = await enqueueFor(
        tx,
        {
          idempotencyKey: batchMessageKey(input.batchId, c.id),
          delivery,
          purpose: 'PRE_PROCEDURE_LEAFLET',
          patientId: c.patientId,
          appointmentId: c.id,
          payload,
        },
        now,
      );
      if (!result.created) continue;
      queued += 1;
      await recordAudit(tx, {
        actor: context.actor,
        action: 'message.queue',
        entityType: 'OutboxMessage',
        entityId: result.id,
        patientId: c.patientId,
        ipAddress: context.ipAddress,
        details: { purpose: 'PRE_PROCEDURE_LEAFLET', channel: delivery.channel, appointmentId: c.id, batchId: input.batchId },
      });
    }
    await recordAudit(tx, {
      actor: context.actor,
      action: 'procedure-list.send-leaflets',
      entityType: 'ProcedureList',
      entityId: list.id,
      ipAddress: context.ipAddress,
      details: { batchId: input.batchId, queued, cases: cases.length },
    });
    return { queued, alreadyQueued: cases.length - queued };
  }, MESSAGE_TRANSACTION);
}

export type BatchProgress = {
  total: number;
  /** Email or text still waiting to go (or going). */
  queued: number;
  sent: number;
  failed: number;
  cancelled: number;
  lettersToPrint: number;
  /** Nothing left for the worker: every email is sent or failed, letters are with the clerks. */
  settled: boolean;
};

export async function getBatchProgress(listId: string, batchId: string): Promise<{ list: { id: string; title: string }; progress: BatchProgress }> {
  if (!isBatchId(batchId)) throw new DomainError('NOT_FOUND', 'There is no such batch.');
  const list = await readList(listId);
  const prisma = await getPrisma();
  const rows = await prisma.outboxMessage.groupBy({
    by: ['status', 'channel'],
    where: { idempotencyKey: { startsWith: batchKeyPrefix(batchId) }, appointment: { procedureListId: list.id } },
    _count: { _all: true },
  });
  const count = (predicate: (r: (typeof rows)[number]) => boolean) => rows.filter(predicate).reduce((sum, r) => sum + r._count._all, 0);
  const progress: BatchProgress = {
    total: count(() => true),
    queued: count((r) => r.channel !== 'LETTER' && (r.status === 'QUEUED' || r.status === 'SENDING')),
    sent: count((r) => r.status === 'SENT'),
    failed: count((r) => r.status === 'FAILED'),
    cancelled: count((r) => r.status === 'CANCELLED'),
    lettersToPrint: count((r) => r.channel === 'LETTER' && r.status === 'QUEUED'),
    settled: false,
  };
  progress.settled = progress.queued === 0;
  if (progress.total === 0) throw new DomainError('NOT_FOUND', 'There is no such batch for this list.');
  return { list: { id: list.id, title: listTitle(list) }, progress };
}
