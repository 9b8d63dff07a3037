// The unit's reminder offsets, from UnitSetting "reminders.daysBefore" (a JSON array of whole days, e.g. [7, 2]).
// Like the other unit settings (app/settings/unit-settings.server.ts), a missing or unusable value means the
// default applies rather than a booking failing.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { DEFAULT_REMINDER_DAYS_BEFORE } from './reminders';

export const REMINDER_DAYS_SETTING = 'reminders.daysBefore';

const daysBeforeSchema = z.array(z.number().int().min(1).max(60)).max(5);

type Db = Pick<PrismaClient, 'unitSetting'> | Prisma.TransactionClient;

export async function getReminderDaysBefore(db: Db): Promise<number[]> {
  const row = await db.unitSetting.findUnique({ where: { key: REMINDER_DAYS_SETTING }, select: { value: true } });
  const parsed = daysBeforeSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : [...DEFAULT_REMINDER_DAYS_BEFORE];
}
