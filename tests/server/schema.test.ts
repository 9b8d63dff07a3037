// Migrating an empty database with our runner must give exactly the schema that Prisma expects
// from prisma/schema.prisma, plus the hand-written rules listed in prisma/constraints.json.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '~/db/migrate.server';
import type { Database } from '~/db/open-database.server';
import { schemaSql } from '../../scripts/schema-sql.mjs';
import { testDatabase } from '../setup/database';
import { MIGRATIONS_DIR, openEmptyDatabase, testEngine } from '../setup/test-databases';

type Catalog = Record<string, Record<string, string>>;

async function catalog(db: Database): Promise<Catalog> {
  const rows = async (sql: string) => db.query<{ k: string; v: string }>(sql);
  const toMap = (list: { k: string; v: string }[]) => Object.fromEntries(list.map((r) => [r.k, r.v ?? '']));
  return {
    columns: toMap(
      await rows(`SELECT table_name || '.' || column_name AS k,
        concat_ws(' ', udt_name, character_maximum_length, datetime_precision, is_nullable, column_default) AS v
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_paindesk_migrations'`),
    ),
    enums: toMap(
      await rows(`SELECT t.typname AS k, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS v
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`),
    ),
    indexes: toMap(
      await rows(`SELECT indexname AS k, indexdef AS v FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_paindesk_migrations'`),
    ),
    constraints: toMap(
      await rows(`SELECT c.conname AS k, pg_get_constraintdef(c.oid) AS v FROM pg_constraint c
        JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid <> 0 AND c.conrelid::regclass::text <> '"_paindesk_migrations"'
          AND c.conrelid::regclass::text <> '_paindesk_migrations'`),
    ),
    extensions: toMap(await rows(`SELECT extname AS k, '' AS v FROM pg_extension WHERE extname <> 'plpgsql'`)),
    functions: toMap(
      await rows(`SELECT p.proname AS k, '' AS v FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`),
    ),
    triggers: toMap(await rows(`SELECT tgname AS k, '' AS v FROM pg_trigger WHERE NOT tgisinternal`)),
  };
}

describe('migrations', () => {
  it('turn an empty database into the schema Prisma expects, plus the declared extra rules', async () => {
    const declared = JSON.parse(fs.readFileSync(path.resolve('prisma/constraints.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    const expectedDb = await openEmptyDatabase(testEngine());
    try {
      await expectedDb.exec(schemaSql());
      const expected = await catalog(expectedDb);
      const actual = await catalog(testDatabase());

      for (const kind of Object.keys(expected)) {
        const extras = Object.keys(actual[kind]).filter((name) => !(name in expected[kind])).sort();
        expect(extras, `${kind} added by migrations but not declared in prisma/constraints.json`).toEqual(
          [...(declared[kind] ?? [])].sort(),
        );
        const missing = Object.keys(expected[kind]).filter((name) => !(name in actual[kind]));
        expect(missing, `${kind} in schema.prisma but missing after migrating`).toEqual([]);
        const changed = Object.keys(expected[kind]).filter((name) => actual[kind][name] !== expected[kind][name]);
        expect(
          changed.map((name) => `${name}: expected ${expected[kind][name]} got ${actual[kind][name]}`),
          `${kind} that differ`,
        ).toEqual([]);
      }
    } finally {
      await expectedDb.close();
    }
  });

  it('applies nothing the second time and refuses an edited migration', async () => {
    const db = testDatabase();
    expect(await migrate(db, MIGRATIONS_DIR)).toEqual([]);
    const first = fs.readdirSync(MIGRATIONS_DIR).sort()[0];
    await db.query('UPDATE "_paindesk_migrations" SET "checksum" = $1 WHERE "name" = $2', ['edited', first]);
    await expect(migrate(db, MIGRATIONS_DIR)).rejects.toThrow(/was changed after it was applied/);
  });
});
