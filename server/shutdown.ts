// Graceful shutdown on SIGTERM or SIGINT (docs/decisions/0017), in this order:
//  1. /readyz answers 503 at once (a load balancer stops sending work), and the listening socket is closed:
//     new connections are refused;
//  2. requests in flight finish normally, bounded by SHUTDOWN_GRACE_MS; idle keep-alive connections are closed
//     at once and each connection that finishes a request is closed after its answer (Connection: close), so the
//     drain ends as soon as the last answer is sent; the outbox worker meanwhile finishes the message in hand and
//     hands the rest of its batch back;
//  3. once the grace period is over, any connection still open is cut;
//  4. the database closes (the embedded one must, or its folder stays locked), and the process exits 0.
// A second signal cuts the remaining connections at once.
import type http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { describeErrorSafely } from '~/utils/safe-log';

export type ShutdownSteps = {
  server: http.Server;
  graceMs: number;
  /** Stops the outbox worker running in this process, if any. */
  stopWorker: () => Promise<void>;
  closeDatabase: () => Promise<void>;
  log?: (line: string) => void;
  exit?: (code: number) => void;
};

export type Shutdown = {
  isStopping: () => boolean;
  /** Express middleware: once stopping, every answer closes its connection. */
  closeConnectionsWhenStopping: () => (req: Request, res: Response, next: NextFunction) => void;
  /** Starts (or, the second time, hurries) the shutdown; resolves when the process may exit. */
  stop: (signal: string) => Promise<void>;
};

const IDLE_SWEEP_MS = 100;

export function createShutdown(steps: ShutdownSteps): Shutdown {
  const log = steps.log ?? ((line: string) => console.log(line));
  let stopping = false;
  let finished: Promise<void> | null = null;
  let hurry: (() => void) | null = null;

  function drain(): Promise<'drained' | 'cut'> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (how: 'drained' | 'cut') => {
        if (done) return;
        done = true;
        clearInterval(sweep);
        clearTimeout(deadline);
        resolve(how);
      };
      const cut = () => {
        steps.server.closeAllConnections();
        finish('cut');
      };
      // Stops listening; the callback runs once every connection has closed.
      steps.server.close(() => finish('drained'));
      steps.server.closeIdleConnections();
      // A keep-alive connection goes idle when its request ends: close it then rather than at its timeout.
      const sweep = setInterval(() => steps.server.closeIdleConnections(), IDLE_SWEEP_MS);
      const deadline = setTimeout(() => {
        log(`Requests still running after ${steps.graceMs} ms (SHUTDOWN_GRACE_MS): closing their connections.`);
        cut();
      }, steps.graceMs);
      hurry = cut;
    });
  }

  async function run(signal: string) {
    log(`${signal}: stopping PainDesk: no new connections; finishing the requests in flight (up to ${steps.graceMs} ms).`);
    const [drained] = await Promise.all([
      drain(),
      steps.stopWorker().catch((error) => console.error(`stopping the outbox worker failed: ${describeErrorSafely(error)}`)),
    ]);
    if (drained === 'drained') log('All requests finished.');
    await steps.closeDatabase().catch((error) => console.error(`closing the database failed: ${describeErrorSafely(error)}`));
    log('PainDesk stopped.');
  }

  return {
    isStopping: () => stopping,
    closeConnectionsWhenStopping: () => (_req, res, next) => {
      if (stopping) res.set('Connection', 'close');
      next();
    },
    stop: (signal) => {
      if (finished) {
        log(`${signal} again: closing the remaining connections now.`);
        hurry?.();
        return finished;
      }
      stopping = true;
      finished = run(signal).finally(() => (steps.exit ?? process.exit)(0));
      return finished;
    },
  };
}
