// Prints the SQL that creates prisma/schema.prisma from an empty database (or, with
// --from-git <rev>, the SQL that takes the schema as committed at <rev> to today's: the next migration).
// Prisma 7's CLI needs a native schema engine that cannot be downloaded here; Prisma 6.19's
// wasm engine (installed as `prisma-legacy-diff`) diffs offline when given a driver adapter.
// Used to write new migrations and by the schema test (docs/decisions/0002).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Prisma 6 wants the URL in the schema; the diff never connects to it.
const forDiff = (schema) =>
  schema
    .replace(/datasource db \{\s*provider = "postgresql"\s*\}/, 'datasource db {\n  provider = "postgresql"\n  url = "postgresql://unused@localhost/unused"\n}')
    .replace(/generator client \{[^}]*\}/, '');

export function schemaSql({ fromGitRev = null } = {}) {
  const work = path.join(root, 'node_modules', '.cache', 'paindesk-schema-sql');
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, 'schema.prisma'), forDiff(fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8')));
  if (fromGitRev) {
    // The wasm engine cannot replay our migrations (it sends each file as one prepared statement), so the
    // next migration is the diff between two schema files.
    const old = spawnSync('git', ['show', `${fromGitRev}:prisma/schema.prisma`], { cwd: root, encoding: 'utf8' });
    if (old.status !== 0) throw new Error(`git show ${fromGitRev}:prisma/schema.prisma failed:\n${old.stderr}`);
    fs.writeFileSync(path.join(work, 'old.prisma'), forDiff(old.stdout));
  }
  fs.writeFileSync(
    path.join(work, 'prisma.config.mjs'),
    `import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PrismaPGlite } from 'pglite-prisma-adapter';
export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  adapter: async () => {
    const db = new PGlite({ extensions: { btree_gist } });
    // PGlite keeps the process alive (and then exits 99) unless it is closed.
    process.once('beforeExit', () => void db.close());
    return new PrismaPGlite(db);
  },
};
`,
  );
  const args = [path.join(root, 'node_modules', 'prisma-legacy-diff', 'build', 'index.js'), 'migrate', 'diff'];
  if (fromGitRev) args.push('--from-schema-datamodel', 'old.prisma');
  else args.push('--from-empty');
  args.push('--to-schema-datamodel', 'schema.prisma', '--script', '--config', 'prisma.config.mjs');
  const result = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
      PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
      // Nothing here may download an engine: point both at stubs.
      PRISMA_QUERY_ENGINE_LIBRARY: path.join(root, 'scripts', 'no-schema-engine.sh'),
      PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'scripts', 'no-schema-engine.sh'),
    },
  });
  if (result.status !== 0 || /error/i.test(result.stderr)) {
    throw new Error(`prisma migrate diff failed (status ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
  return result.stdout.replace(/^Loaded Prisma config.*\n/m, '').trim() + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--from-git');
  process.stdout.write(schemaSql({ fromGitRev: at > 0 ? (process.argv[at + 1] ?? 'HEAD') : null }));
}
