// Where server tests get their database. One migrated template is made per run (global setup);
// each test file then gets its own copy, so files never see each other's rows:
//   pglite   - an in-memory PGlite loaded from a migrated data-dir snapshot (fast: no migration per file)
//   postgres - CREATE DATABASE ... TEMPLATE on the server in PAINDESK_TEST_POSTGRES_URL
// PAINDESK_TEST_DB chooses the engine (default pglite); scripts/test.mjs runs the tier on both.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '~/db/migrate.server';
import { openDatabase, type Database } from '~/db/open-database.server';

export type TestEngine = 'pglite' | 'postgres';

export const MIGRATIONS_DIR = path.resolve(__dirname, '../../prisma/migrations');
const CACHE_DIR = path.resolve(__dirname, '../../node_modules/.cache/paindesk-test');
const SNAPSHOT = path.join(CACHE_DIR, 'pglite-migrated.tar');

export function testEngine(): TestEngine {
  const engine = process.env.PAINDESK_TEST_DB ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`PAINDESK_TEST_DB must be pglite or postgres`);
  return engine;
}

export function adminPostgresUrl(): string {
  const url = process.env.PAINDESK_TEST_POSTGRES_URL;
  if (!url) throw new Error('PAINDESK_TEST_POSTGRES_URL must name a PostgreSQL server for PAINDESK_TEST_DB=postgres');
  return url;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs fn on a connection to the server in PAINDESK_TEST_POSTGRES_URL (to create and drop databases and roles). */
export async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminPostgresUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Global setup: builds the migrated template for this run and returns its handle. */
export async function prepareTemplate(engine: TestEngine): Promise<string> {
  if (engine === 'pglite') {
    const db = await openDatabase('memory://');
    await migrate(db, MIGRATIONS_DIR);
    const dump = await db.dumpDataDir!();
    await db.close();
    await fs.mkdir(CACHE_DIR, { recursive: true });
    const file = `${SNAPSHOT}.${process.pid}`;
    await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  }
  const name = `paindesk_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const db = await openDatabase(withDatabase(adminPostgresUrl(), name));
  try {
    await migrate(db, MIGRATIONS_DIR);
  } finally {
    await db.close();
  }
  return name;
}

export async function dropTemplate(engine: TestEngine, handle: string) {
  if (engine === 'pglite') {
    await fs.rm(handle, { force: true });
    return;
  }
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [handle, `${handle}_f%`],
    );
    for (const row of rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  });
}

/** A fresh, migrated database of its own for one test file. */
export async function openTestDatabase(engine: TestEngine, handle: string): Promise<Database> {
  if (engine === 'pglite') {
    const tar = await fs.readFile(handle);
    return openDatabase('memory://', { loadDataDir: new Blob([tar]) });
  }
  const name = `${handle}_f${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${handle}"`));
  return openDroppedOnClose(name);
}

/** Opens a PostgreSQL database this process created; closing it drops it. */
async function openDroppedOnClose(name: string): Promise<Database> {
  const db = await openDatabase(withDatabase(adminPostgresUrl(), name));
  const close = db.close;
  db.close = async () => {
    await close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  return db;
}

/** An empty database (no migrations) on the given engine, dropped when closed. */
export async function openEmptyDatabase(engine: TestEngine): Promise<Database> {
  if (engine === 'pglite') return openDatabase('memory://');
  const name = `paindesk_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return openDroppedOnClose(name);
}
