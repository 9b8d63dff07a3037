// Creates a recurring procedure-list template (admin). Only at a site with an interventional suite
// (DESIGN.md rule 2), with an active doctor as the operator. Dated lists come from generateSessions.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { ListTemplateValue } from './procedure-forms';
import { dbDateOf } from '~/utils/db-date';

export async function createListTemplate(
  value: ListTemplateValue,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
): Promise<{ id: string }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const site = await tx.site.findUnique({
      where: { id: value.siteId },
      select: { name: true, active: true, hasInterventionalSuite: true },
    });
    if (!site || !site.active) {
      throw new DomainError('INVALID_INPUT', 'Choose the site', { siteId: ['Choose one of the sites listed'] });
    }
    if (!site.hasInterventionalSuite) {
      const withSuite = await tx.site.findMany({
        where: { active: true, hasInterventionalSuite: true },
        orderBy: { name: 'asc' },
        select: { name: true },
      });
      const message =
        `${site.name} has no interventional suite, so procedure lists cannot be held there.` +
        (withSuite.length > 0 ? ` Choose a site with one: ${withSuite.map((s) => s.name).join(', ')}.` : '');
      throw new DomainError('SITE_HAS_NO_SUITE', message, { siteId: [message] });
    }
    const operator = await tx.staffUser.findUnique({ where: { id: value.operatorId }, select: { role: true, active: true } });
    if (!operator || !operator.active || operator.role !== 'DOCTOR') {
      throw new DomainError('INVALID_INPUT', 'Choose the operator', { operatorId: ['Choose a doctor who works here as the operator'] });
    }
    const template = await tx.procedureListTemplate.create({
      data: {
        siteId: value.siteId,
        operatorId: value.operatorId,
        isoWeekday: value.isoWeekday,
        sessionPart: value.sessionPart,
        startTime: value.startTime,
        endTime: value.endTime,
        modality: value.modality,
        capacityMinutes: value.capacityMinutes,
        validFrom: dbDateOf(value.validFrom),
        validUntil: value.validUntil ? dbDateOf(value.validUntil) : null,
      },
      select: { id: true },
    });
    const details = { siteId: value.siteId, operatorId: value.operatorId, isoWeekday: value.isoWeekday, sessionPart: value.sessionPart };
    await recordAudit(tx, { actor, ipAddress, action: 'procedure-list-template.create', entityType: 'ProcedureListTemplate', entityId: template.id, details });
    return template;
  });
}
