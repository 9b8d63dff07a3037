// The session settings in app/env.server.ts.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/env.server';

describe('session settings', () => {
  it('ends sessions 12 hours after sign-in by default, or as configured', () => {
    expect(parseEnv({})).toMatchObject({ SESSION_IDLE_HOURS: 12, SESSION_ABSOLUTE_HOURS: 12 });
    expect(parseEnv({ SESSION_ABSOLUTE_HOURS: '8.5' }).SESSION_ABSOLUTE_HOURS).toBe(8.5);
  });

  it('refuses a lifetime that is not a positive number of hours up to 30 days', () => {
    for (const value of ['0', '-1', 'twelve', '721']) {
      expect(() => parseEnv({ SESSION_ABSOLUTE_HOURS: value }), value).toThrow(/SESSION_ABSOLUTE_HOURS/);
    }
  });
});
