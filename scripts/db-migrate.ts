// `npm run db:migrate`: applies pending migrations to the database in DATABASE_URL, then exits.
import { closeDatabase, getDatabase, MIGRATIONS_DIR } from '~/db.server';
import { migrate } from '~/db/migrate.server';
import { getEnv } from '~/env.server';

const env = getEnv();
const db = await getDatabase(); // opening migrates
const pending = await migrate(db, MIGRATIONS_DIR);
console.log(`Migrations are up to date (${db.engine}${env.DATABASE_URL.startsWith('pglite:') ? `, ${env.DATABASE_URL}` : ''}).${pending.length ? ` Applied: ${pending.join(', ')}` : ''}`);
await closeDatabase();
