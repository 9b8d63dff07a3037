// The append-only audit trail: who did what to which record, when, from where.
// A database trigger refuses UPDATE and DELETE on AuditEvent.
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { Role } from '~/generated/prisma/enums';

export type Actor = { id: string; role: Role } | null;

export type AuditEntry = {
  actor: Actor;
  action: string; // "<entity>.<verb>", e.g. "patient.view", "session.sign-in"
  entityType: string;
  entityId: string;
  patientId?: string | null;
  ipAddress?: string | null;
  /** Identifiers and codes only: never names, notes or other patient data. */
  details?: Prisma.InputJsonValue;
};

type Db = Pick<PrismaClient, 'auditEvent'> | Prisma.TransactionClient;

export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      patientId: entry.patientId ?? null,
      ipAddress: entry.ipAddress ?? null,
      details: entry.details,
    },
    select: { id: true },
  });
}
