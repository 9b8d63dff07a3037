// The one database (and Prisma client) of this process, opened from the validated environment.
// Kept on globalThis so the server entry, the Remix build and the outbox worker share it.
import path from 'node:path';
import { getEnv } from '~/env.server';
import { migrate, migrationProblem, migrationStatus } from '~/db/migrate.server';
import { openDatabase, type Database } from '~/db/open-database.server';
import { applyAppGrants, DatabaseSetUpError, mayChangeSchema, ownsAuditTrail, roleOfUrl } from '~/db/roles.server';

declare global {
  // eslint-disable-next-line no-var
  var __paindeskDb: Promise<Database> | undefined;
}

export const MIGRATIONS_DIR = path.resolve('prisma', 'migrations');

export type DatabaseUrls = { DATABASE_URL: string; MIGRATION_DATABASE_URL: string | null };

/**
 * Opens DATABASE_URL ready for this version of PainDesk (ADR 20). With MIGRATION_DATABASE_URL the owner role
 * migrates first and grants the app role its rights; the app's own connection then only checks. Without it,
 * the DATABASE_URL role migrates if it may change the schema; if it may not, a database with migrations
 * still to apply is refused with a DatabaseSetUpError saying what to run.
 */
export async function openReadyDatabase(
  urls: DatabaseUrls,
  dir = MIGRATIONS_DIR,
): Promise<{ db: Database; applied: string[] }> {
  const applied: string[] = [];
  if (urls.MIGRATION_DATABASE_URL) {
    const appRole = roleOfUrl(urls.DATABASE_URL);
    const owner = await openDatabase(urls.MIGRATION_DATABASE_URL);
    try {
      applied.push(...(await migrate(owner, dir)));
      await applyAppGrants(owner, appRole);
    } finally {
      await owner.close();
    }
  }
  const db = await openDatabase(urls.DATABASE_URL);
  try {
    const problem = migrationProblem(await migrationStatus(db, dir));
    if (problem) {
      if (urls.MIGRATION_DATABASE_URL || !(await mayChangeSchema(db))) {
        throw new DatabaseSetUpError(
          `the database is not ready for this version: ${problem}. The role in DATABASE_URL may not change the schema: run \`npm run db:migrate\` with MIGRATION_DATABASE_URL set to the owner role, or set MIGRATION_DATABASE_URL for \`npm start\` too (README, "Production start").`,
        );
      }
      applied.push(...(await migrate(db, dir)));
    }
    if (!urls.MIGRATION_DATABASE_URL && (await ownsAuditTrail(db))) {
      console.warn(
        'DATABASE_URL signs in as the owner of the audit trail, so the app could erase it: give it the app role and the owner to MIGRATION_DATABASE_URL (README, "Production start").',
      );
    }
    return { db, applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Opens (once) the configured database, migrated or checked (openReadyDatabase). */
export function getDatabase(): Promise<Database> {
  globalThis.__paindeskDb ??= (async () => (await openReadyDatabase(getEnv())).db)();
  return globalThis.__paindeskDb;
}

/** For tests: use an already-open database as this process's database. */
export function setDatabase(db: Database | undefined) {
  globalThis.__paindeskDb = db ? Promise.resolve(db) : undefined;
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}

export async function closeDatabase() {
  const pending = globalThis.__paindeskDb;
  globalThis.__paindeskDb = undefined;
  if (pending) await (await pending).close();
}
