// Stops a recurring procedure-list template producing new lists (admin). Lists already generated from it
// stay as they are: a clerk cancels any that should not run, which sends their cases back to the
// waiting list.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';

export async function deactivateListTemplate(templateId: string, actor: NonNullable<Actor>, ipAddress: string | null): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const updated = await tx.procedureListTemplate.updateMany({ where: { id: templateId, active: true }, data: { active: false } });
    if (updated.count !== 1) {
      const exists = await tx.procedureListTemplate.findUnique({ where: { id: templateId }, select: { id: true } });
      if (!exists) throw new DomainError('NOT_FOUND', 'There is no such list template.');
      throw new DomainError('STALE_FORM', 'This template has already been deactivated.');
    }
    await recordAudit(tx, {
      actor,
      action: 'procedure-list-template.deactivate',
      entityType: 'ProcedureListTemplate',
      entityId: templateId,
      ipAddress,
    });
  });
}
