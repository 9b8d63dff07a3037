// Least privilege on PostgreSQL (ADR 20): migrations run as an owner role; the app's role can add to and
// read the audit trail but never change, empty or switch it off, cannot change the schema or the migration
// history, and has the row access the app needs, also on tables later migrations add. On the embedded
// database (one user) the role set-up is refused and the app migrates as before.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '~/db.server';
import { migrationStatus } from '~/db/migrate.server';
import type { Database } from '~/db/open-database.server';
import { applyAppGrants, DatabaseSetUpError, setUpRoles, type RoleSetUp } from '~/db/roles.server';
import { seedDemoData } from '../../prisma/seed';
import { startApp } from '../e2e/app-server';
import { createPatient, testPasswordHash } from '../factories';
import { testDatabase } from '../setup/database';
import { admin, adminPostgresUrl, MIGRATIONS_DIR, testEngine, withDatabase } from '../setup/test-databases';

const ROOT = path.resolve(import.meta.dirname, '../..');
const migrationCount = fs.readdirSync(MIGRATIONS_DIR).length;

if (testEngine() === 'postgres') {
  describe('least-privilege roles on PostgreSQL', () => {
    const suffix = randomBytes(4).toString('hex');
    const database = `paindesk_roles_${suffix}`;
    const emptyDatabase = `paindesk_roles_${suffix}_empty`;
    const roles = { owner: `paindesk_owner_${suffix}`, app: `paindesk_app_${suffix}` };
    let setUp: RoleSetUp;
    let app: Database;
    let appClient: pg.Client;

    /** Runs one statement as the app role; resolves to the server's error message, or null if it worked. */
    async function asApp(sql: string): Promise<string | null> {
      try {
        await appClient.query(sql);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    }

    beforeAll(async () => {
      await admin(async (c) => {
        await c.query(`CREATE DATABASE "${database}"`);
        await c.query(`CREATE DATABASE "${emptyDatabase}"`);
      });
      setUp = await setUpRoles(withDatabase(adminPostgresUrl(), database), roles);
      const opened = await openReadyDatabase(
        { DATABASE_URL: setUp.databaseUrl, MIGRATION_DATABASE_URL: setUp.migrationDatabaseUrl },
        MIGRATIONS_DIR,
      );
      expect(opened.applied).toHaveLength(migrationCount);
      app = opened.db;
      appClient = new pg.Client({ connectionString: setUp.databaseUrl });
      await appClient.connect();
    });

    afterAll(async () => {
      await appClient?.end();
      await app?.close();
      await admin(async (c) => {
        for (const name of [database, emptyDatabase]) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        for (const role of [roles.app, roles.owner]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
      });
    });

    it('creates two login roles with their own passwords, neither a superuser, and the owner owns the schema', async () => {
      expect(setUp.created.map((c) => c.role)).toEqual([roles.owner, roles.app]);
      expect(setUp.databaseUrl).toContain(`${roles.app}:${setUp.created[1].password}@`);
      const { rows } = await appClient.query(
        `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
        [[roles.owner, roles.app]],
      );
      expect(rows).toEqual([
        { rolname: roles.app, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true },
        { rolname: roles.owner, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true },
      ]);
      const owners = await appClient.query(
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace`,
      );
      expect(owners.rows).toEqual([{ owner: roles.owner }]);
      // Running it again changes nothing and makes no new passwords.
      const again = await setUpRoles(withDatabase(adminPostgresUrl(), database), roles);
      expect(again.created).toEqual([]);
    });

    it('lets the app role add to and read the audit trail, never change, delete, empty or switch it off', async () => {
      const event = await app.prisma.auditEvent.create({
        data: { action: 'patient.view', entityType: 'Patient', entityId: 'p-roles', patientId: 'p-roles' },
        select: { id: true },
      });
      expect(await app.prisma.auditEvent.count({ where: { id: event.id } })).toBe(1);

      expect(await asApp(`UPDATE "AuditEvent" SET action = 'x' WHERE id = ${event.id}`)).toMatch(/permission denied for table AuditEvent/);
      expect(await asApp(`DELETE FROM "AuditEvent"`)).toMatch(/permission denied for table AuditEvent/);
      expect(await asApp(`TRUNCATE "AuditEvent"`)).toMatch(/permission denied for table AuditEvent/);
      expect(await asApp(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`)).toMatch(/must be owner of table AuditEvent/);
      expect(await asApp(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).toMatch(/must be owner of table AuditEvent/);
      expect(await asApp(`DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`)).toMatch(/must be owner of relation AuditEvent/);
      expect(await asApp(`SET session_replication_role = replica`)).toMatch(/permission denied to set parameter/);
      expect(await asApp(`CREATE OR REPLACE FUNCTION paindesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`)).toMatch(
        /permission denied for schema public|must be owner of function/,
      );
      expect(await app.prisma.auditEvent.count({ where: { id: event.id } })).toBe(1);
    });

    it('lets the app role record booking events and read them, never change, delete or empty them', async () => {
      const event = await app.prisma.bookingEvent.create({
        data: { type: 'BOOKED', occurredAt: new Date('2027-03-22T10:00:00.000Z'), appointmentIds: ['a-roles'] },
        select: { id: true },
      });
      expect(await app.prisma.bookingEvent.count({ where: { id: event.id } })).toBe(1);
      expect(await asApp(`UPDATE "BookingEvent" SET type = 'MOVED' WHERE id = ${event.id}`)).toMatch(/permission denied for table BookingEvent/);
      expect(await asApp(`DELETE FROM "BookingEvent"`)).toMatch(/permission denied for table BookingEvent/);
      expect(await asApp(`TRUNCATE "BookingEvent"`)).toMatch(/permission denied for table BookingEvent/);
      expect(await app.prisma.bookingEvent.count({ where: { id: event.id } })).toBe(1);
    });

    it('keeps the app role out of the schema and the migration history, which it may read', async () => {
      expect(await asApp(`CREATE TABLE "Sneaky" (id int)`)).toMatch(/permission denied for schema public/);
      expect(await asApp(`CREATE TEMP TABLE sneaky (id int)`)).toMatch(/permission denied to create temporary tables/);
      expect(await asApp(`DROP TABLE "Patient"`)).toMatch(/must be owner of table Patient/);
      expect(await asApp(`ALTER TABLE "Patient" DROP CONSTRAINT "Patient_nhsNumber_check"`)).toMatch(/must be owner of table Patient/);
      expect(await asApp(`TRUNCATE "Patient"`)).toMatch(/permission denied for table Patient/);
      // Not an owner, it cannot pass on a right it lacks: the grant does nothing.
      await asApp(`GRANT UPDATE ON "AuditEvent" TO PUBLIC`);
      expect(await asApp(`UPDATE "AuditEvent" SET action = action`)).toMatch(/permission denied for table AuditEvent/);
      const { rows } = await appClient.query('SELECT count(*)::int AS n FROM "_paindesk_migrations"');
      expect(rows[0].n).toBe(migrationCount);
      expect(await asApp(`DELETE FROM "_paindesk_migrations"`)).toMatch(/permission denied for table _paindesk_migrations/);
      expect(await asApp(`INSERT INTO "_paindesk_migrations" (name, checksum) VALUES ('x', 'y')`)).toMatch(/permission denied/);
      expect(await asApp(`UPDATE "_paindesk_migrations" SET checksum = 'y'`)).toMatch(/permission denied/);
    });

    it('lets the app do its normal work as the app role: the demo data, a patient written, changed and removed', async () => {
      expect(await seedDemoData(app.prisma, { now: new Date('2027-03-22T10:00:00.000Z'), passwordHash: await testPasswordHash() })).toEqual({
        seeded: true,
      });
      const patient = await createPatient(app.prisma, { nhsNumber: '9434765919' });
      await app.prisma.patient.update({ where: { id: patient.id }, data: { postcode: 'ME16 9QQ' } });
      await app.prisma.patient.delete({ where: { id: patient.id } });
      expect(await app.prisma.patient.count({ where: { id: patient.id } })).toBe(0);
      expect(await app.prisma.staffUser.count()).toBeGreaterThan(0);
    });

    it('refuses to start as the app role on a database with migrations to apply, saying what to run', async () => {
      const { databaseUrl } = await setUpRoles(withDatabase(adminPostgresUrl(), emptyDatabase), roles);
      // The roles exist already, so the URL carries no password: use the one made above.
      const appUrl = databaseUrl.replace(':PASSWORD@', `:${setUp.created[1].password}@`);
      const refusal = openReadyDatabase({ DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: null }, MIGRATIONS_DIR);
      await expect(refusal).rejects.toThrow(DatabaseSetUpError);
      await expect(refusal).rejects.toThrow(
        new RegExp(`${migrationCount} migration\\(s\\) not applied: .*run \`npm run db:migrate\` with MIGRATION_DATABASE_URL`),
      );
      // Nothing was created by the attempt.
      const tables = await admin(async (c) => {
        const other = new pg.Client({ connectionString: withDatabase(adminPostgresUrl(), emptyDatabase) });
        await other.connect();
        try {
          return (await other.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
        } finally {
          await other.end();
        }
      });
      expect(tables).toBe(0);
      // The real server says so and exits.
      const result = await runServerUntilExit({ DATABASE_URL: appUrl });
      expect(result.code).toBe(2);
      expect(result.output).toContain('PainDesk will not start: the database is not ready for this version');
    });

    it('gives the app role row access to a table a later migration adds, and the audit trail stays closed', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-migrations-'));
      try {
        fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
        const later = '29991231000000_later_table';
        fs.mkdirSync(path.join(dir, later));
        // A careless migration that also opens the audit trail: the grants applied after it close it again.
        fs.writeFileSync(
          path.join(dir, later, 'migration.sql'),
          `CREATE TABLE "LaterThing" ("id" SERIAL PRIMARY KEY, "note" TEXT NOT NULL);\nGRANT ALL ON "AuditEvent" TO "${roles.app}";\n`,
        );
        const urls = { DATABASE_URL: setUp.databaseUrl, MIGRATION_DATABASE_URL: null };
        await expect(openReadyDatabase(urls, dir)).rejects.toThrow(`1 migration(s) not applied: ${later}`);

        const { db, applied } = await openReadyDatabase({ ...urls, MIGRATION_DATABASE_URL: setUp.migrationDatabaseUrl }, dir);
        await db.close();
        expect(applied).toEqual([later]);
        expect(await asApp(`INSERT INTO "LaterThing" ("note") VALUES ('written by the app')`)).toBeNull();
        expect((await appClient.query(`SELECT "note" FROM "LaterThing"`)).rows).toEqual([{ note: 'written by the app' }]);
        expect(await asApp(`DROP TABLE "LaterThing"`)).toMatch(/must be owner of table LaterThing/);
        expect(await asApp(`TRUNCATE "AuditEvent"`)).toMatch(/permission denied for table AuditEvent/);
        expect(await asApp(`DELETE FROM "AuditEvent"`)).toMatch(/permission denied for table AuditEvent/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a set-up in which the app would sign in as the owner or a superuser', async () => {
      const urls = { DATABASE_URL: setUp.migrationDatabaseUrl, MIGRATION_DATABASE_URL: setUp.migrationDatabaseUrl };
      await expect(openReadyDatabase(urls, MIGRATIONS_DIR)).rejects.toThrow(/sign in as the same role/);
      await expect(applyAppGrants(app, 'postgres')).rejects.toThrow(/is a superuser/);
    });

    it('serves the sign-in page from the real app running as the app role, the owner migrating at start-up', async () => {
      ensureBuilt();
      const running = await startApp({
        DATABASE_URL: setUp.databaseUrl,
        MIGRATION_DATABASE_URL: setUp.migrationDatabaseUrl,
        SEED_DEMO_DATA: 'true',
        WORKER_ENABLED: 'false',
      });
      try {
        expect(running.output()).toContain('Demo data already present');
        const response = await fetch(`${running.baseUrl}/sign-in`);
        expect(response.status).toBe(200);
        expect(await response.text()).toMatch(/Sign in/);
      } finally {
        await running.stop();
      }
    });
  });
} else {
  describe('least-privilege roles on the embedded database', () => {
    it('are refused with a message that they need PostgreSQL, and the single user migrates as before', async () => {
      await expect(setUpRoles('memory://')).rejects.toThrow(/needs PostgreSQL: the embedded database \(PGlite\) has a single user/);
      await expect(applyAppGrants(testDatabase(), 'paindesk_app')).rejects.toThrow(DatabaseSetUpError);
      await expect(openReadyDatabase({ DATABASE_URL: 'memory://', MIGRATION_DATABASE_URL: 'postgres://o@127.0.0.1:1/x' })).rejects.toThrow(
        /needs PostgreSQL/,
      );
      const { db, applied } = await openReadyDatabase({ DATABASE_URL: 'memory://', MIGRATION_DATABASE_URL: null }, MIGRATIONS_DIR);
      try {
        expect(applied).toHaveLength(migrationCount);
        expect((await migrationStatus(db, MIGRATIONS_DIR)).pending).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });
}

/** The server routes render from the Remix build: make one if this checkout has none yet. */
function ensureBuilt() {
  if (fs.existsSync(path.join(ROOT, 'build', 'index.js'))) return;
  const result = spawnSync('npx', ['remix', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (result.status !== 0) throw new Error('remix build failed');
}

/** Starts server/index.ts as `npm start` does and waits for it to exit (it should refuse to start). */
function runServerUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', PORT: String(40_000 + Math.floor(Math.random() * 20_000)), SEED_DEMO_DATA: 'false', WORKER_ENABLED: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the server did not exit in 60 s:\n${output}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
