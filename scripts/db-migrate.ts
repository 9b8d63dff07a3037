// `npm run db:migrate`: applies pending migrations, then exits. With MIGRATION_DATABASE_URL set it migrates as
// that owner role and grants the role in DATABASE_URL only row access (ADR 20); otherwise DATABASE_URL migrates.
import { MIGRATIONS_DIR, openReadyDatabase } from '~/db.server';
import { DatabaseSetUpError } from '~/db/roles.server';
import { getEnvOrExit } from '~/env.server';

const env = getEnvOrExit();
try {
  const { db, applied } = await openReadyDatabase(env, MIGRATIONS_DIR);
  const where = env.DATABASE_URL.startsWith('pglite:') ? `, ${env.DATABASE_URL}` : '';
  const grants = env.MIGRATION_DATABASE_URL ? '; app role granted row access only' : '';
  console.log(`Migrations are up to date (${db.engine}${where}${grants}).${applied.length ? ` Applied: ${applied.join(', ')}` : ''}`);
  await db.close();
} catch (error) {
  if (!(error instanceof DatabaseSetUpError)) throw error;
  console.error(`Not migrated: ${error.message}`);
  process.exit(2);
}
