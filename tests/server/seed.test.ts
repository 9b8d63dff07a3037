// The demo data set: loaded once, complete and consistent with every booking rule, never twice.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, verifyPassword } from '~/auth/password.server';
import { getDatabase } from '~/db.server';
import type { PrismaClient } from '~/generated/prisma/client';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { isValidNhsNumber } from '~/utils/nhs-number';
import { DEMO_PATIENT_COUNT, seedDemoData } from '../../prisma/seed';
import { getEnv } from '~/env.server';
import { DEMO_TOTP_EMAIL, DEMO_TOTP_SECRET } from '~/auth/demo-second-factor';
import { decryptSecret, secondFactorKey } from '~/auth/secret-box';

// A Monday a week before British Summer Time starts, so the eight weeks cross a clock change.
const now = new Date('2027-03-22T10:00:00.000Z');

let prisma: PrismaClient;

beforeAll(async () => {
  prisma = (await getDatabase()).prisma;
});

async function tableCounts() {
  return {
    sites: await prisma.site.count(),
    staff: await prisma.staffUser.count(),
    patients: await prisma.patient.count(),
    medicines: await prisma.medicine.count(),
    patientMedicines: await prisma.patientMedicine.count(),
    allergies: await prisma.patientAllergy.count(),
    referrals: await prisma.referral.count(),
    procedureTypes: await prisma.procedureType.count(),
    clinicTemplates: await prisma.clinicTemplate.count(),
    listTemplates: await prisma.procedureListTemplate.count(),
    clinics: await prisma.clinic.count(),
    slots: await prisma.slot.count(),
    lists: await prisma.procedureList.count(),
    requests: await prisma.procedureRequest.count(),
    appointments: await prisma.appointment.count(),
  };
}

const londonTime = (d: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

describe('seedDemoData', () => {
  it('leaves nothing behind when it fails part-way', async () => {
    // A medicine already present makes the catalogue insert fail after sites and staff were written.
    await prisma.medicine.create({ data: { genericName: 'paracetamol', displayName: 'Paracetamol' } });
    await expect(seedDemoData(prisma, { now, passwordHash: 'not-used' })).rejects.toThrow();
    await prisma.medicine.deleteMany();
    expect(Object.values(await tableCounts()).every((count) => count === 0)).toBe(true);
  });

  it('loads once when two instances start together', async () => {
    const started = Date.now();
    const results = await Promise.all([seedDemoData(prisma, { now }), seedDemoData(prisma, { now })]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    // Includes two bcrypt hashes at production cost.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('creates the demo accounts with the right roles, all with the one hash of the demo password', async () => {
    const staff = await prisma.staffUser.findMany({ orderBy: { email: 'asc' } });
    const roles = Object.fromEntries(staff.map((s) => [s.email, s.role]));
    expect(roles).toMatchObject({
      'clerk@paindesk.test': 'CLERK',
      'doctor@paindesk.test': 'DOCTOR',
      'admin@paindesk.test': 'ADMIN',
    });
    expect(staff.filter((s) => s.role === 'CLERK')).toHaveLength(2);
    expect(staff.filter((s) => s.role === 'DOCTOR')).toHaveLength(3);
    expect(staff.filter((s) => s.role === 'ADMIN')).toHaveLength(2);
    expect(new Set(staff.map((s) => s.passwordHash)).size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, staff[0].passwordHash)).toBe(true);
    expect(await verifyPassword('wrong-password', staff[0].passwordHash)).toBe(false);
    expect(staff.every((s) => s.active)).toBe(true);
  });

  it('enrols the demo admin with the published demo TOTP secret, and leaves the second admin to set one up', async () => {
    const factors = await prisma.secondFactor.findMany({ select: { user: { select: { email: true } }, encryptedSecret: true, confirmedAt: true } });
    expect(factors.map((f) => f.user.email)).toEqual([DEMO_TOTP_EMAIL]);
    expect(factors[0].confirmedAt).not.toBeNull();
    expect(factors[0].encryptedSecret).not.toContain(DEMO_TOTP_SECRET);
    expect(decryptSecret(factors[0].encryptedSecret, secondFactorKey(getEnv().SESSION_SECRET))).toBe(DEMO_TOTP_SECRET);
  });

  it('has the three sites with the only interventional suite at Maidstone, and the reference catalogues', async () => {
    const sites = await prisma.site.findMany();
    expect(sites.map((s) => s.code).sort()).toEqual(['MAIDSTONE', 'SEVENOAKS', 'TUNBRIDGE_WELLS']);
    expect(sites.filter((s) => s.hasInterventionalSuite).map((s) => s.code)).toEqual(['MAIDSTONE']);
    expect(await prisma.procedureType.count()).toBe(9);
    expect(await prisma.medicine.findUnique({ where: { genericName: 'morphine' } })).toMatchObject({
      drivingCategory: 'SPECIFIED_LIMIT',
      drivingLimitMcgPerL: 80,
    });
  });

  it('approves every shipped leaflet part as it is now, as a demo approval by the demo doctor', async () => {
    const parts = loadLeafletParts();
    const approvals = await prisma.leafletApproval.findMany({ include: { approvedBy: { select: { email: true } } } });
    expect(approvals).toHaveLength(parts.length);
    for (const part of parts) {
      expect(approvals.find((a) => a.partKey === part.key)).toMatchObject({ contentHash: part.contentHash, demo: true, revokedAt: null, approvedAt: now });
    }
    expect(new Set(approvals.map((a) => a.approvedBy.email))).toEqual(new Set(['doctor@paindesk.test']));
  });

  it('makes at least 150 patients with valid, distinct test NHS numbers and varied needs', async () => {
    const patients = await prisma.patient.findMany({ include: { medicines: { include: { medicine: true } }, allergies: true } });
    expect(patients.length).toBe(DEMO_PATIENT_COUNT);
    expect(patients.length).toBeGreaterThanOrEqual(150);
    expect(patients.every((p) => isValidNhsNumber(p.nhsNumber) && p.nhsNumber.startsWith('999'))).toBe(true);
    expect(new Set(patients.map((p) => p.nhsNumber)).size).toBe(patients.length);

    const withNeed = (need: string) => patients.filter((p) => (p.communicationNeeds as string[]).includes(need));
    for (const need of ['LARGE_PRINT', 'EASY_READ', 'INTERPRETER', 'BSL']) expect(withNeed(need).length).toBeGreaterThan(0);
    expect(withNeed('INTERPRETER').every((p) => p.interpreterLanguage)).toBe(true);

    const consented = patients.filter((p) => p.email && p.emailConsent);
    expect(consented.length).toBeGreaterThan(50);
    expect(consented.every((p) => p.preferredChannel === 'EMAIL' && p.emailConsentRecordedAt)).toBe(true);
    expect(patients.filter((p) => !p.email).length).toBeGreaterThan(20);
    expect(patients.filter((p) => p.email && !p.emailConsent).every((p) => p.preferredChannel === 'LETTER')).toBe(true);
    expect(patients.every((p) => !p.email || p.email.endsWith('@example.com'))).toBe(true);

    const onCategory = (test: (m: { drivingCategory: string; bloodThinnerClass: string }) => boolean) =>
      patients.filter((p) => p.medicines.some((pm) => pm.medicine && test(pm.medicine))).length;
    expect(onCategory((m) => m.bloodThinnerClass !== 'NONE')).toBeGreaterThan(10);
    expect(onCategory((m) => m.drivingCategory === 'OTHER_OPIOID')).toBeGreaterThan(10);
    expect(onCategory((m) => m.drivingCategory === 'GABAPENTINOID')).toBeGreaterThan(10);
    expect(onCategory((m) => m.drivingCategory === 'SPECIFIED_LIMIT')).toBeGreaterThan(0);
    expect(new Set(patients.map((p) => p.diabetes))).toEqual(new Set(['NONE', 'ON_MEDICATION', 'DIET_CONTROLLED', 'UNKNOWN']));
    expect(patients.filter((p) => p.allergies.length > 0).length).toBeGreaterThan(0);
  });

  it('gives every patient a referral, received over the past 20 weeks, some past the 18-week breach', async () => {
    const referrals = await prisma.referral.findMany();
    expect(referrals).toHaveLength(DEMO_PATIENT_COUNT);
    expect(new Set(referrals.map((r) => r.patientId)).size).toBe(DEMO_PATIENT_COUNT);
    const today = new Date('2027-03-22T00:00:00.000Z').getTime();
    const weeksAgo = referrals.map((r) => (today - r.receivedOn.getTime()) / (7 * 86_400_000));
    expect(Math.min(...weeksAgo)).toBeGreaterThan(0);
    expect(Math.max(...weeksAgo)).toBeLessThanOrEqual(20);
    expect(weeksAgo.filter((w) => w >= 18).length).toBeGreaterThan(0);
    expect(new Set(referrals.map((r) => r.source)).size).toBe(4);
    expect(new Set(referrals.map((r) => r.priority)).size).toBe(3);
  });

  it('generates eight weeks of telephone clinics at all three sites, at London wall-clock times across the clock change', async () => {
    const clinics = await prisma.clinic.findMany({ include: { site: true, slots: true } });
    expect(new Set(clinics.map((c) => c.site.code))).toEqual(new Set(['MAIDSTONE', 'TUNBRIDGE_WELLS', 'SEVENOAKS']));
    expect(clinics.every((c) => c.kind === 'TELEPHONE' && c.slots.length > 0)).toBe(true);
    const dates = clinics.map((c) => c.date.toISOString().slice(0, 10)).sort();
    expect(dates[0]).toBe('2027-03-22');
    expect(dates[dates.length - 1] <= '2027-05-16').toBe(true);
    expect(new Set(clinics.map((c) => londonTime(c.startsAt)))).toEqual(new Set(['09:00', '13:30']));

    const mondayMaidstone = (date: string) =>
      clinics.find((c) => c.site.code === 'MAIDSTONE' && c.date.toISOString().startsWith(date))!;
    expect(mondayMaidstone('2027-03-22').startsAt.toISOString()).toBe('2027-03-22T09:00:00.000Z');
    expect(mondayMaidstone('2027-03-29').startsAt.toISOString()).toBe('2027-03-29T08:00:00.000Z');
  });

  it('books about a third of referrals into future slots, with the slot times', async () => {
    const consultations = await prisma.appointment.findMany({ where: { kind: 'CONSULTATION' }, include: { slot: true } });
    expect(consultations.length).toBeGreaterThanOrEqual(DEMO_PATIENT_COUNT * 0.28);
    expect(consultations.length).toBeLessThanOrEqual(DEMO_PATIENT_COUNT * 0.4);
    for (const c of consultations) {
      expect(c.slot).not.toBeNull();
      expect(c.startsAt).toEqual(c.slot!.startsAt);
      expect(c.endsAt).toEqual(c.slot!.endsAt);
      expect(c.minutes).toBe((c.endsAt.getTime() - c.startsAt.getTime()) / 60_000);
      expect(c.startsAt.getTime()).toBeGreaterThan(now.getTime());
      expect(c.referralId).not.toBeNull();
    }
    expect(new Set(consultations.map((c) => c.slotId)).size).toBe(consultations.length);
  });

  it('holds procedure lists only at Maidstone, none over capacity, with cases that fit the list', async () => {
    const lists = await prisma.procedureList.findMany({
      include: {
        site: true,
        appointments: { include: { procedureRequest: { include: { procedureType: true } } }, orderBy: { listPosition: 'asc' } },
      },
    });
    expect(lists.length).toBe(4 * 8);
    expect(lists.every((l) => l.site.code === 'MAIDSTONE')).toBe(true);
    expect(new Set(lists.map((l) => l.modality))).toEqual(new Set(['XRAY', 'ULTRASOUND']));
    expect(lists.every((l) => l.capacityMinutes >= 180 && l.capacityMinutes <= 210)).toBe(true);

    let booked = 0;
    for (const list of lists) {
      expect(list.bookedMinutes).toBeLessThanOrEqual(list.capacityMinutes);
      expect(list.bookedMinutes).toBe(list.appointments.reduce((sum, a) => sum + a.minutes, 0));
      let cursor = list.startsAt.getTime();
      list.appointments.forEach((a, index) => {
        expect(a.kind).toBe('PROCEDURE');
        expect(a.listPosition).toBe(index + 1);
        expect(a.startsAt.getTime()).toBe(cursor);
        expect(a.arrivalAt!.getTime()).toBe(cursor - 30 * 60_000);
        cursor = a.endsAt.getTime();
        expect(a.endsAt.getTime()).toBeLessThanOrEqual(list.endsAt.getTime());
        expect(a.procedureRequest!.status).toBe('BOOKED');
        expect(a.procedureRequest!.guidance).toBe(list.modality);
        expect(a.procedureRequest!.procedureType.allowedGuidance).toContain(list.modality);
        expect(a.procedureRequest!.minutes).toBe(a.minutes);
        expect(a.startsAt.getTime()).toBeGreaterThan(now.getTime());
      });
      booked += list.appointments.length;
    }
    expect(booked).toBeGreaterThan(10);

    const waiting = await prisma.procedureRequest.count({ where: { status: 'WAITING' } });
    expect(waiting).toBeGreaterThanOrEqual(12);
    expect(waiting).toBeLessThanOrEqual(24);
    expect(await prisma.procedureRequest.count({ where: { status: 'BOOKED' } })).toBe(booked);
    const requests = await prisma.procedureRequest.findMany({ include: { referral: true } });
    for (const request of requests) {
      expect(request.referral!.patientId).toBe(request.patientId);
      expect(request.referral!.status).toBe('UNDER_CARE');
      expect(request.listedOn.getTime()).toBeGreaterThan(request.referral!.receivedOn.getTime());
      expect(request.listedOn.getTime()).toBeLessThan(now.getTime());
    }
  });

  it('opens the call task for every booked case whose patient takes a blood thinner with no plan, as a booking in the app does', async () => {
    const booked = await prisma.appointment.findMany({
      where: { kind: 'PROCEDURE', status: 'BOOKED' },
      select: {
        id: true,
        procedureRequestId: true,
        patient: { select: { medicines: { where: { stoppedAt: null }, select: { medicine: { select: { bloodThinnerClass: true } } } } } },
        procedureRequest: { select: { plans: { select: { id: true } } } },
      },
    });
    const needing = booked.filter(
      (a) => a.patient.medicines.some((m) => m.medicine && m.medicine.bloodThinnerClass !== 'NONE') && a.procedureRequest!.plans.length === 0,
    );
    expect(needing.length).toBeGreaterThan(0);
    const tasks = await prisma.task.findMany({ where: { kind: 'AGREE_MEDICINE_PLAN', status: 'OPEN' }, select: { appointmentId: true } });
    expect(tasks.map((t) => t.appointmentId)).toEqual(expect.arrayContaining(needing.map((a) => a.id)));
  });

  it('never gives a patient two overlapping active appointments', async () => {
    const appointments = await prisma.appointment.findMany({ orderBy: [{ patientId: 'asc' }, { startsAt: 'asc' }] });
    for (let i = 1; i < appointments.length; i++) {
      const [before, after] = [appointments[i - 1], appointments[i]];
      if (before.patientId === after.patientId) expect(after.startsAt.getTime()).toBeGreaterThanOrEqual(before.endsAt.getTime());
    }
  });

  it('does nothing when run again, even with another date', async () => {
    const before = await tableCounts();
    expect(await seedDemoData(prisma, { now })).toEqual({ seeded: false });
    expect(await seedDemoData(prisma, { now: new Date('2027-06-01T09:00:00.000Z'), passwordHash: 'x' })).toEqual({ seeded: false });
    expect(await tableCounts()).toEqual(before);
  });
});
