// Start-up check for production: the database must hold no active demo account (demo-accounts.ts).
import type { PrismaClient } from '~/generated/prisma/client';
import { DEMO_EMAIL_DOMAIN, demoAccountsProblem } from './demo-accounts';

export async function productionDemoAccountsProblem(prisma: PrismaClient): Promise<string | null> {
  const rows = await prisma.staffUser.findMany({
    where: { active: true, email: { endsWith: DEMO_EMAIL_DOMAIN } },
    orderBy: { email: 'asc' },
    select: { email: true },
  });
  return demoAccountsProblem(rows.map((r) => r.email));
}
