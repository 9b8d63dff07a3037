// `npm run worker`: the outbox worker as its own process, for production, where the web servers run with
// WORKER_ENABLED=false. Several may run against one PostgreSQL: rows are claimed with row locks. (The embedded
// database belongs to one process, so with it the worker runs inside `npm start` instead.)
// Stops cleanly on SIGTERM or SIGINT: the message in hand is finished, the rest of the batch handed back, and its
// heartbeat row removed. While it runs, its heartbeat (WorkerHeartbeat) is what GET /readyz/worker on any web
// server reports: this process serves no HTTP of its own (docs/decisions/0017).
import { installLogRedaction } from '../server/log-redaction';
import { createStandInSmsTransport } from '../server/notify-stand-in';
import { startOutboxWorker } from '~/communications/outbox-runtime.server';
import { closeDatabase } from '~/db.server';
import { getEnvOrExit } from '~/env.server';
import { describeErrorSafely } from '~/utils/safe-log';

installLogRedaction();

const env = getEnvOrExit();

let running;
try {
  running = await startOutboxWorker({ smsStandIn: env.NODE_ENV === 'production' ? undefined : createStandInSmsTransport });
} catch (error) {
  console.error(`The outbox worker could not start: ${describeErrorSafely(error)}`);
  await closeDatabase().catch(() => undefined);
  process.exit(1);
}
console.log(running.description);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the outbox worker.`);
  running
    .stop()
    .catch((error) => console.error(`stopping the outbox worker failed: ${describeErrorSafely(error)}`))
    .then(() => closeDatabase())
    .catch((error) => console.error(`closing the database failed: ${describeErrorSafely(error)}`))
    .finally(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
