// Start-up cost of the embedded database: a first start (create, migrate, load demo data) and a
// restart (reopen, nothing to migrate, demo data already there). Median of several runs.
// Run: node --import tsx bench/startup.ts [cold-runs] [warm-runs]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '~/db/migrate.server';
import { openDatabase } from '~/db/open-database.server';
import { seedDemoData } from '../prisma/seed';

const MIGRATIONS = path.resolve('prisma', 'migrations');
const coldRuns = Number(process.argv[2] ?? 3);
const warmRuns = Number(process.argv[3] ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function start(dir: string) {
  const t0 = performance.now();
  const db = await openDatabase(`pglite:${dir}`);
  const t1 = performance.now();
  await migrate(db, MIGRATIONS);
  const t2 = performance.now();
  const { seeded } = await seedDemoData(db.prisma, { now: new Date('2027-03-22T10:00:00Z') });
  const t3 = performance.now();
  await db.close();
  return { open: t1 - t0, migrate: t2 - t1, seed: t3 - t2, total: t3 - t0, seeded };
}

const cold: Awaited<ReturnType<typeof start>>[] = [];
const warm: Awaited<ReturnType<typeof start>>[] = [];
for (let i = 0; i < coldRuns; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paindesk-bench-'));
  cold.push(await start(dir));
  for (let j = 0; i === 0 && j < warmRuns; j++) warm.push(await start(dir));
  fs.rmSync(dir, { recursive: true, force: true });
}

const row = (label: string, runs: typeof cold) =>
  `| ${label} | ${runs.length} | ${median(runs.map((r) => r.open)).toFixed(0)} | ${median(runs.map((r) => r.migrate)).toFixed(0)} | ${median(runs.map((r) => r.seed)).toFixed(0)} | ${median(runs.map((r) => r.total)).toFixed(0)} |`;

console.log('| start | runs | open ms | migrate ms | demo data ms | total ms (median) |');
console.log('|---|---|---|---|---|---|');
console.log(row('first start (empty folder)', cold));
console.log(row('restart (data present)', warm));
if (cold.some((r) => !r.seeded) || warm.some((r) => r.seeded)) throw new Error('seeding did not run exactly once per folder');
