// Prisma CLI configuration. Only `prisma generate` is used: migrations are applied by our own
// runner (app/db/migrate.server.ts) because Prisma's schema engine cannot be downloaded here.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
