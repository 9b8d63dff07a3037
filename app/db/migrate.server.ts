// Applies prisma/migrations/<name>/migration.sql in name order, each in its own transaction,
// recording name and SHA-256 in _paindesk_migrations. Prisma's own `migrate deploy` needs a schema
// engine that cannot be downloaded here (docs/decisions/0002). Safe to run from several instances
// at once: an advisory lock serialises them and the primary key refuses a second apply.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database, Sql } from './open-database.server';

/** Serialises migrations and grants across instances. */
export const LOCK_KEY = 7_243_001; // arbitrary, constant for PainDesk

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

async function appliedMigrations(db: Database): Promise<Map<string, string>> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_paindesk_migrations" (
    "name" TEXT PRIMARY KEY,
    "checksum" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
  )`);
  const rows = await db.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_paindesk_migrations"');
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

export type MigrationStatus = {
  /** In the folder, not yet applied, in the order they would run. */
  pending: string[];
  /** Applied, but the file has changed since. */
  changed: string[];
  /** Applied, but not in the folder (the database is from a newer version of PainDesk). */
  unknown: string[];
};

/**
 * Compares the database with the migrations folder without writing anything, so a role that may not
 * change the schema (ADR 20) can check it at start-up.
 */
export async function migrationStatus(db: Sql, dir: string): Promise<MigrationStatus> {
  const migrations = await readMigrations(dir);
  const [{ present }] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('"_paindesk_migrations"') IS NOT NULL AS "present"`,
  );
  const applied = present
    ? new Map(
        (await db.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_paindesk_migrations"')).map(
          (r) => [r.name, r.checksum],
        ),
      )
    : new Map<string, string>();
  const known = new Set(migrations.map((m) => m.name));
  return {
    pending: migrations.filter((m) => !applied.has(m.name)).map((m) => m.name),
    changed: migrations.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name),
    unknown: [...applied.keys()].filter((name) => !known.has(name)).sort(),
  };
}

/**
 * Why a database is not ready for this version of PainDesk, or null when every migration is applied unchanged.
 * Migrations this version does not know are no problem here: a newer instance may have applied them first.
 */
export function migrationProblem(status: MigrationStatus): string | null {
  const problems: string[] = [];
  if (status.pending.length) problems.push(`${status.pending.length} migration(s) not applied: ${status.pending.join(', ')}`);
  if (status.changed.length) problems.push(`migration(s) changed after they were applied: ${status.changed.join(', ')}`);
  return problems.length ? problems.join('; ') : null;
}

/** Applies pending migrations; returns the names applied. Refuses if an applied migration was edited. */
export async function migrate(db: Database, dir: string): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const applied = await appliedMigrations(db);
  const done: string[] = [];
  for (const migration of migrations) {
    const previous = applied.get(migration.name);
    if (previous !== undefined) {
      if (previous !== migration.checksum) {
        throw new Error(
          `Migration ${migration.name} was changed after it was applied. Add a new migration instead of editing it.`,
        );
      }
      continue;
    }
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const already = await tx.query('SELECT 1 FROM "_paindesk_migrations" WHERE "name" = $1', [migration.name]);
      if (already.length > 0) return false; // another instance got there first
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO "_paindesk_migrations" ("name", "checksum") VALUES ($1, $2)', [
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) done.push(migration.name);
  }
  return done;
}
