// `npm run db:roles -- <admin postgres:// URL of the PainDesk database> [--owner <role>] [--app <role>]`:
// creates the owner and app roles for a PostgreSQL deployment and prints the two connection URLs (ADR 20).
// Run as a superuser (or the managed service's admin role); safe to run again. New roles get random
// passwords, printed once here: put them in the deployment's secret store.
import { parseArgs } from 'node:util';
import { DEFAULT_ROLES, setUpRoles } from '~/db/roles.server';
import { describeErrorSafely } from '~/utils/safe-log';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { owner: { type: 'string', default: DEFAULT_ROLES.owner }, app: { type: 'string', default: DEFAULT_ROLES.app } },
});
const [adminUrl] = positionals;
if (!adminUrl || positionals.length > 1) {
  console.error('Usage: npm run db:roles -- postgres://<admin>@<host>:5432/<database> [--owner paindesk_owner] [--app paindesk_app]');
  process.exit(2);
}

try {
  const result = await setUpRoles(adminUrl, { owner: values.owner, app: values.app });
  console.log(`Database ${result.database}: owner role ${result.owner}, app role ${result.app}.`);
  for (const role of [result.owner, result.app]) {
    const made = result.created.some((c) => c.role === role);
    console.log(`  ${role}: ${made ? 'created with a new password (shown once, below)' : 'already existed: password unchanged'}`);
  }
  console.log('Set these for npm start, npm run db:migrate and npm run worker (PASSWORD where the role already existed):');
  console.log(`MIGRATION_DATABASE_URL=${result.migrationDatabaseUrl}`);
  console.log(`DATABASE_URL=${result.databaseUrl}`);
} catch (error) {
  console.error(`Roles not set up: ${error instanceof Error ? error.message : describeErrorSafely(error)}`);
  process.exit(1);
}
