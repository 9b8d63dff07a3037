// Every server test file runs against its own fresh, migrated database, installed as the
// process's database so that the code under test (which calls getDatabase()) uses it.
import { afterAll, beforeAll, inject } from 'vitest';
import { setDatabase } from '~/db.server';
import type { Database } from '~/db/open-database.server';
import { openTestDatabase, testEngine } from './test-databases';
// As in the app: use cases record booking events, and messaging reacts to them.
import '~/wiring.server';

let db: Database | undefined;

beforeAll(async () => {
  db = await openTestDatabase(testEngine(), inject('testDatabaseTemplate'));
  setDatabase(db);
});

afterAll(async () => {
  setDatabase(undefined);
  await db?.close();
});

/** The current test file's database (for raw SQL in tests). */
export function testDatabase(): Database {
  if (!db) throw new Error('the test database is opened in beforeAll');
  return db;
}
