import { getPrisma } from '~/db.server';

export async function listSitesAndStaff() {
  const prisma = await getPrisma();
  const [sites, staff] = await Promise.all([
    prisma.site.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, code: true, name: true, hasInterventionalSuite: true },
    }),
    prisma.staffUser.findMany({
      orderBy: [{ role: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, email: true, role: true, active: true, lastSignInAt: true, lockedUntil: true },
    }),
  ]);
  return { sites, staff };
}
