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
});
