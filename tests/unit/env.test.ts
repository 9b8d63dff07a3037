import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

describe('environment', () => {
  it('defaults to the embedded database, port 3000 and demo data outside production', () => {
    expect(parseEnv({})).toMatchObject({ DATABASE_URL: 'pglite:./.data/pglite', PORT: 3000, SEED_DEMO_DATA: true, NODE_ENV: 'development' });
  });

  it('requires a session secret in production and never seeds demo accounts there', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required when NODE_ENV=production/);
    const secret = 'x'.repeat(40);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret }).SEED_DEMO_DATA).toBe(false);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, SEED_DEMO_DATA: 'true' })).toThrow(/demo accounts/);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret, ERROR_DETAILS: 'true' })).toThrow(/ERROR_DETAILS: would show stack traces/);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: secret }).ERROR_DETAILS).toBe(false);
    expect(parseEnv({ ERROR_DETAILS: 'true' }).ERROR_DETAILS).toBe(true);
  });

  it('rejects a database URL it cannot use, and a short secret', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be pglite/);
    expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h:5432/d' }).DATABASE_URL).toBe('postgres://u@h:5432/d');
  });

  it('takes a migration URL for the schema owner only beside a PostgreSQL DATABASE_URL (ADR 20)', () => {
    expect(parseEnv({}).MIGRATION_DATABASE_URL).toBeNull();
    const both = parseEnv({ DATABASE_URL: 'postgres://paindesk_app:a@h/d', MIGRATION_DATABASE_URL: 'postgres://paindesk_owner:o@h/d' });
    expect(both.MIGRATION_DATABASE_URL).toBe('postgres://paindesk_owner:o@h/d');
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: 'postgres://paindesk_owner:o@h/d' })).toThrow(
      /MIGRATION_DATABASE_URL: needs DATABASE_URL to be a postgres:\/\/ URL too/,
    );
    expect(() => parseEnv({ DATABASE_URL: 'postgres://u@h/d', MIGRATION_DATABASE_URL: 'pglite:./x' })).toThrow(
      /MIGRATION_DATABASE_URL: must be a postgres:\/\/ URL/,
    );
  });

  it('gives requests in flight 10 s to finish at shutdown by default; SHUTDOWN_GRACE_MS must be whole milliseconds, 0 to 600000', () => {
    expect(parseEnv({}).SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(parseEnv({ SHUTDOWN_GRACE_MS: '2500' }).SHUTDOWN_GRACE_MS).toBe(2500);
    expect(parseEnv({ SHUTDOWN_GRACE_MS: '0' }).SHUTDOWN_GRACE_MS).toBe(0);
    for (const bad of ['-1', '1.5', 'ten', '600001']) {
      expect(() => parseEnv({ SHUTDOWN_GRACE_MS: bad })).toThrow(/SHUTDOWN_GRACE_MS/);
    }
  });
});
