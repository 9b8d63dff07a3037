// The one database (and Prisma client) of this process, opened from the validated environment.
// Kept on globalThis so the server entry, the Remix build and the outbox worker share it.
import path from 'node:path';
import { getEnv } from '~/env.server';
import { migrate } from '~/db/migrate.server';
import { openDatabase, type Database } from '~/db/open-database.server';

declare global {
  // eslint-disable-next-line no-var
  var __paindeskDb: Promise<Database> | undefined;
}

export const MIGRATIONS_DIR = path.resolve('prisma', 'migrations');

/** Opens (once) and migrates the configured database. */
export function getDatabase(): Promise<Database> {
  globalThis.__paindeskDb ??= (async () => {
    const db = await openDatabase(getEnv().DATABASE_URL);
    await migrate(db, MIGRATIONS_DIR);
    return db;
  })();
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
