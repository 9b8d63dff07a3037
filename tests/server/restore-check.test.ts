// A tested restore (ADR 20): a pg_dump of a seeded database restores into a scratch database that passes every
// check and is dropped afterwards; a truncated or partial dump fails, saying why. On the embedded database
// there is no pg_dump backup to check, and the check says it needs PostgreSQL.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '~/audit/audit.server';
import { openReadyDatabase } from '~/db.server';
import { migrate } from '~/db/migrate.server';
import { openDatabase, type Database } from '~/db/open-database.server';
import { libpqEnvironment, restoreCheck } from '~/db/restore-check.server';
import { setUpRoles } from '~/db/roles.server';
import { seedDemoData } from '../../prisma/seed';
import { testPasswordHash } from '../factories';
import { admin, adminPostgresUrl, MIGRATIONS_DIR, testEngine, withDatabase } from '../setup/test-databases';

const ROOT = path.resolve(import.meta.dirname, '../..');

if (testEngine() === 'postgres') {
  describe('restore check of a pg_dump backup', () => {
    const source = `paindesk_backup_${randomBytes(4).toString('hex')}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-backup-'));
    const dump = path.join(dir, 'paindesk.dump');
    let db: Database;

    function pgDump(file: string, extra: string[] = []) {
      const version = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
      if (version.status !== 0) throw new Error('pg_dump is missing: install postgresql-client (.ci/run does)');
      const result = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, ...extra], {
        env: { ...process.env, ...libpqEnvironment(withDatabase(adminPostgresUrl(), source)) },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`);
    }

    async function scratchDatabasesLeft(): Promise<string[]> {
      return admin(async (c) => (await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'paindesk_restore_check_%'`)).rows.map((r) => r.datname));
    }

    beforeAll(async () => {
      await admin((c) => c.query(`CREATE DATABASE "${source}"`));
      db = await openDatabase(withDatabase(adminPostgresUrl(), source));
      await migrate(db, MIGRATIONS_DIR);
      await seedDemoData(db.prisma, { now: new Date('2027-03-22T10:00:00.000Z'), passwordHash: await testPasswordHash() });
      const staff = await db.prisma.staffUser.findFirstOrThrow({ select: { id: true, role: true } });
      for (let i = 0; i < 3; i += 1) {
        await recordAudit(db.prisma, { actor: staff, action: 'patient.view', entityType: 'Patient', entityId: `p${i}` });
      }
      pgDump(dump);
    });

    afterAll(async () => {
      await db?.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${source}" WITH (FORCE)`));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('restores a full dump into a scratch database, passes every check, counts what the source has, and drops it', async () => {
      const before = await scratchDatabasesLeft();
      const report = await restoreCheck({ dumpFile: dump, serverUrl: adminPostgresUrl(), migrationsDir: MIGRATIONS_DIR });
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.checks.map((c) => c.name)).toEqual(['restore', 'migrations', 'audit trigger', 'audit append-only', 'audit sequence', 'prisma']);
      expect(report.ok).toBe(true);
      expect(report.counts).toEqual({
        auditEvents: await db.prisma.auditEvent.count(),
        staff: await db.prisma.staffUser.count(),
        patients: await db.prisma.patient.count(),
        referrals: await db.prisma.referral.count(),
        appointments: await db.prisma.appointment.count(),
        outboxMessages: await db.prisma.outboxMessage.count(),
      });
      expect(report.counts.auditEvents).toBeGreaterThanOrEqual(3);
      expect(report.counts.patients).toBeGreaterThan(0);
      expect(report.dropped).toBe(true);
      expect(await scratchDatabasesLeft()).toEqual(before);
    });

    it('fails on a truncated dump, without quoting data, and still drops the scratch database', async () => {
      const truncated = path.join(dir, 'truncated.dump');
      const bytes = fs.readFileSync(dump);
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const before = await scratchDatabasesLeft();
      const report = await restoreCheck({ dumpFile: truncated, serverUrl: adminPostgresUrl(), migrationsDir: MIGRATIONS_DIR });
      expect(report.ok).toBe(false);
      expect(report.checks[0]).toMatchObject({ name: 'restore', ok: false });
      expect(report.checks[0].detail).toMatch(/^pg_restore failed \(exit 1\): pg_restore: error: /);
      expect(report.dropped).toBe(true);
      expect(await scratchDatabasesLeft()).toEqual(before);
    });

    it('fails on a partial dump: one table only does not restore; one without the migration history is not ready', async () => {
      const oneTable = path.join(dir, 'one-table.dump');
      pgDump(oneTable, ['--table="Patient"']);
      const lone = await restoreCheck({ dumpFile: oneTable, serverUrl: adminPostgresUrl(), migrationsDir: MIGRATIONS_DIR });
      expect(lone.ok).toBe(false);
      expect(lone.checks).toEqual([{ name: 'restore', ok: false, detail: expect.stringMatching(/^pg_restore failed/) }]);

      const partial = path.join(dir, 'partial.dump');
      pgDump(partial, ['--exclude-table="_paindesk_migrations"']);
      const report = await restoreCheck({ dumpFile: partial, serverUrl: adminPostgresUrl(), migrationsDir: MIGRATIONS_DIR });
      expect(report.ok).toBe(false);
      expect(report.checks.find((c) => c.name === 'migrations')).toMatchObject({ ok: false, detail: expect.stringContaining('no migration history') });
    });

    it('restores for real as README says: as the owner into a db:roles database, then migrate; the app role has its grants', async () => {
      const suffix = randomBytes(4).toString('hex');
      const target = `paindesk_restored_${suffix}`;
      const roles = { owner: `paindesk_owner_${suffix}`, app: `paindesk_app_${suffix}` };
      await admin((c) => c.query(`CREATE DATABASE "${target}"`));
      try {
        const setUp = await setUpRoles(withDatabase(adminPostgresUrl(), target), roles);
        const restored = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target}`, dump], {
          env: { ...process.env, ...libpqEnvironment(setUp.migrationDatabaseUrl) },
          encoding: 'utf8',
        });
        expect(restored.stderr).toBe('');
        expect(restored.status).toBe(0);
        const { db: app, applied } = await openReadyDatabase(
          { DATABASE_URL: setUp.databaseUrl, MIGRATION_DATABASE_URL: setUp.migrationDatabaseUrl },
          MIGRATIONS_DIR,
        );
        try {
          expect(applied).toEqual([]);
          expect(await app.prisma.auditEvent.count()).toBe(await db.prisma.auditEvent.count());
          await recordAudit(app.prisma, { actor: null, action: 'restore.verify', entityType: 'Database', entityId: target });
          await expect(app.exec(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/permission denied for table AuditEvent/);
        } finally {
          await app.close();
        }
      } finally {
        await admin(async (c) => {
          await c.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
          for (const role of [roles.app, roles.owner]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
        });
      }
    });

    it('runs as npm run db:restore-check: exit 0 and a passing report, exit 1 for a broken dump', () => {
      const run = (file: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'scripts/restore-check.ts', file, '--server', adminPostgresUrl()], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, NODE_ENV: 'test' },
        });
      const good = run(dump);
      expect(good.stdout).toContain('Restore check passed.');
      expect(good.status).toBe(0);
      const bad = run(path.join(dir, 'truncated.dump'));
      expect(bad.stdout).toContain('FAIL restore: pg_restore failed');
      expect(bad.stdout).toContain('Restore check FAILED.');
      expect(bad.status).toBe(1);
    });
  });
} else {
  describe('restore check on the embedded database', () => {
    it('says it needs PostgreSQL: an embedded database has no pg_dump backups', async () => {
      await expect(restoreCheck({ dumpFile: 'x.dump', serverUrl: 'memory://', migrationsDir: MIGRATIONS_DIR })).rejects.toThrow(
        /needs a PostgreSQL server/,
      );
    });
  });
}
