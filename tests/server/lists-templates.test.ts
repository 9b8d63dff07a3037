// Recurring procedure-list templates (admin): only at a site with an interventional suite (DESIGN.md rule
// 2), bad input refused with field messages, dated lists generated ahead, deactivation, roles and audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as templatesAction, loader as templatesLoader } from '~/routes/admin.list-templates';
import { createSite, createStaff } from '../factories';
import { load, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday

let maidstoneId: string;
let tunbridgeWellsId: string;
let operatorId: string;

beforeAll(async () => {
  const prisma = await getPrisma();
  maidstoneId = (await createSite(prisma, { code: 'MAIDSTONE' })).id;
  tunbridgeWellsId = (await createSite(prisma, { code: 'TUNBRIDGE_WELLS' })).id;
  operatorId = (await createStaff(prisma, { role: 'DOCTOR' })).id;
});

const valid = () => ({
  intent: 'create',
  siteId: maidstoneId,
  operatorId,
  isoWeekday: '3',
  sessionPart: 'MORNING',
  startTime: '08:30',
  endTime: '12:00',
  modality: 'XRAY',
  capacityMinutes: '210',
  validFrom: '2027-03-22',
});

const send = (cookie: string, fields: Record<string, string>) => post(templatesAction, '/admin/list-templates', fields, cookie);

describe('procedure list templates', () => {
  it('an administrator adds one at a site with a suite, generates its dated lists ahead, and deactivates it; all audited', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('ADMIN');

    const created = await send(cookie, valid());
    expect(created.status).toBe(302);
    expect(created.location).toBe('/admin/list-templates?created=1');
    const template = await prisma.procedureListTemplate.findFirstOrThrow({ where: { operatorId }, orderBy: { createdAt: 'desc' } });
    expect(template).toMatchObject({ siteId: maidstoneId, isoWeekday: 3, sessionPart: 'MORNING', startTime: '08:30', endTime: '12:00', modality: 'XRAY', capacityMinutes: 210, active: true, validUntil: null });
    expect(template.validFrom.toISOString()).toBe('2027-03-22T00:00:00.000Z');
    expect(await prisma.auditEvent.count({ where: { action: 'procedure-list-template.create', entityId: template.id, actorId: staff.id } })).toBe(1);

    const generated = await send(cookie, { intent: 'generate', weeks: '2' });
    expect(generated.status).toBe(302);
    expect(generated.location).toBe('/admin/list-templates?generated=2&to=2027-04-04');
    const lists = await prisma.procedureList.findMany({ where: { templateId: template.id }, orderBy: { startsAt: 'asc' } });
    // Wednesday 24 March (GMT) and Wednesday 31 March (BST): 08:30 local both times.
    expect(lists.map((l) => l.startsAt.toISOString())).toEqual(['2027-03-24T08:30:00.000Z', '2027-03-31T07:30:00.000Z']);
    expect(lists.every((l) => l.capacityMinutes === 210 && l.modality === 'XRAY' && l.status === 'ACTIVE')).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: 'sessions.generate', actorId: staff.id } })).toBe(1);

    // Generating again makes nothing twice.
    expect((await send(cookie, { intent: 'generate', weeks: '2' })).location).toBe('/admin/list-templates?generated=0&to=2027-04-04');

    const deactivated = await send(cookie, { intent: 'deactivate-template', templateId: template.id });
    expect(deactivated.status).toBe(302);
    expect((await prisma.procedureListTemplate.findUniqueOrThrow({ where: { id: template.id } })).active).toBe(false);
    expect(await prisma.auditEvent.count({ where: { action: 'procedure-list-template.deactivate', entityId: template.id } })).toBe(1);
    await send(cookie, { intent: 'generate', weeks: '4' });
    expect(await prisma.procedureList.count({ where: { templateId: template.id } })).toBe(2);

    const page = await load<{ templates: { id: string; when: string; active: boolean }[]; sites: { value: string; label: string }[] }>(templatesLoader, '/admin/list-templates', cookie);
    expect(page.data.templates.find((t) => t.id === template.id)).toMatchObject({ when: 'Wednesday morning', active: false });
    expect(page.data.sites).toContainEqual({ value: tunbridgeWellsId, label: 'Tunbridge Wells Hospital (no interventional suite)' });
  });

  it('refuses a site without an interventional suite with a clear message, creating nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('ADMIN');
    const before = await prisma.procedureListTemplate.count();

    const reply = await send(cookie, { ...valid(), siteId: tunbridgeWellsId });

    expect(reply.status).toBe(400);
    expect(reply.body?.error).toEqual({
      siteId: [
        'Tunbridge Wells Hospital has no interventional suite, so procedure lists cannot be held there. Choose a site with one: Maidstone Hospital.',
      ],
    });
    expect(await prisma.procedureListTemplate.count()).toBe(before);
  });

  it('refuses bad input with a message on each field, creating nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('ADMIN');
    const before = await prisma.procedureListTemplate.count();
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ capacityMinutes: '240' }, { capacityMinutes: ['The capacity cannot be more than the 210 minutes from 08:30 to 12:00'] }],
      [{ startTime: '13:00', endTime: '16:30' }, { startTime: ['A morning list must start before 12:00'] }],
      [{ endTime: '08:00' }, { endTime: ['The end time must be after the start time'] }],
      [{ startTime: '8.30' }, { startTime: ['The start time must be a 24-hour time, like 08:30 or 13:30'] }],
      [{ startTime: '06:00' }, { startTime: ['Lists must run between 07:00 and 21:00'] }],
      [{ validFrom: '2027-03-01' }, { validFrom: ['The first date must be today or in the future'] }],
      [{ validUntil: '2027-03-23', validFrom: '2027-04-01' }, { validUntil: ['The last date must be on or after the first date'] }],
      [{ modality: 'MRI' }, { modality: ['Choose X-ray or ultrasound'] }],
    ];
    for (const [change, errors] of cases) {
      const reply = await send(cookie, { ...valid(), ...change });
      expect(reply.status, JSON.stringify(change)).toBe(400);
      expect(reply.body?.error, JSON.stringify(change)).toEqual(errors);
    }
    const notADoctor = await send(cookie, { ...valid(), operatorId: (await createStaff(prisma, { role: 'CLERK' })).id });
    expect(notADoctor.status).toBe(400);
    expect(notADoctor.body?.error).toEqual({ operatorId: ['Choose a doctor who works here as the operator'] });
    expect(await prisma.procedureListTemplate.count()).toBe(before);
  });

  it('is for administrators only: a clerk gets 403', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const before = await prisma.procedureListTemplate.count();
    expect((await load(templatesLoader, '/admin/list-templates', cookie)).status).toBe(403);
    expect((await send(cookie, valid())).status).toBe(403);
    expect(await prisma.procedureListTemplate.count()).toBe(before);
  });
});
