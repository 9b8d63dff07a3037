// The factories make rows that satisfy every database rule, so tests built on them start from valid state.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '~/auth/password.server';
import { getDatabase } from '~/db.server';
import type { PrismaClient } from '~/generated/prisma/client';
import { isValidNhsNumber } from '~/utils/nhs-number';
import {
  FACTORY_PASSWORD,
  createClinicWithSlots,
  createConsultation,
  createMedicine,
  createPatient,
  createPatientMedicine,
  createProcedureBooking,
  createProcedureList,
  createProcedureRequest,
  createProcedureType,
  createReferral,
  createSite,
  createStaff,
} from '../factories';

let prisma: PrismaClient;

beforeAll(async () => {
  prisma = (await getDatabase()).prisma;
});

describe('factories', () => {
  it('make sites from reference data by code, or made-up ones', async () => {
    const maidstone = await createSite(prisma, { code: 'MAIDSTONE' });
    expect(maidstone).toMatchObject({ name: 'Maidstone Hospital', hasInterventionalSuite: true });
    const other = await createSite(prisma);
    expect(other.code).toMatch(/^TEST_SITE_\d+$/);
    expect(other.hasInterventionalSuite).toBe(false);
  });

  it('make staff with a lower-case unique e-mail and a real, cheap bcrypt hash', async () => {
    const doctor = await createStaff(prisma, { role: 'DOCTOR', email: 'Dr.Who@Paindesk.TEST' });
    expect(doctor.email).toBe('dr.who@paindesk.test');
    expect(doctor.name).toMatch(/^Dr /);
    expect(doctor.gmcNumber).toMatch(/^\d{7}$/);
    expect(doctor.passwordHash).toMatch(/^\$2[aby]\$04\$/);
    expect(await verifyPassword(FACTORY_PASSWORD, doctor.passwordHash)).toBe(true);
    const clerk = await createStaff(prisma, { password: 'another one' });
    expect(clerk.role).toBe('CLERK');
    expect(await verifyPassword('another one', clerk.passwordHash)).toBe(true);
  });

  it('make patients with distinct valid NHS numbers, names with non-ASCII letters among them', async () => {
    const patients = await Promise.all(Array.from({ length: 40 }, () => createPatient(prisma)));
    expect(patients.every((p) => isValidNhsNumber(p.nhsNumber) && p.nhsNumber.startsWith('999'))).toBe(true);
    expect(new Set(patients.map((p) => p.nhsNumber)).size).toBe(40);
    expect(patients.some((p) => /[^\x00-\x7f]/.test(p.firstName + p.lastName))).toBe(true);
    expect(patients.some((p) => p.lastName.includes("'"))).toBe(true);
    const overridden = await createPatient(prisma, { firstName: 'Zoë', emailConsent: true, email: 'zoe@example.com' });
    expect(overridden).toMatchObject({ firstName: 'Zoë', emailConsent: true, email: 'zoe@example.com' });
  });

  it('make referrals, catalogue rows (once each) and patient medicines', async () => {
    const referral = await createReferral(prisma, { priority: 'URGENT' });
    expect(referral.priority).toBe('URGENT');
    expect(referral.clockStartOn).toEqual(referral.receivedOn);

    const first = await createProcedureType(prisma, { code: 'NERVE_ROOT_BLOCK' });
    const again = await createProcedureType(prisma, { code: 'NERVE_ROOT_BLOCK' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ allowedGuidance: ['XRAY'], bleedingRisk: 'INTERMEDIATE', leafletSet: 'nerve-root-block' });

    const apixaban = await createMedicine(prisma, { genericName: 'Apixaban' });
    expect(apixaban).toMatchObject({ genericName: 'apixaban', bloodThinnerClass: 'FACTOR_XA_INHIBITOR' });
    const taking = await createPatientMedicine(prisma, { patientId: referral.patientId, genericName: 'apixaban', dose: '5 mg' });
    expect(taking.medicineId).toBe(apixaban.id);
  });

  it('make a clinic with contiguous slots at London times on a clock-change day', async () => {
    const clinic = await createClinicWithSlots(prisma, { date: '2027-10-31', startTime: '13:30', endTime: '15:00', slotMinutes: 30 });
    expect(clinic.startsAt.toISOString()).toBe('2027-10-31T13:30:00.000Z');
    expect(clinic.slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-10-31T13:30:00.000Z',
      '2027-10-31T14:00:00.000Z',
      '2027-10-31T14:30:00.000Z',
    ]);
    const booked = await createConsultation(prisma, { slotId: clinic.slots[1].id });
    expect(booked).toMatchObject({ kind: 'CONSULTATION', minutes: 30, startsAt: clinic.slots[1].startsAt, status: 'BOOKED' });
    // The partial unique index refuses a second active booking of the slot.
    await expect(createConsultation(prisma, { slotId: clinic.slots[1].id })).rejects.toThrow();
  });

  it('book waiting-list requests onto a list in order, and the capacity rule still holds', async () => {
    const list = await createProcedureList(prisma, { date: '2027-03-28', capacityMinutes: 60 });
    expect(list.startsAt.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    const first = await createProcedureRequest(prisma, { procedureCode: 'FACET_JOINT_INJECTION' });
    const second = await createProcedureRequest(prisma, { procedureCode: 'SI_JOINT_INJECTION' });
    const third = await createProcedureRequest(prisma, { procedureCode: 'FACET_JOINT_INJECTION' });
    expect(first).toMatchObject({ guidance: 'XRAY', minutes: 30, status: 'WAITING' });

    const a = await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: first.id });
    const b = await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: second.id });
    expect([a.listPosition, a.startsAt.toISOString(), a.arrivalAt?.toISOString()]).toEqual([
      1,
      '2027-03-28T08:00:00.000Z',
      '2027-03-28T07:30:00.000Z',
    ]);
    expect([b.listPosition, b.startsAt.toISOString(), b.endsAt.toISOString()]).toEqual([
      2,
      '2027-03-28T08:30:00.000Z',
      '2027-03-28T08:50:00.000Z',
    ]);
    await expect(createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: third.id })).rejects.toThrow(
      /no room/,
    );
    const after = await prisma.procedureList.findUniqueOrThrow({ where: { id: list.id } });
    expect(after.bookedMinutes).toBe(50);
    expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: third.id } })).status).toBe('WAITING');
    expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('BOOKED');
  });
});
