// Health endpoints for load balancers and process managers (docs/decisions/0017). Unauthenticated, mounted
// before the request guards and the Remix handler, never cached, and they say nothing about data or secrets:
//   GET /healthz         200 "ok" while the process is up (liveness: restart me if this fails).
//   GET /readyz          200 "ok" when this process can serve: the database answers, every migration in
//                        prisma/migrations is applied, and, when the outbox worker runs in this process, its
//                        heartbeat is fresh. 503 and a short reason otherwise, and at once while shutting down.
//   GET /readyz/worker   200 when some outbox worker (this process's or `npm run worker`'s) has a fresh
//                        heartbeat: for monitoring a separate worker, which serves no HTTP. A web server without
//                        its own worker does not fail /readyz for it: queued messages wait, clerks can still work.
import express, { type Response } from 'express';
import { heartbeatStaleAfterMs, latestWorkerHeartbeat } from '~/communications/worker-heartbeat.server';
import type { Database } from '~/db/open-database.server';

export type ReadinessProbe = {
  db: Database;
  /** The migrations this code needs (the folder names under prisma/migrations). */
  migrationNames: string[];
  /** The outbox worker running in this process, if any. */
  worker: { workerId: string } | null;
  pollMs: number;
  isStopping: () => boolean;
  now?: () => Date;
  /** A database that has not answered in this long counts as gone. */
  timeoutMs?: number;
};

export type Readiness = { ready: true } | { ready: false; reason: string };

const DEFAULT_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function heartbeatProblem(beatAt: Date | null, now: Date, pollMs: number, who: string): string | null {
  if (!beatAt) return `no heartbeat from ${who} yet`;
  const ageMs = now.getTime() - beatAt.getTime();
  if (ageMs > heartbeatStaleAfterMs(pollMs)) return `${who} heartbeat is stale (last ${Math.round(ageMs / 1000)} s ago)`;
  return null;
}

export async function checkReadiness(probe: ReadinessProbe): Promise<Readiness> {
  if (probe.isStopping()) return { ready: false, reason: 'shutting down' };
  const timeoutMs = probe.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    await withTimeout(probe.db.query('SELECT 1'), timeoutMs);
  } catch {
    return { ready: false, reason: 'database not answering' };
  }
  let applied: Set<string>;
  try {
    const rows = await withTimeout(probe.db.query<{ name: string }>('SELECT "name" FROM "_paindesk_migrations"'), timeoutMs);
    applied = new Set(rows.map((row) => row.name));
  } catch {
    applied = new Set();
  }
  const pending = probe.migrationNames.filter((name) => !applied.has(name)).length;
  if (pending > 0) return { ready: false, reason: `${pending} database migration(s) not applied` };
  if (probe.worker) {
    let beatAt: Date | null;
    try {
      beatAt = await withTimeout(latestWorkerHeartbeat(probe.db.prisma, probe.worker.workerId), timeoutMs);
    } catch {
      return { ready: false, reason: 'outbox worker heartbeat unreadable' };
    }
    const problem = heartbeatProblem(beatAt, probe.now?.() ?? new Date(), probe.pollMs, 'the outbox worker');
    if (problem) return { ready: false, reason: problem };
  }
  return { ready: true };
}

/** Whether any outbox worker, in any process, is working: its heartbeat is fresh. */
export async function checkWorkerReadiness(probe: Pick<ReadinessProbe, 'db' | 'pollMs' | 'now' | 'timeoutMs'>): Promise<Readiness> {
  let beatAt: Date | null;
  try {
    beatAt = await withTimeout(latestWorkerHeartbeat(probe.db.prisma), probe.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  } catch {
    return { ready: false, reason: 'database not answering' };
  }
  const problem = heartbeatProblem(beatAt, probe.now?.() ?? new Date(), probe.pollMs, 'any outbox worker');
  return problem ? { ready: false, reason: problem } : { ready: true };
}

function answer(res: Response, readiness: Readiness) {
  res
    .status(readiness.ready ? 200 : 503)
    .set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    .send(readiness.ready ? 'ok' : `not ready: ${readiness.reason}`);
}

export function healthRoutes(probe: ReadinessProbe) {
  const router = express.Router();
  router.get('/healthz', (_req, res) => answer(res, { ready: true }));
  router.get('/readyz', async (_req, res) => answer(res, await checkReadiness(probe)));
  router.get('/readyz/worker', async (_req, res) => answer(res, await checkWorkerReadiness(probe)));
  return router;
}
