// The admin clinic pages: weekly templates (create, validate, deactivate), generating clinics ahead
// (idempotently), and one-off clinics, through the real routes.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as templatesAction, loader as templatesLoader } from '~/routes/admin.templates._index';
import { action as oneOffAction } from '~/routes/admin.templates.one-off';
import { createSite, createStaff } from '../factories';
import { load, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027

async function setting() {
  const prisma = await getPrisma();
  const { staff, cookie } = await signedIn('ADMIN');
  const site = await createSite(prisma);
  const doctor = await createStaff(prisma, { role: 'DOCTOR' });
  return { prisma, staff, cookie, site, doctor };
}

const template = (doctorId: string, siteId: string, overrides: Record<string, string> = {}) => ({
  intent: 'create-template',
  clinicianId: doctorId,
  siteId,
  isoWeekday: '3',
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: '20',
  validFrom: '2027-03-22',
  ...overrides,
});

describe('clinic templates', () => {
  it('adds a weekly template, audited, and lists it', async () => {
    const { prisma, staff, cookie, site, doctor } = await setting();
    const reply = await post(templatesAction, '/admin/templates', template(doctor.id, site.id, { startTime: '9:30', validUntil: '2027-06-30' }), cookie);
    expect(reply.status).toBe(302);
    expect(reply.location).toBe('/admin/templates?created=1');
    const stored = await prisma.clinicTemplate.findFirstOrThrow({ where: { clinicianId: doctor.id } });
    expect(stored).toMatchObject({ kind: 'TELEPHONE', siteId: site.id, isoWeekday: 3, startTime: '09:30', endTime: '12:00', slotMinutes: 20, active: true });
    expect(stored.validFrom.toISOString()).toBe('2027-03-22T00:00:00.000Z');
    expect(stored.validUntil?.toISOString()).toBe('2027-06-30T00:00:00.000Z');
    expect(await prisma.auditEvent.count({ where: { action: 'clinic-template.create', entityId: stored.id, actorId: staff.id, ipAddress: '192.0.2.10' } })).toBe(1);

    const page = await load<{ templates: { id: string; weekday: string; times: string; active: boolean }[] }>(templatesLoader, '/admin/templates', cookie);
    expect(page.data.templates.find((t) => t.id === stored.id)).toMatchObject({ weekday: 'Wednesday', times: '09:30 to 12:00', active: true });
  });

  it('refuses a template that cannot run, with a message on the field to change, and saves nothing', async () => {
    const { prisma, cookie, site, doctor } = await setting();
    const cases: [Record<string, string>, string, string][] = [
      [{ endTime: '08:30' }, 'endTime', 'End time must be after the start time (09:00)'],
      [{ endTime: '09:15', slotMinutes: '20' }, 'slotMinutes', 'A 20-minute slot does not fit in a clinic from 09:00 to 09:15'],
      [{ slotMinutes: '0' }, 'slotMinutes', 'Slot length must be at least 5 minutes'],
      [{ startTime: '25:00' }, 'startTime', 'Start time must be a 24-hour time, like 09:30 or 13:45'],
      [{ validFrom: '2027-03-21' }, 'validFrom', 'First date must be today or in the future'],
      [{ validFrom: '2027-02-30' }, 'validFrom', 'First date must be a real date, like 2027-03-22'],
      [{ validUntil: '2027-03-23', validFrom: '2027-04-01' }, 'validUntil', 'Last date must be on or after the first date'],
      [{ isoWeekday: '' }, 'isoWeekday', 'Select the day of the week'],
      [{ clinicianId: '' }, 'clinicianId', 'Select the doctor'],
    ];
    for (const [overrides, field, message] of cases) {
      const reply = await post(templatesAction, '/admin/templates', template(doctor.id, site.id, overrides), cookie);
      expect(reply.status, JSON.stringify(overrides)).toBe(400);
      expect((reply.body?.error as Record<string, string[]>)[field], JSON.stringify(overrides)).toEqual([message]);
    }
    // A clerk is not a doctor who can hold a clinic.
    const clerk = await createStaff(prisma, { role: 'CLERK' });
    const notADoctor = await post(templatesAction, '/admin/templates', template(clerk.id, site.id), cookie);
    expect(notADoctor.status).toBe(400);
    expect((notADoctor.body?.error as Record<string, string[]>).clinicianId).toEqual(['Select a doctor who works in the unit']);
    expect(await prisma.clinicTemplate.count({ where: { siteId: site.id } })).toBe(0);
  });

  it('generates dated clinics with slots ahead, idempotently, and a deactivated template makes no more', async () => {
    const { prisma, staff, cookie, site, doctor } = await setting();
    await post(templatesAction, '/admin/templates', template(doctor.id, site.id), cookie); // Wednesdays 09:00-12:00
    const first = await post(templatesAction, '/admin/templates', { intent: 'generate', weeks: '2' }, cookie);
    expect(first.status).toBe(302);
    // Other tests' templates in this database generate too; this doctor's clinics are checked below.
    expect(first.location).toMatch(/^\/admin\/templates\?generated=\d+&slots=\d+&lists=0&to=2027-04-04$/);
    const clinics = await prisma.clinic.findMany({ where: { clinicianId: doctor.id }, orderBy: { date: 'asc' }, include: { slots: { orderBy: { startsAt: 'asc' } } } });
    expect(clinics.map((c) => c.date.toISOString().slice(0, 10))).toEqual(['2027-03-24', '2027-03-31']);
    expect(clinics.map((c) => c.slots.length)).toEqual([9, 9]);
    // 24 March is GMT; 31 March is BST: the same 09:00 local start, an hour apart in UTC.
    expect(clinics.map((c) => c.slots[0].startsAt.toISOString())).toEqual(['2027-03-24T09:00:00.000Z', '2027-03-31T08:00:00.000Z']);
    expect(await prisma.auditEvent.count({ where: { action: 'sessions.generate', actorId: staff.id } })).toBe(1);

    const again = await post(templatesAction, '/admin/templates', { intent: 'generate', weeks: '2' }, cookie);
    expect(again.location).toBe('/admin/templates?generated=0&slots=0&lists=0&to=2027-04-04');
    expect(await prisma.clinic.count({ where: { clinicianId: doctor.id } })).toBe(2);

    const stored = await prisma.clinicTemplate.findFirstOrThrow({ where: { clinicianId: doctor.id } });
    expect((await post(templatesAction, '/admin/templates', { intent: 'deactivate-template', templateId: stored.id }, cookie)).status).toBe(302);
    expect((await prisma.clinicTemplate.findUniqueOrThrow({ where: { id: stored.id } })).active).toBe(false);
    expect(await prisma.auditEvent.count({ where: { action: 'clinic-template.deactivate', entityId: stored.id } })).toBe(1);
    const twice = await post(templatesAction, '/admin/templates', { intent: 'deactivate-template', templateId: stored.id }, cookie);
    expect(twice.status).toBe(409);
    await post(templatesAction, '/admin/templates', { intent: 'generate', weeks: '4' }, cookie);
    // Clinics already generated are kept; no new ones come from the deactivated template.
    expect(await prisma.clinic.count({ where: { clinicianId: doctor.id } })).toBe(2);

    const tooFar = await post(templatesAction, '/admin/templates', { intent: 'generate', weeks: '52' }, cookie);
    expect(tooFar.status).toBe(400);
    expect((tooFar.body?.error as Record<string, string[]>).weeks).toEqual(['Weeks ahead must be 26 or fewer']);
  });

  it('is for administrators only', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma);
    const doctor = await createStaff(prisma, { role: 'DOCTOR' });
    expect((await post(templatesAction, '/admin/templates', template(doctor.id, site.id), cookie)).status).toBe(403);
    expect((await load(templatesLoader, '/admin/templates', cookie)).status).toBe(403);
    expect((await post(oneOffAction, '/admin/templates/one-off', { intent: 'create-clinic', clinicianId: doctor.id, siteId: site.id, date: '2027-03-24', startTime: '09:00', endTime: '10:00', slotMinutes: '20' }, cookie)).status).toBe(403);
  });
});

describe('one-off clinics', () => {
  const clinic = (doctorId: string, siteId: string, overrides: Record<string, string> = {}) => ({
    intent: 'create-clinic',
    clinicianId: doctorId,
    siteId,
    date: '2027-03-25',
    startTime: '13:30',
    endTime: '15:00',
    slotMinutes: '30',
    ...overrides,
  });

  it('creates a dated clinic with its slots, audited', async () => {
    const { prisma, staff, cookie, site, doctor } = await setting();
    const reply = await post(oneOffAction, '/admin/templates/one-off', clinic(doctor.id, site.id), cookie);
    expect(reply.status).toBe(302);
    expect(reply.location).toBe('/admin/templates/one-off?created=3&date=2027-03-25');
    const stored = await prisma.clinic.findFirstOrThrow({ where: { clinicianId: doctor.id }, include: { slots: { orderBy: { startsAt: 'asc' } } } });
    expect(stored).toMatchObject({ kind: 'TELEPHONE', siteId: site.id, templateId: null, status: 'ACTIVE', slotMinutes: 30 });
    expect(stored.slots.map((s) => s.startsAt.toISOString())).toEqual(['2027-03-25T13:30:00.000Z', '2027-03-25T14:00:00.000Z', '2027-03-25T14:30:00.000Z']);
    expect(await prisma.auditEvent.count({ where: { action: 'clinic.create', entityId: stored.id, actorId: staff.id } })).toBe(1);
  });

  it('refuses a clinic in the past, one that has started, and one at a time the clocks skip', async () => {
    const { prisma, cookie, site, doctor } = await setting();
    const yesterday = await post(oneOffAction, '/admin/templates/one-off', clinic(doctor.id, site.id, { date: '2027-03-21' }), cookie);
    expect(yesterday.status).toBe(400);
    expect((yesterday.body?.error as Record<string, string[]>).date).toEqual(['Date must be today or in the future']);

    const started = await post(oneOffAction, '/admin/templates/one-off', clinic(doctor.id, site.id, { date: '2027-03-22', startTime: '09:30', endTime: '11:00' }), cookie);
    expect(started.status).toBe(400);
    expect((started.body?.error as Record<string, string[]>).startTime).toEqual(['The clinic must start later than now']);

    // 01:00-02:00 does not exist on Sunday 28 March 2027 in London.
    const skipped = await post(oneOffAction, '/admin/templates/one-off', clinic(doctor.id, site.id, { date: '2027-03-28', startTime: '01:00', endTime: '03:00' }), cookie);
    expect(skipped.status).toBe(400);
    expect(skipped.body?.formError).toBe('01:00 does not exist on 2027-03-28 because the clocks go forward');
    expect(await prisma.clinic.count({ where: { clinicianId: doctor.id } })).toBe(0);
  });
});
