// On a production server the demo accounts, and the published demo password, never sign in; and a production
// server refuses to start on a database that still has active demo accounts, saying how to fix it.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, hashPassword } from '~/auth/password.server';
import { productionDemoAccountsProblem } from '~/auth/demo-accounts.server';
import { authenticate } from '~/auth/session.server';
import { getPrisma } from '~/db.server';
import { createStaff } from '../factories';

describe('demo accounts in production', () => {
  it('refuses a demo account and the demo password in production, and lets them in outside it', async () => {
    const prisma = await getPrisma();
    const hash = await hashPassword(DEMO_PASSWORD, 4);
    const demo = await createStaff(prisma, { role: 'CLERK', email: 'clerk-prod-check@paindesk.test', passwordHash: hash });
    const real = await createStaff(prisma, { role: 'CLERK', email: 'j.smith@nhs.example', passwordHash: hash });
    const strong = await createStaff(prisma, { role: 'DOCTOR', email: 'a.jones@nhs.example', passwordHash: await hashPassword('a-long-real-passphrase', 4) });

    expect(await authenticate(demo.email, DEMO_PASSWORD, false)).toMatchObject({ id: demo.id });
    expect(await authenticate(demo.email, DEMO_PASSWORD, true)).toBeNull();
    // Any account whose password is the published one is refused in production.
    expect(await authenticate(real.email, DEMO_PASSWORD, true)).toBeNull();
    expect(await authenticate(strong.email, 'a-long-real-passphrase', true)).toMatchObject({ id: strong.id });
  });

  it('names the active demo accounts that stop a production start, and the fix; none once deactivated', async () => {
    const prisma = await getPrisma();
    await createStaff(prisma, { role: 'ADMIN', email: 'admin-prod-check@paindesk.test' });
    const problem = await productionDemoAccountsProblem(prisma);
    expect(problem).toContain('admin-prod-check@paindesk.test');
    expect(problem).toContain(`UPDATE "StaffUser" SET active = false WHERE email LIKE '%@paindesk.test';`);
    await prisma.staffUser.updateMany({ where: { email: { in: ['admin-prod-check@paindesk.test', 'clerk-prod-check@paindesk.test'] } }, data: { active: false } });
    expect((await productionDemoAccountsProblem(prisma)) ?? '').not.toContain('admin-prod-check@paindesk.test');
  });
});
