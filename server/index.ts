// Starts PainDesk: validates the environment, opens and migrates the database, loads the demo
// data once (never in production), then serves the Remix app. `npm start` runs this.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import { bodySizeGuard, sameOriginGuard, securityHeaders } from './request-guards';
import { productionDemoAccountsProblem } from '~/auth/demo-accounts.server';
import { DEMO_TOTP_SECRET } from '~/auth/demo-second-factor';
import { DEMO_PASSWORD } from '~/auth/password.server';
import { startOutboxWorker, type RunningOutboxWorker } from '~/communications/outbox-runtime.server';
import { closeDatabase, getDatabase } from '~/db.server';
import { engineFor } from '~/db/open-database.server';
import { getEnv } from '~/env.server';
import { describeErrorSafely } from '~/utils/safe-log';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }

  const started = Date.now();
  const db = await getDatabase();
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
    outbox = await startOutboxWorker();
    console.log(outbox.description);
  }

  const build = (await import(path.join(root, 'build', 'index.js'))) as ServerBuild;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ production: env.NODE_ENV === 'production' }));
  app.use('/assets/nhsuk', express.static(path.join(root, 'node_modules', 'nhsuk-frontend', 'dist', 'nhsuk'), { maxAge: '1d' }));
  app.use('/build', express.static(path.join(root, 'public', 'build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }));
  // Before Remix reads a body: refuse oversized or length-less bodies and state-changing requests from other sites.
  app.use(bodySizeGuard());
  app.use(sameOriginGuard());
  app.use((req, _res, next) => {
    // The audit trail records where a request came from; never trust a client-sent value for it.
    req.headers['x-paindesk-client-ip'] = req.socket.remoteAddress ?? '';
    next();
  });
  app.all('*', createRequestHandler({ build, mode: env.NODE_ENV }));

  const server = app.listen(env.PORT, () => {
    console.log(`PainDesk is running at http://localhost:${env.PORT} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (env.SEED_DEMO_DATA) {
      console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"): clerk@paindesk.test, doctor@paindesk.test, admin@paindesk.test`);
      console.log(`The demo admin's second factor: add the key ${DEMO_TOTP_SECRET} to an authenticator app (see README)`);
    }
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping PainDesk.`);
    server.close();
    server.closeAllConnections();
    // The worker finishes the message in hand and hands back the rest of its batch before the database closes.
    Promise.resolve(outbox?.stop())
      .catch((error) => console.error(`stopping the outbox worker failed: ${describeErrorSafely(error)}`))
      // The embedded database must be closed, or its folder is left locked for the next start.
      .then(() => closeDatabase())
      .catch((error) => console.error(`closing the database failed: ${describeErrorSafely(error)}`))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch(async (error) => {
  console.error(`PainDesk could not start: ${describeErrorSafely(error)}`);
  if (error instanceof Error && !/P\d{4}/.test(error.message)) console.error(error.message);
  await closeDatabase().catch(() => undefined);
  process.exit(1);
});
