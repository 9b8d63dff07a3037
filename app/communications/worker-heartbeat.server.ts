// The outbox worker's heartbeat (docs/decisions/0017): each running worker keeps one WorkerHeartbeat row fresh,
// at the start of every pass and before every message, so a stuck or dead worker shows as a stale row.
// /readyz (server/health.ts) reads it: the web server's own worker, or any worker for `npm run worker`.
import type { PrismaClient } from '~/generated/prisma/client';

/**
 * A single send may legitimately take this long before the next beat (SMTP: 30 s to connect, 60 s of socket
 * silence; Notify: 30 s), so a busy worker is never taken for a stuck one.
 */
export const LONGEST_SEND_MS = 90_000;

/** A heartbeat older than this means the worker has stopped working: three missed polls after the longest send. */
export function heartbeatStaleAfterMs(pollMs: number): number {
  return 3 * pollMs + LONGEST_SEND_MS;
}

/** Rows of workers that died without stopping cleanly are tidied away after a day. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

type Db = Pick<PrismaClient, 'workerHeartbeat'>;

export async function recordWorkerHeartbeat(prisma: Db, workerId: string, now: Date, startedAt: Date): Promise<void> {
  await prisma.workerHeartbeat.upsert({
    where: { workerId },
    create: { workerId, startedAt, beatAt: now },
    update: { beatAt: now },
    select: { workerId: true },
  });
}

/** A worker that stops cleanly takes its row away; it also forgets rows left by workers that died long ago. */
export async function removeWorkerHeartbeat(prisma: Db, workerId: string, now: Date): Promise<void> {
  await prisma.workerHeartbeat.deleteMany({
    where: { OR: [{ workerId }, { beatAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } }] },
  });
}

/** The latest beat of one worker, or of any worker when none is named; null when there is none. */
export async function latestWorkerHeartbeat(prisma: Db, workerId?: string): Promise<Date | null> {
  const row = await prisma.workerHeartbeat.findFirst({
    where: workerId ? { workerId } : {},
    orderBy: { beatAt: 'desc' },
    select: { beatAt: true },
  });
  return row?.beatAt ?? null;
}
