// Unit settings: values the unit can change without a release, stored as JSON in UnitSetting. Each setting has
// a default that applies until someone saves a value; a stored value that does not fit is ignored (the
// default applies) rather than breaking the doctor's clinic.
import { z } from 'zod';
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { STAFF_ROLES, withRequiredRoles } from '~/settings/second-factor-roles';
import { MAX_REMINDER_DAYS, MAX_REMINDERS, type UnitSettingsForm } from './unit-settings-form';

const positiveCount = z.number().int().min(1).max(10);

export const UNIT_SETTINGS = {
  /** Unanswered call attempts after which a telephone consultation is recorded as DNA. */
  'dna.unansweredAttemptsBeforeDna': { schema: positiveCount, default: 2 },
  /** DNAs on one referral after which "discharge to GP" is offered to the clerk. */
  'dna.dnasBeforeDischargeOffered': { schema: positiveCount, default: 2 },
  /** Whole days before an appointment that reminders are due (at 9am London time); [] for none. */
  'reminders.daysBefore': {
    schema: z.array(z.number().int().min(1).max(MAX_REMINDER_DAYS)).max(MAX_REMINDERS),
    default: [7, 2],
  },
  /** Roles whose staff must use a second factor to sign in; ADMIN is always added (docs/decisions/0016). */
  'auth.secondFactorRoles': {
    schema: z.array(z.enum(STAFF_ROLES)).transform(withRequiredRoles),
    default: ['ADMIN'],
  },
} as const;

export type UnitSettingKey = keyof typeof UNIT_SETTINGS;
type UnitSettingValue<K extends UnitSettingKey> = z.output<(typeof UNIT_SETTINGS)[K]['schema']>;

type Db = Pick<PrismaClient, 'unitSetting'> | Prisma.TransactionClient;

export async function getUnitSetting<K extends UnitSettingKey>(db: Db, key: K): Promise<UnitSettingValue<K>> {
  const row = await db.unitSetting.findUnique({ where: { key }, select: { value: true } });
  const setting = UNIT_SETTINGS[key];
  const parsed = setting.schema.safeParse(row?.value);
  // A copy of an array default, so a caller cannot change the default for the next one.
  const fallback = setting.default;
  return (parsed.success ? parsed.data : Array.isArray(fallback) ? [...fallback] : fallback) as UnitSettingValue<K>;
}

export async function setUnitSetting<K extends UnitSettingKey>(db: Db, key: K, value: UnitSettingValue<K>, actor: Actor, ipAddress: string | null = null) {
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

/** Everything the admin's unit settings page shows and edits. */
export async function getUnitSettingsPage(db: Db) {
  return {
    ...(await getDnaPolicy(db)),
    reminderDaysBefore: await getUnitSetting(db, 'reminders.daysBefore'),
    secondFactorRoles: await getUnitSetting(db, 'auth.secondFactorRoles'),
  };
}

/** Saves the unit settings form in one transaction; each changed value is audited with its new value. */
export async function saveUnitSettings(prisma: PrismaClient, values: UnitSettingsForm, actor: Actor, ipAddress: string | null) {
  await prisma.$transaction(async (tx) => {
    const current = await getUnitSettingsPage(tx);
    if (current.unansweredAttemptsBeforeDna !== values.unansweredAttemptsBeforeDna) {
      await setUnitSetting(tx, 'dna.unansweredAttemptsBeforeDna', values.unansweredAttemptsBeforeDna, actor, ipAddress);
    }
    if (current.dnasBeforeDischargeOffered !== values.dnasBeforeDischargeOffered) {
      await setUnitSetting(tx, 'dna.dnasBeforeDischargeOffered', values.dnasBeforeDischargeOffered, actor, ipAddress);
    }
    if (current.reminderDaysBefore.join(',') !== values.reminderDaysBefore.join(',')) {
      // Applies to bookings made from now on; reminders already queued keep their times.
      await setUnitSetting(tx, 'reminders.daysBefore', values.reminderDaysBefore, actor, ipAddress);
    }
    if (current.secondFactorRoles.join(',') !== values.secondFactorRoles.join(',')) {
      await setUnitSetting(tx, 'auth.secondFactorRoles', values.secondFactorRoles, actor, ipAddress);
      // Staff of a newly added role who have no second factor are signed out, so they set one up now rather
      // than whenever they next sign in (docs/decisions/0016).
      const added = values.secondFactorRoles.filter((role) => !current.secondFactorRoles.includes(role));
      if (added.length > 0) {
        await tx.session.deleteMany({
          where: { user: { role: { in: added }, OR: [{ secondFactor: { is: null } }, { secondFactor: { is: { confirmedAt: null } } }] } },
        });
      }
    }
  });
}
