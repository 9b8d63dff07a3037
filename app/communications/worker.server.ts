// The outbox worker (DESIGN.md "Communications", rule 8). Any number of workers, in any number of processes,
// may run against one database:
//  - a claim is one UPDATE over rows picked with FOR UPDATE SKIP LOCKED, so two workers never hold one row;
//  - the moment the mail server or gateway accepts a message, acceptedAt/providerMessageId/SENT are written in
//    one statement of their own, before anything else; a row with acceptedAt is never sent again;
//  - a row left SENDING by a worker that died is claimed again once its lease has passed;
//  - a failed attempt goes back to QUEUED with exponential backoff; after maxAttempts (or a failure that
//    retrying cannot fix) the row is FAILED and an open MESSAGE_FAILED task asks a clerk to act;
//  - a message whose leaflets use a part not approved for patients is held (QUEUED, LEAFLET_NOT_APPROVED),
//    not failed: approving the part releases it.
// The one window left is a crash after the server accepted but before that first statement: the message
// may then go twice. Each email carries a Message-ID made from the outbox id, so mail systems can tell.
// Only email and SMS rows are claimed here; letters are printed by clerks.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Database } from '~/db/open-database.server';
import type { ContactChannel, MessagePurpose } from '~/generated/prisma/enums';
import { recordAudit } from '~/audit/audit.server';
import {
  composeEmail,
  composeSms,
  MessageWithdrawn,
  type ComposeContext,
  type LeafletSource,
} from '~/communications/compose-message.server';
import { SendFailure, type MailTransport } from '~/communications/mail-transport.server';
import type { SmsTransport } from '~/communications/sms-notify.server';
import { DomainError } from '~/errors';
import { LEAFLET_HOLD_CODE, LEAFLET_HOLD_RECHECK_MS } from '~/leaflets/leaflet-approval';
import { recordWorkerHeartbeat, removeWorkerHeartbeat } from '~/communications/worker-heartbeat.server';
import { describeErrorSafely } from '~/utils/safe-log';

export type WorkerSettings = {
  /** Attempts before a message is FAILED and a clerk is asked to act. */
  maxAttempts: number;
  /** First retry after this long; doubles each attempt. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A SENDING claim older than this is taken to be from a worker that died. */
  leaseMs: number;
};

export const DEFAULT_WORKER_SETTINGS: WorkerSettings = {
  maxAttempts: 5,
  backoffBaseMs: 60_000,
  backoffMaxMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
};

/** Points at which tests stop a worker as if the process had died (the hook throws). */
export type CrashHooks = {
  /** After the message is composed and claimed, before it is handed to the transport. */
  beforeSend?: (outboxId: string) => void | Promise<void>;
  /** After the transport accepted and the acceptance was recorded. */
  afterAccepted?: (outboxId: string) => void | Promise<void>;
};

export type WorkerDeps = {
  db: Database;
  mail: MailTransport;
  sms: SmsTransport;
  leaflets: LeafletSource;
  mailFrom: string;
  workerId?: string;
  clock?: () => Date;
  settings?: Partial<WorkerSettings>;
  hooks?: CrashHooks;
};

export type RunSummary = {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  withdrawn: number;
  recovered: number;
  /** Held back because the leaflets use a part not approved for patients (not a failed attempt). */
  held: number;
};

export function backoffMs(attempts: number, settings: Pick<WorkerSettings, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.min(exponent, 30));
}

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

type Claimed = { id: string; attempts: number; channel: ContactChannel };

const CHANNEL_LABEL: Record<string, string> = { EMAIL: 'Email', SMS: 'Text message' };
const PURPOSE_LABEL: Record<MessagePurpose, string> = {
  BOOKING_CONFIRMATION: 'booking confirmation',
  PRE_PROCEDURE_LEAFLET: 'pre-procedure leaflets',
  AFTERCARE_LEAFLET: 'aftercare leaflet',
  REMINDER: 'reminder',
  CANCELLATION: 'cancellation',
  TIME_CHANGE: 'change of time',
};

export function createOutboxWorker(deps: WorkerDeps) {
  const settings: WorkerSettings = { ...DEFAULT_WORKER_SETTINGS, ...deps.settings };
  const workerId = deps.workerId ?? newWorkerId();
  const clock = deps.clock ?? (() => new Date());
  const prisma = deps.db.prisma;
  let stopping = false;
  let running: Promise<RunSummary> | null = null;
  let timer: NodeJS.Timeout | null = null;
  /** Set while start()ed: each pass and each message first renews this worker's heartbeat row (ADR 0017). */
  let heartbeat: (() => Promise<void>) | null = null;

  /** Rows left SENDING whose acceptance was recorded: they went; only the status is missing. */
  async function settleAccepted(now: Date): Promise<number> {
    const result = await prisma.outboxMessage.updateMany({
      where: { status: 'SENDING', acceptedAt: { not: null }, claimedAt: { lt: new Date(now.getTime() - settings.leaseMs) } },
      data: { status: 'SENT', updatedAt: now },
    });
    return result.count;
  }

  async function claim(now: Date, limit: number): Promise<Claimed[]> {
    const staleBefore = new Date(now.getTime() - settings.leaseMs);
    return prisma.$queryRaw<Claimed[]>`
      WITH due AS (
        SELECT "id" FROM "OutboxMessage"
        WHERE "channel" IN ('EMAIL', 'SMS')
          AND "acceptedAt" IS NULL
          AND (("status" = 'QUEUED' AND "nextAttemptAt" <= ${now})
            OR ("status" = 'SENDING' AND "claimedAt" < ${staleBefore}))
        ORDER BY "nextAttemptAt", "id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "OutboxMessage" AS m
      SET "status" = 'SENDING', "claimedAt" = ${now}, "claimedBy" = ${workerId},
          "attempts" = m."attempts" + 1, "updatedAt" = ${now}
      FROM due
      WHERE m."id" = due."id"
      RETURNING m."id", m."attempts", m."channel"::text AS "channel"`;
  }

  /** Written first, alone, the moment the server accepted: from here on the message is never sent again. */
  async function recordAccepted(id: string, providerMessageId: string) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const now = clock();
        await prisma.outboxMessage.update({
          where: { id },
          data: { acceptedAt: now, providerMessageId, status: 'SENT', lastError: null, updatedAt: now },
          select: { id: true },
        });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  async function afterSent(id: string) {
    const row = await prisma.outboxMessage.findUnique({
      where: { id },
      select: { patientId: true, purpose: true, channel: true, attempts: true, appointmentId: true },
    });
    if (!row) return;
    await recordAudit(prisma, {
      actor: null,
      action: 'message.sent',
      entityType: 'OutboxMessage',
      entityId: id,
      patientId: row.patientId,
      details: { purpose: row.purpose, channel: row.channel, attempts: row.attempts, appointmentId: row.appointmentId },
    });
  }

  async function recordFailure(claimed: Claimed, code: string, permanent: boolean): Promise<'retried' | 'failed'> {
    const now = clock();
    const final = permanent || claimed.attempts >= settings.maxAttempts;
    if (!final) {
      await prisma.outboxMessage.updateMany({
        where: { id: claimed.id, status: 'SENDING', claimedBy: workerId, acceptedAt: null },
        data: {
          status: 'QUEUED',
          nextAttemptAt: new Date(now.getTime() + backoffMs(claimed.attempts, settings)),
          lastError: code,
          claimedAt: null,
          claimedBy: null,
          updatedAt: now,
        },
      });
      console.warn(`outbox: message ${claimed.id} attempt ${claimed.attempts} failed (${code}); will retry`);
      return 'retried';
    }
    await prisma.$transaction(async (tx) => {
      const updated = await tx.outboxMessage.updateMany({
        where: { id: claimed.id, status: 'SENDING', claimedBy: workerId, acceptedAt: null },
        data: { status: 'FAILED', lastError: code, claimedAt: null, claimedBy: null, updatedAt: now },
      });
      if (updated.count !== 1) return;
      const row = await tx.outboxMessage.findUniqueOrThrow({
        where: { id: claimed.id },
        select: { patientId: true, appointmentId: true, purpose: true, channel: true },
      });
      await tx.task.upsert({
        where: { dedupeKey: `message-failed:${claimed.id}` },
        create: {
          kind: 'MESSAGE_FAILED',
          status: 'OPEN',
          title: `${CHANNEL_LABEL[row.channel] ?? 'Message'} could not be sent (${PURPOSE_LABEL[row.purpose]}): check the contact details and resend, or send a letter`,
          dedupeKey: `message-failed:${claimed.id}`,
          patientId: row.patientId,
          appointmentId: row.appointmentId,
          messageId: claimed.id,
        },
        update: {},
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: null,
        action: 'message.failed',
        entityType: 'OutboxMessage',
        entityId: claimed.id,
        patientId: row.patientId,
        details: { purpose: row.purpose, channel: row.channel, attempts: claimed.attempts, error: code },
      });
    });
    console.warn(`outbox: message ${claimed.id} failed after ${claimed.attempts} attempt(s) (${code}); a task is open for clerks`);
    return 'failed';
  }

  async function withdraw(claimed: Claimed, code: string) {
    const now = clock();
    await prisma.outboxMessage.updateMany({
      where: { id: claimed.id, status: 'SENDING', claimedBy: workerId, acceptedAt: null },
      data: { status: 'CANCELLED', lastError: code, claimedAt: null, claimedBy: null, updatedAt: now },
    });
  }

  /**
   * A message whose leaflets use a part not approved for patients is not a failure a clerk can fix: it waits,
   * QUEUED with the hold code, without using up an attempt, until a doctor approves the part (which makes it due
   * at once) or the next look.
   */
  async function hold(claimed: Claimed) {
    const now = clock();
    await prisma.outboxMessage.updateMany({
      where: { id: claimed.id, status: 'SENDING', claimedBy: workerId, acceptedAt: null },
      data: {
        status: 'QUEUED',
        attempts: { decrement: 1 },
        lastError: LEAFLET_HOLD_CODE,
        nextAttemptAt: new Date(now.getTime() + LEAFLET_HOLD_RECHECK_MS),
        claimedAt: null,
        claimedBy: null,
        updatedAt: now,
      },
    });
  }

  /** Hands claimed rows not yet started back to the queue (a stopping worker), without using up an attempt. */
  async function release(ids: string[]) {
    if (ids.length === 0) return;
    const now = clock();
    await prisma.outboxMessage.updateMany({
      where: { id: { in: ids }, status: 'SENDING', claimedBy: workerId, acceptedAt: null },
      data: { status: 'QUEUED', attempts: { decrement: 1 }, claimedAt: null, claimedBy: null, nextAttemptAt: now, updatedAt: now },
    });
  }

  async function processOne(claimed: Claimed, now: Date): Promise<'sent' | 'retried' | 'failed' | 'withdrawn' | 'held'> {
    const ctx: ComposeContext = { prisma, leaflets: deps.leaflets, mailFrom: deps.mailFrom, now };
    let send: () => Promise<{ providerMessageId: string }>;
    try {
      if (claimed.channel === 'EMAIL') {
        const email = await composeEmail(ctx, claimed.id);
        send = () => deps.mail.send(email);
      } else {
        const sms = await composeSms(ctx, claimed.id);
        send = () => deps.sms.send(sms);
      }
    } catch (error) {
      if (error instanceof MessageWithdrawn) {
        await withdraw(claimed, error.code);
        return 'withdrawn';
      }
      if (error instanceof SendFailure) return recordFailure(claimed, error.code, error.permanent);
      if (error instanceof DomainError && error.code === 'LEAFLET_NOT_APPROVED') {
        await hold(claimed);
        return 'held';
      }
      // A rule the booking breaks (e.g. no leaflet can be made for it) will not change by retrying.
      if (error instanceof DomainError) return recordFailure(claimed, `COMPOSE_${error.code}`, true);
      console.warn(`outbox: composing message ${claimed.id} failed: ${describeErrorSafely(error)}`);
      return recordFailure(claimed, `COMPOSE_${error instanceof Error ? error.name.replace(/[^A-Za-z]/g, '') || 'ERROR' : 'ERROR'}`, false);
    }

    await deps.hooks?.beforeSend?.(claimed.id);

    let accepted: { providerMessageId: string };
    try {
      accepted = await send();
    } catch (error) {
      if (error instanceof SendFailure) return recordFailure(claimed, error.code, error.permanent);
      return recordFailure(claimed, `TRANSPORT_${error instanceof Error ? error.name.replace(/[^A-Za-z]/g, '') || 'ERROR' : 'ERROR'}`, false);
    }
    await recordAccepted(claimed.id, accepted.providerMessageId);
    await deps.hooks?.afterAccepted?.(claimed.id);
    try {
      await afterSent(claimed.id);
    } catch (error) {
      console.warn(`outbox: recording the audit event for message ${claimed.id} failed: ${describeErrorSafely(error)}`);
    }
    return 'sent';
  }

  /** One pass: claims up to `limit` due messages and sends them one by one. */
  async function runWorkerOnce(options: { now?: Date; limit?: number } = {}): Promise<RunSummary> {
    const now = options.now ?? clock();
    const summary: RunSummary = { claimed: 0, sent: 0, retried: 0, failed: 0, withdrawn: 0, recovered: 0, held: 0 };
    await heartbeat?.();
    summary.recovered = await settleAccepted(now);
    const claimed = await claim(now, options.limit ?? 20);
    summary.claimed = claimed.length;
    for (let i = 0; i < claimed.length; i += 1) {
      if (stopping) {
        await release(claimed.slice(i).map((c) => c.id));
        break;
      }
      if (i > 0) await heartbeat?.();
      const outcome = await processOne(claimed[i], now);
      summary[outcome] += 1;
    }
    return summary;
  }

  /** Polls every pollMs until stop(); a pass that finds a full batch goes again at once. */
  function start(options: { pollMs: number; limit?: number }) {
    stopping = false;
    const startedAt = clock();
    heartbeat = () => recordWorkerHeartbeat(prisma, workerId, clock(), startedAt);
    const tick = async () => {
      timer = null;
      if (stopping) return;
      let again = false;
      try {
        running = runWorkerOnce({ limit: options.limit });
        const summary = await running;
        again = summary.claimed === (options.limit ?? 20);
      } catch (error) {
        console.warn(`outbox: a worker pass failed: ${describeErrorSafely(error)}`);
      } finally {
        running = null;
      }
      if (!stopping) timer = setTimeout(tick, again ? 0 : options.pollMs);
    };
    timer = setTimeout(tick, 0);
  }

  /** Stops polling, lets the message in hand finish, hands the rest of the batch back and removes its heartbeat. */
  async function stop() {
    stopping = true;
    if (timer) clearTimeout(timer);
    timer = null;
    if (running) await running.catch(() => undefined);
    if (heartbeat) {
      heartbeat = null;
      await removeWorkerHeartbeat(prisma, workerId, clock()).catch((error) =>
        console.warn(`outbox: removing the heartbeat of worker ${workerId} failed: ${describeErrorSafely(error)}`),
      );
    }
  }

  return { workerId, settings, runWorkerOnce, start, stop };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
