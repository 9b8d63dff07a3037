// `npm run db:restore-check -- <dump file> [--server postgres://<role>@<host>/postgres]`: restores a pg_dump
// custom-format backup into a fresh scratch database, checks it (every migration applied, the audit trail's
// trigger present and refusing changes, its id sequence, a Prisma query), reports and drops the scratch
// database. Exit 0 when every check passed. The server's role needs CREATEDB; without --server,
// MIGRATION_DATABASE_URL or else DATABASE_URL is used (ADR 20).
import { parseArgs } from 'node:util';
import { MIGRATIONS_DIR } from '~/db.server';
import { formatRestoreReport, restoreCheck } from '~/db/restore-check.server';
import { getEnv } from '~/env.server';
import { describeErrorSafely } from '~/utils/safe-log';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { server: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('Usage: npm run db:restore-check -- <dump file> [--server postgres://<role with CREATEDB>@<host>:5432/postgres]');
  process.exit(2);
}

let serverUrl = values.server;
if (!serverUrl) {
  try {
    const env = getEnv();
    serverUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

try {
  const report = await restoreCheck({ dumpFile: positionals[0], serverUrl, migrationsDir: MIGRATIONS_DIR });
  console.log(formatRestoreReport(report));
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(`Restore check could not run: ${error instanceof Error && !('code' in error) ? error.message : describeErrorSafely(error)}`);
  process.exit(1);
}
