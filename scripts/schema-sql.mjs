// Prints the SQL that creates prisma/schema.prisma from an empty database (or, with
// --from-migrations, the SQL that takes the committed migrations to the schema).
// Prisma 7's CLI needs a native schema engine that cannot be downloaded here; Prisma 6.19's
// wasm engine (installed as `prisma-legacy-diff`) diffs offline when given a driver adapter.
// Used to write new migrations and by the schema test (docs/decisions/0002).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function schemaSql({ fromMigrations = false } = {}) {
  const work = path.join(root, 'node_modules', '.cache', 'paindesk-schema-sql');
  fs.mkdirSync(work, { recursive: true });
  const schema = fs
    .readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8')
    // Prisma 6 wants the URL in the schema; the diff never connects to it.
    .replace(/datasource db \{\s*provider = "postgresql"\s*\}/, 'datasource db {\n  provider = "postgresql"\n  url = "postgresql://unused@localhost/unused"\n}')
    .replace(/generator client \{[^}]*\}/, '');
  fs.writeFileSync(path.join(work, 'schema.prisma'), schema);
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
  if (fromMigrations) args.push('--from-migrations', path.join(root, 'prisma', 'migrations'));
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
  process.stdout.write(schemaSql({ fromMigrations: process.argv.includes('--from-migrations') }));
}
