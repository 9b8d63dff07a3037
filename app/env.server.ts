// The one place that reads process.env. Validated once, at start-up; everything else imports `env`.
// Each variable is documented here and in README.md ("Configuration").
import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's "trust proxy": false (the socket's address), a hop count, or the proxies' addresses and ranges. */
export type TrustProxy = false | number | string[];

const PROXY_WORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (PROXY_WORDS.has(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parses TRUST_PROXY; undefined when it is not one of the accepted forms. Pure. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | undefined {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const items = value.split(',').map((item) => item.trim().toLowerCase());
  return items.length > 0 && items.every(isAddressOrRange) ? items : undefined;
}

const DEV_SESSION_SECRET = 'paindesk-development-secret-not-for-production';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NOTIFY_KEY = new RegExp(`^.+-${UUID}-${UUID}$`, 'i');

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
    /**
     * PostgreSQL only: the schema owner, for migrations (ADR 20). When set, start-up and `npm run db:migrate`
     * migrate with it and grant the role in DATABASE_URL only row access; unset, DATABASE_URL migrates.
     */
    MIGRATION_DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^postgres(ql)?:\/\/.+/.test(v), { message: 'must be a postgres:// URL' }),
    /** Signs the session cookie and keys the encryption of second-factor secrets (HKDF). Required (32+ characters) in production. */
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How long a signed-in session lasts without activity, in hours. */
    SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 7).default(12),
    /** How long a session lasts from sign-in however much it is used, in hours (then sign in again). */
    SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
    /** Load the demo data set (staff, patients, clinics) into an empty database. Never in production. */
    SEED_DEMO_DATA: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true')),
    /** Outgoing mail server, smtp://user:pass@host:587 or smtps://...:465. Unset: emails are written to MAIL_DIR. */
    SMTP_URL: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^smtps?:\/\/.+/.test(v), { message: 'must be an smtp:// or smtps:// URL' }),
    /** The From header of every email. */
    MAIL_FROM: z.string().min(3).default('Chronic Pain Unit <no-reply@paindesk.invalid>'),
    /** Where emails are kept as .eml files (and read by the in-app mailbox) when SMTP_URL is not set. */
    MAIL_DIR: z.string().min(1).default('./.data/mail'),
    /** GOV.UK Notify API key, "<key name>-<service id>-<secret>". Unset: outside production a built-in stand-in answers. */
    NOTIFY_API_KEY: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || NOTIFY_KEY.test(v), { message: 'must look like <key name>-<service id uuid>-<secret uuid>' }),
    /** The SMS gateway (GOV.UK Notify's API shape). */
    NOTIFY_BASE_URL: z.string().url().default('https://api.notifications.service.gov.uk'),
    /** The Notify SMS template: its body is ((message)). */
    NOTIFY_SMS_TEMPLATE_ID: z.string().uuid().optional(),
    /** Run the outbox worker inside the web server (`npm start`). Set false when `npm run worker` runs it. */
    WORKER_ENABLED: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** How often the outbox worker looks for due messages, in milliseconds. */
    WORKER_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
    /** On SIGTERM, how long requests in flight may run before their connections are cut, in milliseconds. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    /**
     * The reverse proxies whose X-Forwarded-For names the client (sign-in throttle, audit trail): a hop count, or
     * comma-separated addresses, ranges (10.0.0.0/8) and the words loopback, linklocal, uniquelocal. Unset: none.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const parsed = parseTrustProxy(v);
        if (parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: 'must be a hop count from 1 to 10, or addresses, ranges and loopback, linklocal, uniquelocal, comma-separated' });
          return z.NEVER;
        }
        return parsed;
      }),

    /** Show error messages and stack traces in the browser (Remix's development mode). `npm run dev` sets it; never in production. */
    ERROR_DETAILS: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .superRefine((value, ctx) => {
    if (value.MIGRATION_DATABASE_URL && !/^postgres(ql)?:\/\//.test(value.DATABASE_URL)) {
      ctx.addIssue({ code: 'custom', path: ['MIGRATION_DATABASE_URL'], message: 'needs DATABASE_URL to be a postgres:// URL too' });
    }
    if (value.NOTIFY_API_KEY && !value.NOTIFY_SMS_TEMPLATE_ID) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFY_SMS_TEMPLATE_ID'], message: 'is required when NOTIFY_API_KEY is set' });
    }
    if (value.NODE_ENV === 'production') {
      if (!value.SESSION_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
      }
      if (value.ERROR_DETAILS) {
        ctx.addIssue({ code: 'custom', path: ['ERROR_DETAILS'], message: 'would show stack traces to users: not allowed when NODE_ENV=production' });
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
  MIGRATION_DATABASE_URL: string | null;
  SESSION_SECRET: string;
  SESSION_IDLE_HOURS: number;
  SESSION_ABSOLUTE_HOURS: number;
  SEED_DEMO_DATA: boolean;
  SMTP_URL: string | null;
  MAIL_FROM: string;
  MAIL_DIR: string;
  NOTIFY_API_KEY: string | null;
  NOTIFY_BASE_URL: string;
  NOTIFY_SMS_TEMPLATE_ID: string | null;
  WORKER_ENABLED: boolean;
  WORKER_POLL_MS: number;
  SHUTDOWN_GRACE_MS: number;
  TRUST_PROXY: TrustProxy;

  ERROR_DETAILS: boolean;
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
    MIGRATION_DATABASE_URL: value.MIGRATION_DATABASE_URL ?? null,
    SESSION_SECRET: value.SESSION_SECRET ?? DEV_SESSION_SECRET,
    SESSION_IDLE_HOURS: value.SESSION_IDLE_HOURS,
    SESSION_ABSOLUTE_HOURS: value.SESSION_ABSOLUTE_HOURS,
    SEED_DEMO_DATA: value.SEED_DEMO_DATA ?? value.NODE_ENV !== 'production',
    SMTP_URL: value.SMTP_URL ?? null,
    MAIL_FROM: value.MAIL_FROM,
    MAIL_DIR: value.MAIL_DIR,
    NOTIFY_API_KEY: value.NOTIFY_API_KEY ?? null,
    NOTIFY_BASE_URL: value.NOTIFY_BASE_URL.replace(/\/+$/, ''),
    NOTIFY_SMS_TEMPLATE_ID: value.NOTIFY_SMS_TEMPLATE_ID ?? null,
    WORKER_ENABLED: value.WORKER_ENABLED,
    WORKER_POLL_MS: value.WORKER_POLL_MS,
    SHUTDOWN_GRACE_MS: value.SHUTDOWN_GRACE_MS,
    TRUST_PROXY: value.TRUST_PROXY,

    ERROR_DETAILS: value.ERROR_DETAILS,
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

/** For entry points (the server, scripts): the configuration, or its problems printed and exit code 2. */
export function getEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
