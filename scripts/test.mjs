// `npm test`: the typecheck, then every test tier, in order, with TZ=UTC.
//   0. typecheck  - tsc --noEmit over app, server, scripts and tests (a type error fails the run)
//   1. unit       - pure code (vitest project "unit")
//   2. server     - against a real database: embedded PGlite, then PostgreSQL
//   3. e2e        - the built app in Debian's Chromium via playwright-core
// PostgreSQL: PAINDESK_TEST_POSTGRES_URL (a server where we may create databases), else
// postgres://postgres@127.0.0.1:5432/postgres if one answers there. Chromium: PAINDESK_CHROMIUM or
// /usr/bin/chromium. Where either is missing, the tier says how to get it and, with CI set, fails.
// `npm test -- e2e` (or typecheck, unit, server) runs one tier. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
const isCI = !!process.env.CI && process.env.CI !== 'false';
const baseEnv = { ...process.env, TZ: 'UTC' };
const totals = { passed: 0, failed: 0 };
const problems = [];

function run(label, command, args, env = baseEnv) {
  console.log(`\n=== ${label} ===`);
  const report = path.join(os.tmpdir(), `paindesk-vitest-${process.pid}-${totals.passed + totals.failed}-${label.replace(/\W+/g, '-')}.json`);
  const isVitest = args[0] === 'vitest';
  const fullArgs = isVitest ? [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`] : args;
  const result = spawnSync(command, fullArgs, { cwd: root, env, stdio: 'inherit' });
  if (isVitest && fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    // A suite that fails to load fails no test of its own: count it, so the closing line never hides it.
    totals.failed += json.numFailedTests > 0 ? json.numFailedTests : json.numFailedTestSuites;
    if (json.numTotalTests === 0) problems.push(`${label}: no tests ran`);
    fs.rmSync(report, { force: true });
  }
  if (result.status !== 0) problems.push(`${label}: exited with ${result.status}`);
  return result.status === 0;
}

function reachable(url) {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(1500);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function missing(what, howTo) {
  const message = `${what} is not available. ${howTo}`;
  if (isCI) {
    console.error(`\n${message}\nCI is set, so this fails rather than skipping the tier.`);
    problems.push(message);
  } else {
    console.warn(`\nNOT RUN: ${message}`);
    problems.push(`not run: ${what}`);
  }
}

const npx = 'npx';

if (!only || only === 'typecheck') {
  run('typecheck', npx, ['tsc', '--noEmit']);
}

if (!only || only === 'unit') {
  run('unit tests', npx, ['vitest', 'run', '--project', 'unit']);
}

if (!only || only === 'server') {
  run('server tests on embedded PGlite', npx, ['vitest', 'run', '--project', 'server'], { ...baseEnv, PAINDESK_TEST_DB: 'pglite' });
  const pgUrl = process.env.PAINDESK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await reachable(pgUrl)) {
    run('server tests on PostgreSQL', npx, ['vitest', 'run', '--project', 'server'], {
      ...baseEnv,
      PAINDESK_TEST_DB: 'postgres',
      PAINDESK_TEST_POSTGRES_URL: pgUrl,
    });
  } else {
    missing(
      'A PostgreSQL server for the server tests',
      'Install one (Debian: apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect 15 main start) and set PAINDESK_TEST_POSTGRES_URL, or run .ci/run which does this.',
    );
  }
}

if (!only || only === 'e2e') {
  const chromium = process.env.PAINDESK_CHROMIUM ?? '/usr/bin/chromium';
  if (fs.existsSync(chromium)) {
    if (run('build', npx, ['remix', 'build'])) {
      run('end-to-end tests in Chromium', npx, ['vitest', 'run', '--project', 'e2e']);
    }
  } else {
    missing(
      `Chromium (${chromium}) for the end-to-end tests`,
      'Install Debian\'s package (apt-get install -y chromium) or set PAINDESK_CHROMIUM to a Chromium binary.',
    );
  }
}

console.log('');
for (const problem of problems) console.log(`- ${problem}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(problems.some((p) => !p.startsWith('not run')) || totals.failed > 0 ? 1 : 0);
