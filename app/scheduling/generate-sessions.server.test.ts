import { beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '~/db.server';
import { DomainError } from '~/errors';
import type { PrismaClient } from '~/generated/prisma/client';
import { createSite, createStaff, dbDate } from '../../tests/factories';
import { generateSessions } from './generate-sessions.server';

let prisma: PrismaClient;
let maidstone: { id: string };
let sevenoaks: { id: string };
let doctor: { id: string };

beforeAll(async () => {
  prisma = (await getDatabase()).prisma;
  maidstone = await createSite(prisma, { code: 'MAIDSTONE' });
  sevenoaks = await createSite(prisma, { code: 'SEVENOAKS' });
  doctor = await createStaff(prisma, { role: 'DOCTOR' });
});

async function counts() {
  return {
    clinics: await prisma.clinic.count(),
    slots: await prisma.slot.count(),
    lists: await prisma.procedureList.count(),
  };
}

async function removeTemplatesAndSessions() {
  await prisma.slot.deleteMany();
  await prisma.clinic.deleteMany();
  await prisma.procedureList.deleteMany();
  await prisma.clinicTemplate.deleteMany();
  await prisma.procedureListTemplate.deleteMany();
}

describe('generateSessions', () => {
  it('makes Sunday clinics, slots and lists at the right UTC instants either side of both clock changes', async () => {
    await removeTemplatesAndSessions();
    await prisma.clinicTemplate.createMany({
      data: [
        { siteId: sevenoaks.id, clinicianId: doctor.id, isoWeekday: 7, startTime: '09:00', endTime: '12:00', slotMinutes: 20, validFrom: dbDate('2027-01-01') },
        { siteId: sevenoaks.id, clinicianId: doctor.id, isoWeekday: 7, startTime: '13:30', endTime: '17:00', slotMinutes: 30, validFrom: dbDate('2027-01-01') },
      ],
    });
    await prisma.procedureListTemplate.create({
      data: {
        siteId: maidstone.id, operatorId: doctor.id, isoWeekday: 7, sessionPart: 'MORNING', startTime: '08:30',
        endTime: '12:00', modality: 'XRAY', capacityMinutes: 210, validFrom: dbDate('2027-01-01'),
      },
    });

    const spring = await generateSessions(prisma, { from: '2027-03-22', to: '2027-04-04' });
    // Sundays 28 Mar and 4 Apr: two clinics each (9 + 7 slots) and one list each.
    expect(spring).toEqual({ clinics: 4, slots: 32, procedureLists: 2 });
    const autumn = await generateSessions(prisma, { from: '2027-10-25', to: '2027-10-31' });
    expect(autumn).toEqual({ clinics: 2, slots: 16, procedureLists: 1 });

    const clinics = await prisma.clinic.findMany({
      orderBy: { startsAt: 'asc' },
      include: { slots: { orderBy: { startsAt: 'asc' } } },
    });
    const clinicOn = (date: string, hourUtc: string) =>
      clinics.find((c) => c.date.toISOString().startsWith(date) && c.startsAt.toISOString().includes(hourUtc))!;

    const springMorning = clinicOn('2027-03-28', 'T08:00');
    expect(springMorning.endsAt.toISOString()).toBe('2027-03-28T11:00:00.000Z');
    expect(springMorning.slots.map((s) => s.startsAt.toISOString().slice(11, 16))).toEqual([
      '08:00', '08:20', '08:40', '09:00', '09:20', '09:40', '10:00', '10:20', '10:40',
    ]);
    expect(springMorning.kind).toBe('TELEPHONE');
    expect(springMorning.slotMinutes).toBe(20);
    const springAfternoon = clinicOn('2027-03-28', 'T12:30');
    expect(springAfternoon.endsAt.toISOString()).toBe('2027-03-28T16:00:00.000Z');
    expect(springAfternoon.slots).toHaveLength(7);

    const autumnMorning = clinicOn('2027-10-31', 'T09:00');
    expect(autumnMorning.slots[0].startsAt.toISOString()).toBe('2027-10-31T09:00:00.000Z');
    expect(autumnMorning.slots[8].endsAt.toISOString()).toBe('2027-10-31T12:00:00.000Z');
    const autumnAfternoon = clinicOn('2027-10-31', 'T13:30');
    expect(autumnAfternoon.endsAt.toISOString()).toBe('2027-10-31T17:00:00.000Z');

    const lists = await prisma.procedureList.findMany({ orderBy: { startsAt: 'asc' } });
    expect(lists.map((l) => [l.date.toISOString().slice(0, 10), l.startsAt.toISOString(), l.endsAt.toISOString()])).toEqual([
      ['2027-03-28', '2027-03-28T07:30:00.000Z', '2027-03-28T11:00:00.000Z'],
      ['2027-04-04', '2027-04-04T07:30:00.000Z', '2027-04-04T11:00:00.000Z'],
      ['2027-10-31', '2027-10-31T08:30:00.000Z', '2027-10-31T12:00:00.000Z'],
    ]);
    expect(lists.every((l) => l.capacityMinutes === 210 && l.bookedMinutes === 0 && l.modality === 'XRAY')).toBe(true);
  });

  it('creates nothing new when run again over the same or an overlapping range', async () => {
    const before = await counts();
    expect(await generateSessions(prisma, { from: '2027-03-22', to: '2027-04-04' })).toEqual({
      clinics: 0,
      slots: 0,
      procedureLists: 0,
    });
    expect(await counts()).toEqual(before);

    // Overlapping: only the new Sunday (11 April) is added.
    expect(await generateSessions(prisma, { from: '2027-03-28', to: '2027-04-11' })).toEqual({
      clinics: 2,
      slots: 16,
      procedureLists: 1,
    });
  });

  it('never recreates a cancelled session or adds slots to an existing one after its template changes', async () => {
    const clinic = await prisma.clinic.findFirstOrThrow({ where: { date: dbDate('2027-04-11') }, include: { slots: true } });
    await prisma.clinic.update({ where: { id: clinic.id }, data: { status: 'CANCELLED', cancellationReason: 'Doctor unwell' } });
    await prisma.clinicTemplate.update({ where: { id: clinic.templateId! }, data: { startTime: '08:00' } });

    expect(await generateSessions(prisma, { from: '2027-04-05', to: '2027-04-11' })).toEqual({
      clinics: 0,
      slots: 0,
      procedureLists: 0,
    });
    const after = await prisma.clinic.findUniqueOrThrow({ where: { id: clinic.id }, include: { slots: true } });
    expect(after.status).toBe('CANCELLED');
    expect(after.slots).toHaveLength(clinic.slots.length);
  });

  it('gives the same result when two runs race', async () => {
    await removeTemplatesAndSessions();
    await prisma.clinicTemplate.create({
      data: { siteId: sevenoaks.id, clinicianId: doctor.id, isoWeekday: 3, startTime: '13:30', endTime: '17:00', slotMinutes: 30, validFrom: dbDate('2027-01-01') },
    });
    const range = { from: '2027-05-01', to: '2027-06-30' };
    const results = await Promise.all([generateSessions(prisma, range), generateSessions(prisma, range)]);
    // Nine Wednesdays: whichever run got there first made each one, and the other made nothing.
    expect(results[0].clinics + results[1].clinics).toBe(9);
    expect(results[0].slots + results[1].slots).toBe(9 * 7);
    expect(await counts()).toEqual({ clinics: 9, slots: 63, lists: 0 });
  });

  it('keeps to validFrom/validUntil and ignores inactive templates, closed sites and departed clinicians', async () => {
    await removeTemplatesAndSessions();
    const leaver = await createStaff(prisma, { role: 'DOCTOR', active: false });
    const closed = await createSite(prisma, { active: false });
    const base = { isoWeekday: 1, startTime: '09:00', endTime: '10:00', slotMinutes: 30 };
    await prisma.clinicTemplate.createMany({
      data: [
        { ...base, siteId: sevenoaks.id, clinicianId: doctor.id, validFrom: dbDate('2027-02-08'), validUntil: dbDate('2027-02-22') },
        { ...base, siteId: sevenoaks.id, clinicianId: doctor.id, validFrom: dbDate('2027-01-01'), active: false },
        { ...base, siteId: closed.id, clinicianId: doctor.id, validFrom: dbDate('2027-01-01') },
        { ...base, siteId: sevenoaks.id, clinicianId: leaver.id, validFrom: dbDate('2027-01-01') },
      ],
    });
    expect(await generateSessions(prisma, { from: '2027-02-01', to: '2027-03-07' })).toEqual({
      clinics: 3,
      slots: 6,
      procedureLists: 0,
    });
    const dates = (await prisma.clinic.findMany({ orderBy: { date: 'asc' } })).map((c) => c.date.toISOString().slice(0, 10));
    expect(dates).toEqual(['2027-02-08', '2027-02-15', '2027-02-22']);
  });

  it('refuses a list template at a site without an interventional suite, and creates nothing at all', async () => {
    await removeTemplatesAndSessions();
    await prisma.clinicTemplate.create({
      data: { siteId: sevenoaks.id, clinicianId: doctor.id, isoWeekday: 2, startTime: '09:00', endTime: '12:00', slotMinutes: 20, validFrom: dbDate('2027-01-01') },
    });
    await prisma.procedureListTemplate.create({
      data: {
        siteId: sevenoaks.id, operatorId: doctor.id, isoWeekday: 4, sessionPart: 'AFTERNOON', startTime: '13:30',
        endTime: '17:00', modality: 'ULTRASOUND', capacityMinutes: 180, validFrom: dbDate('2027-01-01'),
      },
    });
    const attempt = generateSessions(prisma, { from: '2027-02-01', to: '2027-02-28' });
    await expect(attempt).rejects.toThrow(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: 'SITE_HAS_NO_SUITE',
      message: expect.stringMatching(/Sevenoaks Community Hospital has none.*Thursday afternoon list template/),
    });
    expect(await counts()).toEqual({ clinics: 0, slots: 0, lists: 0 });
  });

  it('refuses a bad range before touching the database', async () => {
    await expect(generateSessions(prisma, { from: '2027-03-01', to: '2027-02-01' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
