// Starts PainDesk: validates the environment, opens and migrates the database, loads the demo
// data once (never in production), then serves the Remix app. `npm start` runs this.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { healthRoutes } from './health';
import { installLogRedaction } from './log-redaction';
import { loadContextFor, requestContext, routeWords } from './request-context';
import { createShutdown } from './shutdown';
import { addressGuard, bodySizeGuard, clientAddressHeader, errorPage, methodGuard, sameOriginGuard, securityHeaders } from './request-guards';
import { productionDemoAccountsProblem } from '~/auth/demo-accounts.server';
import { DEMO_TOTP_SECRET } from '~/auth/demo-second-factor';
import { DEMO_PASSWORD } from '~/auth/password.server';
import { createStandInSmsTransport } from './notify-stand-in';
import { startOutboxWorker, type RunningOutboxWorker } from '~/communications/outbox-runtime.server';
import { closeDatabase, getDatabase, MIGRATIONS_DIR } from '~/db.server';
import { readMigrations } from '~/db/migrate.server';
import { engineFor } from '~/db/open-database.server';
import { DatabaseSetUpError } from '~/db/roles.server';
import { getEnvOrExit } from '~/env.server';
import { describeErrorSafely } from '~/utils/safe-log';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Nothing this process prints may carry a query string or an error message (ADR 0017).
installLogRedaction();

async function main() {
  const env = getEnvOrExit();

  const started = Date.now();
  const db = await getDatabase().catch(async (error: unknown) => {
    // A database the app role may not migrate, or a role set-up that would let it erase the audit trail (ADR 20).
    if (!(error instanceof DatabaseSetUpError)) throw error;
    console.error(`PainDesk will not start: ${error.message}`);
    process.exit(2);
  });
  console.log(`Database ready (${engineFor(env.DATABASE_URL) === 'pglite' ? `embedded, ${env.DATABASE_URL}` : 'PostgreSQL'}).`);

  if (env.NODE_ENV === 'production') {
    // A database seeded in development keeps its demo accounts, whose password is published: refuse it.
    const problem = await productionDemoAccountsProblem(db.prisma);
    if (problem) {
      console.error(`PainDesk will not start: ${problem}`);
      await closeDatabase();
      process.exit(2);
    }
  }

  if (env.SEED_DEMO_DATA) {
    const { seedDemoData } = await import('../prisma/seed');
    const result = await seedDemoData(db.prisma, { now: new Date() });
    console.log(result.seeded ? 'Demo data loaded.' : 'Demo data already present: left as it is.');
  }

  // The outbox worker sends queued emails and texts; production may run it as its own process instead.
  let outbox: RunningOutboxWorker | null = null;
  if (env.WORKER_ENABLED) {
    outbox = await startOutboxWorker({ smsStandIn: env.NODE_ENV === 'production' ? undefined : createStandInSmsTransport });
    console.log(outbox.description);
  }

  const build = (await import(path.join(root, 'build', 'index.js'))) as ServerBuild;
  const migrationNames = (await readMigrations(MIGRATIONS_DIR)).map((m) => m.name);
  const app = express();
  const server = http.createServer(app);
  const shutdown = createShutdown({
    server,
    graceMs: env.SHUTDOWN_GRACE_MS,
    stopWorker: async () => outbox?.stop(),
    closeDatabase,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', env.TRUST_PROXY);
  // First: the request id and CSP nonce, then the headers every answer carries, then the health endpoints
  // (no session, no guards), then static files, the guards and Remix; last, a plain error page.
  app.use(requestContext({ routeWords: routeWords(build.routes) }));
  app.use(securityHeaders({ production: env.NODE_ENV === 'production' }));
  app.use(shutdown.closeConnectionsWhenStopping());
  app.use(healthRoutes({ db, migrationNames, worker: outbox?.worker ?? null, pollMs: env.WORKER_POLL_MS, isStopping: shutdown.isStopping }));

  // Before files or routes are looked up: only ordinary methods; no broken percent-encoding, NUL or control
  // characters in the address.
  app.use(methodGuard());
  app.use(addressGuard());
  app.use('/assets/nhsuk', express.static(path.join(root, 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk'), { maxAge: '1d' }));
  app.use('/build', express.static(path.join(root, 'public', 'build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }));
  // Before Remix reads a body: refuse oversized or length-less bodies and state-changing requests from other sites.
  app.use(bodySizeGuard());
  app.use(sameOriginGuard());
  // The audit trail and the sign-in throttle record where a request came from; never a client-sent value.
  app.use(clientAddressHeader());
  // Remix sends error messages and stack traces to the browser only in development mode: `npm run dev` alone.
  app.all('*', createRequestHandler({ build, mode: env.ERROR_DETAILS ? 'development' : 'production', getLoadContext: loadContextFor }));
  app.use(errorPage());

  server.once('error', (error) => {
    console.error(`PainDesk could not listen on port ${env.PORT}: ${describeErrorSafely(error)}`);
    void Promise.resolve(outbox?.stop())
      .then(() => closeDatabase())
      .catch(() => undefined)
      .finally(() => process.exit(1));
  });
  server.listen(env.PORT, () => {
    console.log(`PainDesk is running at http://localhost:${env.PORT} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (env.SEED_DEMO_DATA) {
      console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"): clerk@paindesk.test, doctor@paindesk.test, admin@paindesk.test`);
      console.log(`The demo admin's second factor: add the key ${DEMO_TOTP_SECRET} to an authenticator app (see README)`);
    }
  });

  process.on('SIGINT', () => void shutdown.stop('SIGINT'));
  process.on('SIGTERM', () => void shutdown.stop('SIGTERM'));
}

main().catch(async (error) => {
  console.error(`PainDesk could not start: ${describeErrorSafely(error)}`);
  if (error instanceof Error && !/P\d{4}/.test(error.message)) console.error(error.message);
  await closeDatabase().catch(() => undefined);
  process.exit(1);
});
