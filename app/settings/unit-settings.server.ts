// Unit settings: values the unit can change without a release, stored as JSON in UnitSetting. Each setting has
// a default that applies until someone saves a value; a stored value that does not fit is ignored (the
// default applies) rather than breaking the doctor's clinic.
import { z } from 'zod';
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';

const positiveCount = z.number().int().min(1).max(10);

export const UNIT_SETTINGS = {
  /** Unanswered call attempts after which a telephone consultation is recorded as DNA. */
  'dna.unansweredAttemptsBeforeDna': { schema: positiveCount, default: 2 },
  /** DNAs on one referral after which "discharge to GP" is offered to the clerk. */
  'dna.dnasBeforeDischargeOffered': { schema: positiveCount, default: 2 },
} as const;

export type UnitSettingKey = keyof typeof UNIT_SETTINGS;

type Db = Pick<PrismaClient, 'unitSetting'> | Prisma.TransactionClient;

export async function getUnitSetting(db: Db, key: UnitSettingKey): Promise<number> {
  const row = await db.unitSetting.findUnique({ where: { key }, select: { value: true } });
  const parsed = UNIT_SETTINGS[key].schema.safeParse(row?.value);
  return parsed.success ? parsed.data : UNIT_SETTINGS[key].default;
}

export async function setUnitSetting(db: Db, key: UnitSettingKey, value: number, actor: Actor, ipAddress: string | null = null) {
  const parsed = UNIT_SETTINGS[key].schema.parse(value);
  await db.unitSetting.upsert({
    where: { key },
    create: { key, value: parsed, updatedById: actor?.id ?? null },
    update: { value: parsed, updatedById: actor?.id ?? null },
  });
  await recordAudit(db as Prisma.TransactionClient, {
    actor,
    action: 'unit-setting.update',
    entityType: 'UnitSetting',
    entityId: key,
    ipAddress,
    details: { value: parsed },
  });
}

export async function getDnaPolicy(db: Db) {
  return {
    unansweredAttemptsBeforeDna: await getUnitSetting(db, 'dna.unansweredAttemptsBeforeDna'),
    dnasBeforeDischargeOffered: await getUnitSetting(db, 'dna.dnasBeforeDischargeOffered'),
  };
}
