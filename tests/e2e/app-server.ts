// Starts the real app (server/index.ts) on a free port with a fresh embedded database and the demo
// data, exactly as `npm start` does, for the browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type RunningApp = {
  baseUrl: string;
  port: number;
  dataDir: string;
  mailDir: string;
  stop(): Promise<void>;
  output(): string;
  /** Sends the server a signal (the shutdown tests). */
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code once the server process has exited. */
  exited: Promise<number | null>;
};

export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(ROOT, 'build', 'index.js'))) {
    throw new Error('The app is not built: run `npm run build` (npm test does this) before the browser tests.');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-e2e-'));
  // Emails the app's outbox worker sends are written here as .eml files (no SMTP server in the browser tests).
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-e2e-mail-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: `pglite:${dataDir}`,
      SEED_DEMO_DATA: 'true',
      MAIL_DIR: mailDir,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start in 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (output.includes('PainDesk is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    mailDir,
    output: () => output,
    signal: (signal) => void child.kill(signal),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
