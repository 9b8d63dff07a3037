// The unit's reminder offsets: the unit setting "reminders.daysBefore" (app/settings/unit-settings.server.ts),
// where a missing or unusable value means the default applies rather than a booking failing.
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { getUnitSetting } from '~/settings/unit-settings.server';

export const REMINDER_DAYS_SETTING = 'reminders.daysBefore';

type Db = Pick<PrismaClient, 'unitSetting'> | Prisma.TransactionClient;

export function getReminderDaysBefore(db: Db): Promise<number[]> {
  return getUnitSetting(db, REMINDER_DAYS_SETTING);
}
