// Approving leaflet parts (DESIGN.md rule 10; ADR 12): a doctor approves the exact file of a part, recorded as a
// LeafletApproval row (part, SHA-256 of the file, who, when). Administrators see the state but cannot approve: a
// named clinician must. Either may withdraw an approval (withdrawing is always the safe direction). Both are
// audited. Approving releases the messages held because their leaflets could not be made from approved parts.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { LEAFLET_HOLD_CODE, type LeafletApprovalRecord } from './leaflet-approval';
import { loadLeafletParts } from './leaflet-content.server';
import type { LeafletPart } from './leaflet-part';

type Db = PrismaClient | Prisma.TransactionClient;
type Context = { actor: NonNullable<Actor>; ipAddress: string | null };

/** Every approval of the given parts (all parts when omitted), revoked ones included, with the approver's name. */
export async function readLeafletApprovals(db: Db, partKeys?: readonly string[]): Promise<LeafletApprovalRecord[]> {
  const rows = await db.leafletApproval.findMany({
    where: partKeys ? { partKey: { in: [...partKeys] } } : {},
    orderBy: [{ approvedAt: 'asc' }, { id: 'asc' }],
    select: { partKey: true, contentHash: true, approvedAt: true, demo: true, revokedAt: true, approvedBy: { select: { name: true } } },
  });
  return rows.map(({ approvedBy, ...row }) => ({ ...row, approvedBy: approvedBy.name }));
}

/**
 * Approves the given parts' current contents at once, skipping any already recorded: for the demo seed
 * (demo = true, by the demo doctor) and for tests. Never used by a person: they approve one part at a time.
 */
export async function approveLeafletParts(
  db: Db,
  parts: readonly Pick<LeafletPart, 'key' | 'contentHash'>[],
  options: { approvedById: string; approvedAt: Date; demo: boolean },
): Promise<number> {
  const result = await db.leafletApproval.createMany({
    data: parts.map((p) => ({ partKey: p.key, contentHash: p.contentHash, approvedById: options.approvedById, approvedAt: options.approvedAt, demo: options.demo })),
    skipDuplicates: true,
  });
  return result.count;
}

/**
 * Messages held because a part of their leaflets was not approved are due again now: the worker (or, for a
 * letter, the clerk's download) makes the leaflets afresh and holds the message again if a part still blocks.
 */
export async function releaseHeldLeafletMessages(db: Db, now: Date): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: { status: 'QUEUED', lastError: LEAFLET_HOLD_CODE },
    data: { nextAttemptAt: now, lastError: null, updatedAt: now },
  });
  return result.count;
}

/** How many messages are held now because their leaflets use a part that is not approved. */
export async function countHeldLeafletMessages(db: Db): Promise<number> {
  return db.outboxMessage.count({ where: { status: 'QUEUED', lastError: LEAFLET_HOLD_CODE } });
}

export type ApprovalChange = { partKey: string; contentHash: string };

function currentPart(partKey: string, contentHash: string, root?: string): LeafletPart {
  const part = loadLeafletParts(root).find((p) => p.key === partKey);
  if (!part) throw new DomainError('NOT_FOUND', 'There is no such leaflet part.');
  if (part.contentHash !== contentHash) {
    // The doctor approves what they read: a file edited since the page was shown is not what they saw.
    throw new DomainError('STALE_FORM', `${part.title} has changed since the page was shown. Read it again, then approve it.`);
  }
  return part;
}

/** A doctor approves the current content of one part. Anyone else is refused (403) and nothing changes. */
export async function approveLeafletPart(change: ApprovalChange, { actor, ipAddress }: Context, now: Date, root?: string) {
  if (actor.role !== 'DOCTOR') {
    throw new DomainError('FORBIDDEN', 'Only a doctor can approve a leaflet part: a named clinician must approve what patients read.');
  }
  const part = currentPart(change.partKey, change.contentHash, root);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.leafletApproval.findUnique({
      where: { partKey_contentHash: { partKey: part.key, contentHash: part.contentHash } },
      select: { id: true, revokedAt: true },
    });
    if (existing && !existing.revokedAt) return { alreadyApproved: true, released: 0 };
    // Approving again after a withdrawal is a new decision by this doctor: the row (one per content) says who and when.
    const row = existing
      ? await tx.leafletApproval.update({
          where: { id: existing.id },
          data: { approvedById: actor.id, approvedAt: now, demo: false, revokedAt: null },
          select: { id: true },
        })
      : await tx.leafletApproval.create({
          data: { partKey: part.key, contentHash: part.contentHash, approvedById: actor.id, approvedAt: now, demo: false },
          select: { id: true },
        });
    const released = await releaseHeldLeafletMessages(tx, now);
    await recordAudit(tx, {
      actor,
      action: 'leaflet-part.approve',
      entityType: 'LeafletApproval',
      entityId: row.id,
      ipAddress,
      details: { partKey: part.key, contentHash: part.contentHash, version: part.version, releasedMessages: released },
    });
    return { alreadyApproved: false, released };
  });
}

/** A doctor or an administrator withdraws the approval of one part's content; leaflets using it stop at once. */
export async function revokeLeafletApproval(change: ApprovalChange, { actor, ipAddress }: Context, now: Date) {
  if (actor.role !== 'DOCTOR' && actor.role !== 'ADMIN') {
    throw new DomainError('FORBIDDEN', 'Only a doctor or an administrator can withdraw a leaflet approval.');
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.leafletApproval.findUnique({
      where: { partKey_contentHash: { partKey: change.partKey, contentHash: change.contentHash } },
      select: { id: true, revokedAt: true },
    });
    if (!existing) throw new DomainError('NOT_FOUND', 'There is no such approval.');
    if (existing.revokedAt) return { alreadyRevoked: true };
    await tx.leafletApproval.update({ where: { id: existing.id }, data: { revokedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      actor,
      action: 'leaflet-part.revoke',
      entityType: 'LeafletApproval',
      entityId: existing.id,
      ipAddress,
      details: { partKey: change.partKey, contentHash: change.contentHash },
    });
    return { alreadyRevoked: false };
  });
}
