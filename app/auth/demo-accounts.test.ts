import { describe, expect, it } from 'vitest';
import { demoAccountsProblem, isDemoAccount, refusedInProduction } from './demo-accounts';
import { DEMO_PASSWORD } from './demo-password';

describe('demo accounts', () => {
  it('recognises the demo domain only', () => {
    expect(isDemoAccount('Clerk@PainDesk.test ')).toBe(true);
    expect(isDemoAccount('clerk@staff.paindesk.test')).toBe(false);
    expect(isDemoAccount('j.smith@nhs.net')).toBe(false);
  });
  it('refuses the demo password for any account, and any demo account', () => {
    expect(refusedInProduction('j.smith@nhs.net', DEMO_PASSWORD)).toBe(true);
    expect(refusedInProduction('doctor@paindesk.test', 'something else')).toBe(true);
    expect(refusedInProduction('j.smith@nhs.net', 'a long real passphrase')).toBe(false);
  });
  it('says how to fix a database with active demo accounts; nothing when there are none', () => {
    expect(demoAccountsProblem([])).toBeNull();
    const message = demoAccountsProblem(['a@paindesk.test', 'b@paindesk.test', 'c@paindesk.test', 'd@paindesk.test', 'e@paindesk.test', 'f@paindesk.test'])!;
    expect(message).toContain('a@paindesk.test, b@paindesk.test, c@paindesk.test, d@paindesk.test, e@paindesk.test, and 1 more');
    expect(message).toContain('UPDATE "StaffUser" SET active = false');
  });
});
