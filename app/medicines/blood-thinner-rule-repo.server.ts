// The blood-thinner rule table in the database: seeded from BLOOD_THINNER_RULES, read by the plan page, changed
// by an admin's proposal that a second person approves (audited with both, with who and when on the row).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { PlanRule } from './blood-thinner-plan';
import { BLOOD_THINNER_RULES, instructionOf, type BloodThinnerInstruction, type BloodThinnerRuleData } from './blood-thinner-rules';
import { findCatalogueMedicine } from './catalogue';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Loads the seed rows that are missing; rows already present (perhaps edited by an admin) are left as they are,
 * so running it again changes nothing. The unique key holds nullable columns (NULLs are distinct in PostgreSQL),
 * so a row is looked up by its key first rather than upserted; callers run it once, under the seed lock.
 */
export async function seedBloodThinnerRules(
  db: Db,
  rows: readonly BloodThinnerRuleData[] = BLOOD_THINNER_RULES,
): Promise<{ created: number }> {
  let created = 0;
  for (const row of rows) {
    const { medicineGenericName, ...data } = row;
    let medicineId: string | null = null;
    if (medicineGenericName) {
      const entry = findCatalogueMedicine(medicineGenericName);
      const medicine = await db.medicine.upsert({
        where: { genericName: medicineGenericName },
        create: entry ? { ...entry } : { genericName: medicineGenericName, displayName: medicineGenericName, bloodThinnerClass: row.bloodThinnerClass },
        update: {},
        select: { id: true },
      });
      medicineId = medicine.id;
    }
    const existing = await db.bloodThinnerRule.findFirst({
      where: {
        bloodThinnerClass: row.bloodThinnerClass,
        medicineId,
        procedureTypeId: null,
        bleedingRisk: row.bleedingRisk,
        variant: row.variant,
      },
      select: { id: true },
    });
    if (existing) continue;
    await db.bloodThinnerRule.create({ data: { ...data, medicineId }, select: { id: true } });
    created += 1;
  }
  return { created };
}

const ruleSelect = {
  id: true,
  bloodThinnerClass: true,
  bleedingRisk: true,
  variant: true,
  action: true,
  stopBeforeHours: true,
  restartAfterHours: true,
  inrCheck: true,
  note: true,
  source: true,
  updatedAt: true,
  updatedById: true,
  medicine: { select: { genericName: true, displayName: true } },
  procedureType: { select: { code: true, name: true } },
} as const;

export type BloodThinnerRuleRow = PlanRule & {
  id: string;
  medicineDisplayName: string | null;
  procedureTypeName: string | null;
  source: string | null;
  updatedAt: Date;
  updatedByName: string | null;
};

const CLASS_ORDER = ['WARFARIN', 'LMWH', 'ASPIRIN', 'NSAID', 'P2Y12_INHIBITOR', 'FACTOR_XA_INHIBITOR', 'DABIGATRAN'];
const RISK_ORDER = ['LOW', 'INTERMEDIATE', 'HIGH'];

/** Every rule, in table order: class, drug (class rule first), bleeding risk, variant. */
export async function listBloodThinnerRules(db?: Db): Promise<BloodThinnerRuleRow[]> {
  const prisma = db ?? (await getPrisma());
  const rows = await prisma.bloodThinnerRule.findMany({ select: ruleSelect });
  const staffIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is string => id !== null))];
  const staff = staffIds.length
    ? await prisma.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return rows
    .map((r) => ({
      id: r.id,
      bloodThinnerClass: r.bloodThinnerClass,
      medicineGenericName: r.medicine?.genericName ?? null,
      medicineDisplayName: r.medicine?.displayName ?? null,
      procedureTypeCode: r.procedureType?.code ?? null,
      procedureTypeName: r.procedureType?.name ?? null,
      bleedingRisk: r.bleedingRisk,
      variant: r.variant,
      action: r.action,
      stopBeforeHours: r.stopBeforeHours,
      restartAfterHours: r.restartAfterHours,
      inrCheck: r.inrCheck,
      note: r.note,
      source: r.source,
      updatedAt: r.updatedAt,
      updatedByName: r.updatedById ? (names.get(r.updatedById) ?? null) : null,
    }))
    .sort(
      (a, b) =>
        CLASS_ORDER.indexOf(a.bloodThinnerClass) - CLASS_ORDER.indexOf(b.bloodThinnerClass) ||
        (a.medicineGenericName ?? '').localeCompare(b.medicineGenericName ?? '') ||
        RISK_ORDER.indexOf(a.bleedingRisk) - RISK_ORDER.indexOf(b.bleedingRisk) ||
        a.variant.localeCompare(b.variant),
    );
}

export type RuleEdit = BloodThinnerInstruction;

const RULE_VALUES = { action: true, stopBeforeHours: true, restartAfterHours: true, inrCheck: true, note: true } as const;

const ruleValues = instructionOf;

/**
 * An admin proposes a change to one rule. Nothing changes in the rule table until a second person (another
 * admin or a doctor) approves it (DESIGN rule 10, ADR 0011): the change waits as a PENDING BloodThinnerRuleChange,
 * audited with the rule's current and proposed values.
 */
export async function proposeBloodThinnerRuleChange(ruleId: string, edit: RuleEdit, actor: Actor, ipAddress: string | null, now: Date) {
  if (actor?.role !== 'ADMIN') throw new DomainError('FORBIDDEN', 'Only an administrator can change the blood-thinner rules.');
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.bloodThinnerRule.findUnique({ where: { id: ruleId }, select: RULE_VALUES });
    if (!before) throw new DomainError('NOT_FOUND', 'That blood-thinner rule does not exist.');
    const values = ruleValues(edit);
    const change = await tx.bloodThinnerRuleChange.create({
      data: { ruleId, values: values as unknown as Prisma.InputJsonValue, proposedById: actor.id, proposedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: 'blood-thinner-rule.propose',
      entityType: 'BloodThinnerRuleChange',
      entityId: change.id,
      ipAddress,
      // Rule values are reference data, not patient data.
      details: { ruleId, before, proposed: values },
    });
    return { id: change.id };
  });
}

/**
 * A second person approves (the rule takes the proposed values, in the same transaction) or rejects a pending
 * change. The proposer cannot decide their own change; a change already decided is a stale form. Audited with
 * the proposer and the approver.
 */
export async function decideBloodThinnerRuleChange(
  changeId: string,
  decision: 'APPROVE' | 'REJECT',
  actor: Actor,
  ipAddress: string | null,
  now: Date,
) {
  if (actor?.role !== 'ADMIN' && actor?.role !== 'DOCTOR') {
    throw new DomainError('FORBIDDEN', 'Only an administrator or a doctor can approve a change to the blood-thinner rules.');
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const change = await tx.bloodThinnerRuleChange.findUnique({
      where: { id: changeId },
      select: { id: true, ruleId: true, values: true, status: true, proposedById: true, proposedAt: true },
    });
    if (!change) throw new DomainError('NOT_FOUND', 'That rule change does not exist.');
    if (change.proposedById === actor.id) {
      throw new DomainError('INVALID_INPUT', 'You proposed this change: a different administrator or doctor must approve or reject it.');
    }
    // Decided once: a second approval racing this one finds it no longer pending.
    const claimed = await tx.bloodThinnerRuleChange.updateMany({
      where: { id: change.id, status: 'PENDING' },
      data: { status: decision === 'APPROVE' ? 'APPROVED' : 'REJECTED', decidedById: actor.id, decidedAt: now },
    });
    if (claimed.count !== 1) throw new DomainError('STALE_FORM', 'This change has already been approved or rejected.');
    const before = await tx.bloodThinnerRule.findUnique({ where: { id: change.ruleId }, select: RULE_VALUES });
    if (!before) throw new DomainError('NOT_FOUND', 'That blood-thinner rule no longer exists.');
    const after = ruleValues(change.values as unknown as RuleEdit);
    if (decision === 'APPROVE') {
      await tx.bloodThinnerRule.update({
        where: { id: change.ruleId },
        data: { ...after, updatedById: change.proposedById, updatedAt: now },
        select: { id: true },
      });
    }
    await recordAudit(tx, {
      actor,
      action: decision === 'APPROVE' ? 'blood-thinner-rule.update' : 'blood-thinner-rule.reject',
      entityType: 'BloodThinnerRule',
      entityId: change.ruleId,
      ipAddress,
      details: {
        changeId: change.id,
        proposedById: change.proposedById,
        proposedAt: change.proposedAt.toISOString(),
        decidedById: actor.id,
        before,
        after: decision === 'APPROVE' ? after : before,
        proposed: after,
      },
    });
    return { ruleId: change.ruleId };
  });
}

export type PendingRuleChange = {
  id: string;
  ruleId: string;
  values: RuleEdit;
  proposedById: string;
  proposedByName: string;
  proposedAt: Date;
};

/** Changes waiting for a second person, oldest first. */
export async function listPendingRuleChanges(db?: Db): Promise<PendingRuleChange[]> {
  const prisma = db ?? (await getPrisma());
  const rows = await prisma.bloodThinnerRuleChange.findMany({
    where: { status: 'PENDING' },
    orderBy: [{ proposedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, ruleId: true, values: true, proposedById: true, proposedAt: true, proposedBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.ruleId,
    values: ruleValues(r.values as unknown as RuleEdit),
    proposedById: r.proposedById,
    proposedByName: r.proposedBy.name,
    proposedAt: r.proposedAt,
  }));
}
