// The one place that reads process.env. Validated once, at start-up; everything else imports `env`.
// Each variable is documented here and in README.md ("Configuration").
import { z } from 'zod';

const DEV_SESSION_SECRET = 'paindesk-development-secret-not-for-production';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** HTTP port for `npm start`. */
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /**
     * Where the data lives. `pglite:<folder>` (default `pglite:./.data/pglite`) is the embedded PostgreSQL;
     * `memory://` is an in-memory embedded database; `postgres://user@host:5432/db` is a real PostgreSQL server.
     */
    DATABASE_URL: z
      .string()
      .default('pglite:./.data/pglite')
      .refine((url) => /^(pglite:.+|memory:\/\/|postgres(ql)?:\/\/.+)$/.test(url), {
        message: 'must be pglite:<folder>, memory:// or a postgres:// URL',
      }),
    /** Signs the session cookie. Required (32+ characters) in production. */
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How long a signed-in session lasts without activity, in hours. */
    SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 7).default(12),
    /** Load the demo data set (staff, patients, clinics) into an empty database. Never in production. */
    SEED_DEMO_DATA: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production') {
      if (!value.SESSION_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
      }
      if (value.SEED_DEMO_DATA === true) {
        ctx.addIssue({
          code: 'custom',
          path: ['SEED_DEMO_DATA'],
          message: 'demo accounts with a published password are refused when NODE_ENV=production',
        });
      }
    }
  });

export type Env = {
  NODE_ENV: 'development' | 'production' | 'test';
  PORT: number;
  DATABASE_URL: string;
  SESSION_SECRET: string;
  SESSION_IDLE_HOURS: number;
  SEED_DEMO_DATA: boolean;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  const value = result.data;
  return {
    NODE_ENV: value.NODE_ENV,
    PORT: value.PORT,
    DATABASE_URL: value.DATABASE_URL,
    SESSION_SECRET: value.SESSION_SECRET ?? DEV_SESSION_SECRET,
    SESSION_IDLE_HOURS: value.SESSION_IDLE_HOURS,
    SEED_DEMO_DATA: value.SEED_DEMO_DATA ?? value.NODE_ENV !== 'production',
  };
}

declare global {
  // eslint-disable-next-line no-var
  var __paindeskEnv: Env | undefined;
}

/** The validated environment. Parsed on first use; the server calls it before listening. */
export function getEnv(): Env {
  globalThis.__paindeskEnv ??= parseEnv(process.env);
  return globalThis.__paindeskEnv;
}
