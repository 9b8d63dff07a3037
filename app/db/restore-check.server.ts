// A backup is only as good as its last restore (ADR 20). `npm run db:restore-check -- <dump>` restores a
// pg_dump custom-format file into a fresh, uniquely named scratch database, checks what PainDesk needs of it,
// reports and drops the scratch database. The report holds counts and names of checks, never row contents.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { migrationStatus } from './migrate.server';
import { engineFor, openDatabase, type Database } from './open-database.server';

export type RestoreCheck = { name: string; ok: boolean; detail: string };

export type RestoreCheckReport = {
  ok: boolean;
  scratchDatabase: string;
  checks: RestoreCheck[];
  /** Rows per table the check read through Prisma; empty if the restore failed. */
  counts: Record<string, number>;
  /** Whether the scratch database was dropped at the end. */
  dropped: boolean;
};

export type RestoreCheckOptions = {
  dumpFile: string;
  /** A PostgreSQL server (any database on it) where this role may create and drop databases. */
  serverUrl: string;
  migrationsDir: string;
  /** The pg_restore binary; its major version must be at least the dump's. */
  pgRestore?: string;
};

/** libpq environment for a URL, so no password is put on a command line. */
export function libpqEnvironment(url: string, database?: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: u.hostname || 'localhost',
    PGPORT: u.port || '5432',
    PGDATABASE: database ?? decodeURIComponent(u.pathname.replace(/^\//, '')),
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** pg_restore's own error lines, with anything quoted blanked: a failed COPY can quote row values. */
function safeRestoreErrors(stderr: string): string {
  const lines = stderr
    .split('\n')
    .filter((line) => line.startsWith('pg_restore: error:'))
    .map((line) => line.replace(/"[^"]*"|'[^']*'/g, '"…"').slice(0, 200));
  return lines.slice(0, 3).join('; ') || 'no error message';
}

function runPgRestore(binary: string, env: Record<string, string>, dumpFile: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      binary,
      ['--exit-on-error', '--single-transaction', '--no-owner', '--no-acl', '--dbname', env.PGDATABASE, dumpFile],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, stderr: `pg_restore: error: ${error.message}` }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

export async function restoreCheck(options: RestoreCheckOptions): Promise<RestoreCheckReport> {
  if (engineFor(options.serverUrl) !== 'postgres') {
    throw new Error('The restore check needs a PostgreSQL server (pg_dump backups do not apply to the embedded database).');
  }
  const scratchDatabase = `paindesk_restore_check_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const checks: RestoreCheck[] = [];
  const counts: Record<string, number> = {};
  const report = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  if (!fs.existsSync(options.dumpFile)) {
    report('dump file', false, `${options.dumpFile} does not exist`);
    return { ok: false, scratchDatabase, checks, counts, dropped: true };
  }

  const adminClient = new pg.Client({ connectionString: options.serverUrl });
  await adminClient.connect();
  let dropped = false;
  try {
    await adminClient.query(`CREATE DATABASE ${pg.escapeIdentifier(scratchDatabase)}`);
    const restored = await runPgRestore(
      options.pgRestore ?? 'pg_restore',
      libpqEnvironment(options.serverUrl, scratchDatabase),
      options.dumpFile,
    );
    report(
      'restore',
      restored.code === 0,
      restored.code === 0 ? `restored into ${scratchDatabase}` : `pg_restore failed (exit ${restored.code}): ${safeRestoreErrors(restored.stderr)}`,
    );
    if (restored.code === 0) {
      const db = await openDatabase(withDatabase(options.serverUrl, scratchDatabase));
      try {
        await checkRestored(db, options.migrationsDir, report, counts).catch((error: unknown) => {
          // Only the kind of error: a message from the data layer can quote row values.
          const code = (error as { code?: unknown }).code;
          report('checks', false, `a check could not run (${(error as Error).name}${typeof code === 'string' ? ` ${code}` : ''})`);
        });
      } finally {
        await db.close();
      }
    }
  } finally {
    try {
      await adminClient.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(scratchDatabase)} WITH (FORCE)`);
      dropped = true;
    } finally {
      await adminClient.end();
    }
  }
  return { ok: checks.every((c) => c.ok), scratchDatabase, checks, counts, dropped };
}

async function checkRestored(
  db: Database,
  migrationsDir: string,
  report: (name: string, ok: boolean, detail: string) => void,
  counts: Record<string, number>,
) {
  const status = await migrationStatus(db, migrationsDir);
  const [{ present }] = await db.query<{ present: boolean }>(`SELECT to_regclass('"_paindesk_migrations"') IS NOT NULL AS present`);
  const migrationProblems = [
    !present && 'no migration history in the dump',
    status.pending.length > 0 && `not applied: ${status.pending.join(', ')}`,
    status.changed.length > 0 && `changed since applied: ${status.changed.join(', ')}`,
    status.unknown.length > 0 && `unknown to this version: ${status.unknown.join(', ')}`,
  ].filter(Boolean);
  report('migrations', migrationProblems.length === 0, migrationProblems.join('; ') || 'every migration of this version is applied');
  if (!present) return;

  const trigger = await db.query<{ enabled: string; fn: string }>(
    `SELECT t.tgenabled AS enabled, p.proname AS fn FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE t.tgrelid = to_regclass('"AuditEvent"') AND t.tgname = 'AuditEvent_append_only'`,
  );
  const triggerOk = trigger.length === 1 && trigger[0].enabled === 'O' && trigger[0].fn === 'paindesk_audit_append_only';
  report('audit trigger', triggerOk, triggerOk ? 'AuditEvent_append_only is present and enabled' : 'the append-only trigger is missing or disabled');
  // The trigger must still refuse a change: add a probe row and try to change it, all rolled back.
  const refused = await db
    .transaction(async (tx) => {
      const [probe] = await tx.query<{ id: string }>(
        `INSERT INTO "AuditEvent" ("action", "entityType", "entityId") VALUES ('restore.check', 'RestoreCheck', 'probe') RETURNING "id"`,
      );
      await tx.query(`UPDATE "AuditEvent" SET "action" = 'restore.changed' WHERE "id" = $1`, [probe.id]);
      throw new Error('not refused');
    })
    .catch((error: Error) => /append-only/.test(error.message));
  report('audit append-only', refused, refused ? 'a change to an audit event is refused' : 'an audit event could be changed');

  // The id sequence must be past every restored event, or the next audit write would fail.
  const [seq] = await db.query<{ max: string | null; next: string }>(
    `SELECT (SELECT max("id") FROM "AuditEvent")::text AS max,
            (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM "AuditEvent_id_seq")::text AS next`,
  );
  const seqOk = seq.max === null || BigInt(seq.next) > BigInt(seq.max);
  report('audit sequence', seqOk, seqOk ? 'new audit events get new ids' : 'the id sequence is behind the restored events');

  const prisma = db.prisma;
  Object.assign(counts, {
    auditEvents: await prisma.auditEvent.count(),
    staff: await prisma.staffUser.count(),
    patients: await prisma.patient.count(),
    referrals: await prisma.referral.count(),
    appointments: await prisma.appointment.count(),
    outboxMessages: await prisma.outboxMessage.count(),
  });
  const latest = await prisma.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { at: true } });
  report(
    'prisma',
    true,
    `${counts.patients} patients, ${counts.staff} staff, ${counts.appointments} appointments, ${counts.auditEvents} audit events${latest ? `, the latest at ${latest.at.toISOString()}` : ''}`,
  );
}

/** The report as lines for a terminal. */
export function formatRestoreReport(report: RestoreCheckReport): string {
  const lines = report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  lines.push(report.dropped ? `scratch database ${report.scratchDatabase} dropped` : `scratch database ${report.scratchDatabase} NOT dropped: drop it by hand`);
  lines.push(report.ok ? 'Restore check passed.' : 'Restore check FAILED.');
  return lines.join('\n');
}
