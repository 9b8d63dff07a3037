// "Generate ahead" (admin): makes the dated clinics and procedure lists the active templates call for from
// today for a number of weeks, with generateSessions (idempotent: existing sessions are left alone), and
// audits how many were made.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { generateSessions, type GenerateSessionsResult } from '../generate-sessions.server';
import { UNIT_TIME_ZONE, addLocalDays, localDateOf } from '../session-times';

export async function generateListsAhead(
  weeks: number,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<GenerateSessionsResult & { from: string; to: string }> {
  const from = localDateOf(now, UNIT_TIME_ZONE);
  const to = addLocalDays(from, weeks * 7 - 1, UNIT_TIME_ZONE);
  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      const result = await generateSessions(tx, { from, to }, UNIT_TIME_ZONE);
      await recordAudit(tx, {
        actor,
        action: 'sessions.generate',
        entityType: 'ProcedureListTemplate',
        entityId: '-',
        ipAddress,
        details: { from, to, ...result },
      });
      return { ...result, from, to };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
