// Recurring procedure-list templates (admin): what exists, and the choices the form offers.
import { getPrisma } from '~/db.server';
import { RECURRENCE_SELECT } from '../generate-sessions.server';

export async function listTemplatesPage() {
  const prisma = await getPrisma();
  const [templates, sites, operators] = await Promise.all([
    prisma.procedureListTemplate.findMany({
      orderBy: [{ active: 'desc' }, { isoWeekday: 'asc' }, { startTime: 'asc' }, { id: 'asc' }],
      select: {
        ...RECURRENCE_SELECT,
        id: true,
        sessionPart: true,
        modality: true,
        capacityMinutes: true,
        active: true,
        site: { select: { name: true } },
        operator: { select: { name: true } },
      },
    }),
    prisma.site.findMany({
      where: { active: true },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, hasInterventionalSuite: true },
    }),
    prisma.staffUser.findMany({
      where: { active: true, role: 'DOCTOR' },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ]);
  return { templates, sites, operators };
}
