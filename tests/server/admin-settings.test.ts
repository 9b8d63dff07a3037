// The admin's unit settings page: the DNA thresholds and the reminder days, saved together and audited;
// bad input changes nothing; only admins may see or change them. (messages-triggers shows a stored
// reminders.daysBefore changing the reminders a booking queues.)
import { describe, expect, it } from 'vitest';
import { getReminderDaysBefore } from '~/communications/reminders.server';
import { getPrisma } from '~/db.server';
import { action, loader } from '~/routes/admin.settings';
import { getDnaPolicy } from '~/settings/unit-settings.server';
import { load, post, signedIn } from './consultations-fixtures';

const form = (overrides: Record<string, string> = {}) => ({
  unansweredAttemptsBeforeDna: '2',
  dnasBeforeDischargeOffered: '2',
  reminderDaysBefore: '7, 2',
  ...overrides,
});

describe('unit settings', () => {
  it('shows the defaults, then saves new values in one go, auditing each change', async () => {
    const { staff, cookie } = await signedIn('ADMIN');
    expect((await load(loader, '/admin/settings', cookie)).data).toEqual({
      unansweredAttemptsBeforeDna: 2,
      dnasBeforeDischargeOffered: 2,
      reminderDaysBefore: [7, 2],
      secondFactorRoles: ['ADMIN'],
    });

    const reply = await post(action, '/admin/settings', form({ unansweredAttemptsBeforeDna: '3', reminderDaysBefore: '1 ,14, 3' }), cookie);
    expect(reply).toMatchObject({ status: 302, location: '/admin/settings?saved=1' });

    const prisma = await getPrisma();
    expect(await getDnaPolicy(prisma)).toEqual({ unansweredAttemptsBeforeDna: 3, dnasBeforeDischargeOffered: 2 });
    expect(await getReminderDaysBefore(prisma)).toEqual([14, 3, 1]);
    const audit = await prisma.auditEvent.findMany({ where: { action: 'unit-setting.update' }, orderBy: { id: 'asc' } });
    // The unchanged DNA threshold is not written or audited.
    expect(audit.map((event) => [event.entityId, event.details, event.actorId, event.ipAddress])).toEqual([
      ['dna.unansweredAttemptsBeforeDna', { value: 3 }, staff.id, '192.0.2.10'],
      ['reminders.daysBefore', { value: [14, 3, 1] }, staff.id, '192.0.2.10'],
    ]);

    // No reminders at all is a choice the unit can make.
    await post(action, '/admin/settings', form({ unansweredAttemptsBeforeDna: '3', reminderDaysBefore: '' }), cookie);
    expect(await getReminderDaysBefore(prisma)).toEqual([]);
  });

  it('refuses bad input with a message for each field and changes nothing', async () => {
    const { cookie } = await signedIn('ADMIN');
    const prisma = await getPrisma();
    // Each test file has its own database, shared by its tests: compare with what was there before.
    const before = {
      settings: await prisma.unitSetting.findMany({ orderBy: { key: 'asc' } }),
      settingAudits: await prisma.auditEvent.count({ where: { action: 'unit-setting.update' } }),
    };
    const reply = await post(action, '/admin/settings', form({ unansweredAttemptsBeforeDna: '0', reminderDaysBefore: '7, ninety' }), cookie);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: {
        unansweredAttemptsBeforeDna: ['The number of unanswered calls must be at least 1'],
        reminderDaysBefore: ['Enter reminder days as whole numbers separated by commas, for example 7, 2'],
      },
    });
    expect(await prisma.unitSetting.findMany({ orderBy: { key: 'asc' } })).toEqual(before.settings);
    expect(await prisma.auditEvent.count({ where: { action: 'unit-setting.update' } })).toBe(before.settingAudits);
  });

  it('is for admins only', async () => {
    const prisma = await getPrisma();
    const before = await prisma.unitSetting.findMany({ orderBy: { key: 'asc' } });
    for (const role of ['CLERK', 'DOCTOR'] as const) {
      const { cookie } = await signedIn(role);
      expect((await load(loader, '/admin/settings', cookie)).status).toBe(403);
      expect((await post(action, '/admin/settings', form({ reminderDaysBefore: '1' }), cookie)).status).toBe(403);
    }
    expect(await prisma.unitSetting.findMany({ orderBy: { key: 'asc' } })).toEqual(before);
  });
});
