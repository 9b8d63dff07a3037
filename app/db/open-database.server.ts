// Opens the database named by a DATABASE_URL and hands back a Prisma client plus raw SQL access
// for the migration runner. Embedded PGlite by default, real PostgreSQL for production
// (docs/decisions/0002).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '~/generated/prisma/client';
import { describeErrorSafely } from '~/utils/safe-log';

export type Engine = 'pglite' | 'postgres';

export type Sql = {
  /** Runs SQL that may hold several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Database = Sql & {
  engine: Engine;
  prisma: PrismaClient;
  /** Runs fn on one connection inside a transaction; rolls back if it throws. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** PGlite only: the data directory as a tarball, to start other in-memory databases from. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
};

export type OpenOptions = {
  /** A PGlite data-dir tarball to start an in-memory database from (tests share one migrated snapshot). */
  loadDataDir?: Blob;
};

export function engineFor(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'pglite';
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (engineFor(url) === 'postgres') return openPostgres(url);
  const dataDir = url === 'memory://' ? undefined : path.resolve(url.replace(/^pglite:/, ''));
  // PGlite creates only the last folder of the path; a fresh clone has no ./.data yet.
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    extensions: { btree_gist },
    loadDataDir: options.loadDataDir,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    engine: 'pglite',
    prisma,
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
        }),
      ),
    dumpDataDir: async () => {
      const dump = await pglite.dumpDataDir('none');
      return dump;
    },
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection can be ended by the server (failover, restart, a dropped test database). The pool
  // replaces it on the next query; without a listener the error would crash the process.
  pool.on('error', (error) => {
    console.warn(`PostgreSQL closed an idle connection: ${describeErrorSafely(error)}`);
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    engine: 'postgres',
    prisma,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
