// /healthz, /readyz and /readyz/worker against a real database: each state a load balancer or an operator
// must be able to tell apart (docs/decisions/0017).
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatStaleAfterMs, latestWorkerHeartbeat, recordWorkerHeartbeat } from '~/communications/worker-heartbeat.server';
import { readMigrations } from '~/db/migrate.server';
import { checkReadiness, checkWorkerReadiness, healthRoutes, type ReadinessProbe } from '../../server/health';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { smtpWorker } from './communications-fixtures';
import { testDatabase } from '../setup/database';
import { MIGRATIONS_DIR, openEmptyDatabase, openTestDatabase, testEngine } from '../setup/test-databases';
import { inject } from 'vitest';

const NOW = new Date('2027-03-22T10:00:00.000Z');
const POLL_MS = 5_000;
const WORKER = 'health-test-worker';

let migrationNames: string[];
let stopping = false;

beforeAll(async () => {
  migrationNames = (await readMigrations(MIGRATIONS_DIR)).map((m) => m.name);
});

function probe(overrides: Partial<ReadinessProbe> = {}): ReadinessProbe {
  return {
    db: testDatabase(),
    migrationNames,
    worker: { workerId: WORKER },
    pollMs: POLL_MS,
    isStopping: () => stopping,
    now: () => NOW,
    ...overrides,
  };
}

async function beat(workerId: string, agoMs: number) {
  await recordWorkerHeartbeat(testDatabase().prisma, workerId, new Date(NOW.getTime() - agoMs), new Date(NOW.getTime() - 3_600_000));
}

describe('readiness', () => {
  it('is ready when the database answers, every migration is applied and the worker beat recently', async () => {
    await beat(WORKER, 1_000);
    expect(await checkReadiness(probe())).toEqual({ ready: true });
  });

  it('is not ready while the worker has never beaten, or its last beat is older than three polls and the longest send', async () => {
    expect(await checkReadiness(probe({ worker: { workerId: 'never-started' } }))).toEqual({ ready: false, reason: 'no heartbeat from the outbox worker yet' });
    const limit = heartbeatStaleAfterMs(POLL_MS);
    expect(limit).toBe(3 * POLL_MS + 90_000);
    await beat(WORKER, limit);
    expect(await checkReadiness(probe())).toEqual({ ready: true });
    await beat(WORKER, limit + 1_000);
    expect(await checkReadiness(probe())).toEqual({ ready: false, reason: 'the outbox worker heartbeat is stale (last 106 s ago)' });
    // Another, healthy worker does not make this process's stuck worker look well.
    await beat('another-worker', 0);
    expect((await checkReadiness(probe())).ready).toBe(false);
    // Without a worker in this process, its heartbeat is not this process's readiness.
    expect(await checkReadiness(probe({ worker: null }))).toEqual({ ready: true });
  });

  it('is not ready when a migration in prisma/migrations has no row in _paindesk_migrations', async () => {
    await beat(WORKER, 0);
    const db = testDatabase();
    const last = migrationNames[migrationNames.length - 1];
    const [row] = await db.query<{ checksum: string }>('SELECT "checksum" FROM "_paindesk_migrations" WHERE "name" = $1', [last]);
    await db.query('DELETE FROM "_paindesk_migrations" WHERE "name" = $1', [last]);
    try {
      expect(await checkReadiness(probe())).toEqual({ ready: false, reason: '1 database migration(s) not applied' });
    } finally {
      await db.query('INSERT INTO "_paindesk_migrations" ("name", "checksum") VALUES ($1, $2)', [last, row.checksum]);
    }
    expect(await checkReadiness(probe())).toEqual({ ready: true });
  });

  it('is not ready on a database that was never migrated', async () => {
    const empty = await openEmptyDatabase(testEngine());
    try {
      expect(await checkReadiness(probe({ db: empty, worker: null }))).toEqual({
        ready: false,
        reason: `${migrationNames.length} database migration(s) not applied`,
      });
    } finally {
      await empty.close();
    }
  });

  it('is not ready when the database is gone, and says only that', async () => {
    const gone = await openTestDatabase(testEngine(), inject('testDatabaseTemplate'));
    await gone.close();
    expect(await checkReadiness(probe({ db: gone }))).toEqual({ ready: false, reason: 'database not answering' });
    expect(await checkWorkerReadiness(probe({ db: gone }))).toEqual({ ready: false, reason: 'database not answering' });
  });

  it('is not ready at once while shutting down, without asking the database', async () => {
    const gone = await openTestDatabase(testEngine(), inject('testDatabaseTemplate'));
    await gone.close();
    expect(await checkReadiness(probe({ db: gone, isStopping: () => true }))).toEqual({ ready: false, reason: 'shutting down' });
  });
});

describe('a worker in its own process (npm run worker)', () => {
  it('/readyz/worker is ready while any worker beat recently', async () => {
    const prisma = testDatabase().prisma;
    await prisma.workerHeartbeat.deleteMany({});
    expect(await checkWorkerReadiness(probe())).toEqual({ ready: false, reason: 'no heartbeat from any outbox worker yet' });
    await beat('old-worker', heartbeatStaleAfterMs(POLL_MS) + 60_000);
    expect((await checkWorkerReadiness(probe())).ready).toBe(false);
    await beat('fresh-worker', 2_000);
    expect(await checkWorkerReadiness(probe())).toEqual({ ready: true });
  });
});

describe('the running worker keeps its heartbeat', () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
  });
  afterAll(() => smtp.stop());

  it('beats as soon as it starts polling, keeps beating, and takes its row away when it stops', async () => {
    const prisma = testDatabase().prisma;
    let now = new Date('2027-03-22T09:00:00.000Z');
    const worker = smtpWorker(smtp.url, { now: () => now });
    worker.start({ pollMs: 50 });
    try {
      const first = await waitFor(() => latestWorkerHeartbeat(prisma, worker.workerId));
      expect(first.toISOString()).toBe('2027-03-22T09:00:00.000Z');
      now = new Date('2027-03-22T09:00:07.000Z');
      const later = await waitFor(async () => {
        const at = await latestWorkerHeartbeat(prisma, worker.workerId);
        return at && at.getTime() > first.getTime() ? at : null;
      });
      expect(later.toISOString()).toBe('2027-03-22T09:00:07.000Z');
    } finally {
      await worker.stop();
    }
    expect(await latestWorkerHeartbeat(prisma, worker.workerId)).toBeNull();
  });
});

async function waitFor<T>(read: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the endpoints', () => {
  let server: http.Server;
  let base: string;
  let readiness: ReadinessProbe;

  beforeAll(async () => {
    readiness = probe();
    const app = express();
    app.use(healthRoutes({ ...readiness, isStopping: () => stopping }));
    app.all('*', (_req, res) => void res.status(418).send('not a health endpoint'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answer in plain text, never cached: 200 "ok" when ready, 503 with the reason otherwise', async () => {
    await beat(WORKER, 0);
    for (const path of ['/healthz', '/readyz', '/readyz/worker']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status, await res.text()]).toEqual([path, 200, 'ok']);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
    stopping = true;
    try {
      const res = await fetch(`${base}/readyz`);
      expect([res.status, await res.text()]).toEqual([503, 'not ready: shutting down']);
      // Liveness is not readiness: the process is still up while it drains.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      stopping = false;
    }
    await beat(WORKER, heartbeatStaleAfterMs(POLL_MS) + 5_000);
    const stale = await fetch(`${base}/readyz`);
    expect(stale.status).toBe(503);
    expect(await stale.text()).toMatch(/^not ready: the outbox worker heartbeat is stale/);
  });
});
