// Referral intake through the real route: new and existing patients, the duplicate NHS number offered
// instead of a second record, bad input refused with nothing saved, the audit trail.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { formatNhsNumber, testNhsNumber } from '~/utils/nhs-number';
import { loader as bookLoader } from '~/routes/consultations.book';
import { action as referralAction } from '~/routes/referrals.new';
import { createPatient } from '../factories';
import { load, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z');

const REFERRAL = {
  source: 'GP_VIA_MSK',
  'receivedOn.day': '1',
  'receivedOn.month': '3',
  'receivedOn.year': '2027',
  priority: 'URGENT',
  reason: 'Sciatica for 6 months despite physiotherapy',
};

const NEW_PATIENT = {
  patient: 'new',
  firstName: 'Gráinne',
  lastName: "O'Brien",
  'dateOfBirth.day': '4',
  'dateOfBirth.month': '11',
  'dateOfBirth.year': '1961',
  postcode: 'tn13 3pg',
};

const register = (cookie: string, fields: Record<string, string | string[]>) => post(referralAction, '/referrals/new', fields, cookie);

describe('registering a referral for a new patient', () => {
  it('creates the patient and the referral together (clock start = received date), audits both, and leads to booking', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const nhsNumber = testNhsNumber(61_001);
    const reply = await register(cookie, { ...NEW_PATIENT, ...REFERRAL, nhsNumber: formatNhsNumber(nhsNumber) });

    expect(reply.status).toBe(302);
    const patient = await prisma.patient.findUniqueOrThrow({ where: { nhsNumber } });
    const referral = await prisma.referral.findFirstOrThrow({ where: { patientId: patient.id } });
    expect(reply.location).toBe(`/consultations/book?referralId=${referral.id}&registered=patient`);
    expect(patient).toMatchObject({ firstName: 'Gráinne', lastName: "O'Brien", postcode: 'TN13 3PG' });
    expect(patient.dateOfBirth.toISOString()).toBe('1961-11-04T00:00:00.000Z');
    expect(referral).toMatchObject({
      source: 'GP_VIA_MSK',
      priority: 'URGENT',
      reason: 'Sciatica for 6 months despite physiotherapy',
      status: 'AWAITING_FIRST_CONTACT',
      createdById: staff.id,
    });
    expect(referral.receivedOn.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(referral.clockStartOn.toISOString()).toBe('2027-03-01T00:00:00.000Z');

    const audits = await prisma.auditEvent.findMany({ where: { patientId: patient.id }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['patient.create', 'referral.create']);
    for (const audit of audits) expect(audit).toMatchObject({ actorId: staff.id, actorRole: 'CLERK', ipAddress: '192.0.2.10' });
    expect(JSON.stringify(audits.map((a) => a.details))).not.toMatch(/Gráinne|O'Brien|Sciatica/);

    // The booking page the clerk is sent to shows who, and where they stand against the 18 weeks.
    const page = await load<{ patient: { name: string }; referral: { priority: string; rtt: { weeksWaited: number; breachOn: string; flag: string } }; registered: string }>(
      bookLoader,
      reply.location!,
      cookie,
    );
    expect(page.status).toBe(200);
    expect(page.data.patient.name).toBe("Gráinne O'Brien");
    expect(page.data.registered).toBe('patient');
    expect(page.data.referral.priority).toBe('Urgent');
    expect(page.data.referral.rtt).toEqual({ breachOn: '2027-07-05', weeksWaited: 3, daysToBreach: 105, flag: 'ON_TRACK' });
  });

  it('offers the existing record when the NHS number is already registered, and saves nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const existing = await createPatient(prisma, { nhsNumber: testNhsNumber(61_002), firstName: 'Zofia', lastName: 'Dąbrowska' });
    const [patients, referrals] = [await prisma.patient.count(), await prisma.referral.count()];

    const reply = await register(cookie, { ...NEW_PATIENT, ...REFERRAL, nhsNumber: existing.nhsNumber });

    expect(reply.status).toBe(409);
    expect(reply.body?.existingPatient).toMatchObject({ id: existing.id, name: 'Zofia Dąbrowska', nhsNumber: existing.nhsNumber });
    expect((reply.body?.error as Record<string, string[]>).nhsNumber[0]).toBe(
      'A patient with this NHS number is already registered: Zofia Dąbrowska. Use their record below instead of registering them again',
    );
    expect(await prisma.patient.count()).toBe(patients);
    expect(await prisma.referral.count()).toBe(referrals);
    // Showing who the existing patient is counts as a view of their record.
    expect(await prisma.auditEvent.count({ where: { action: 'patient.duplicate-offered', patientId: existing.id } })).toBe(1);

    // The clerk takes the offer: the page's second form sends the referral for the existing patient.
    const taken = await register(cookie, { patient: 'existing', existingNhsNumber: existing.nhsNumber, ...REFERRAL });
    expect(taken.status).toBe(302);
    expect(taken.location).toMatch(/&registered=referral$/);
    expect(await prisma.patient.count()).toBe(patients);
    const referral = await prisma.referral.findFirstOrThrow({ where: { patientId: existing.id } });
    expect(referral.status).toBe('AWAITING_FIRST_CONTACT');
  });
});

describe('registering a referral for a registered patient', () => {
  it('finds the patient by NHS number (spaces allowed) and adds a referral to their record', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const patient = await createPatient(prisma, { nhsNumber: testNhsNumber(61_003) });
    const reply = await register(cookie, { patient: 'existing', existingNhsNumber: formatNhsNumber(patient.nhsNumber), ...REFERRAL, source: 'AHP', priority: 'ROUTINE' });
    expect(reply.status).toBe(302);
    const referral = await prisma.referral.findFirstOrThrow({ where: { patientId: patient.id } });
    expect(referral).toMatchObject({ source: 'AHP', priority: 'ROUTINE' });
    expect(await prisma.auditEvent.count({ where: { action: 'referral.create', entityId: referral.id, patientId: patient.id } })).toBe(1);
  });

  it('explains an NHS number nobody is registered with, and saves nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const referrals = await prisma.referral.count();
    const reply = await register(cookie, { patient: 'existing', existingNhsNumber: testNhsNumber(61_999), ...REFERRAL });
    expect(reply.status).toBe(400);
    expect((reply.body?.error as Record<string, string[]>).existingNhsNumber).toEqual([
      'No patient is registered with this NHS number. Check it, or choose "No" to register a new patient',
    ]);
    expect(await prisma.referral.count()).toBe(referrals);
  });
});

describe('bad referral input', () => {
  it('refuses a received date in the future, an invalid NHS number and missing details, saving nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const [patients, referrals] = [await prisma.patient.count(), await prisma.referral.count()];
    const reply = await register(cookie, {
      ...NEW_PATIENT,
      nhsNumber: '943 476 5918',
      source: 'GP_VIA_MSK',
      'receivedOn.day': '23',
      'receivedOn.month': '3',
      'receivedOn.year': '2027',
      reason: '',
    });
    expect(reply.status).toBe(400);
    expect(reply.body?.error).toMatchObject({
      nhsNumber: ['This is not a valid NHS number. Check it and try again'],
      receivedOn: ['Date received must be today or in the past'],
      priority: ['Select the priority'],
      reason: ['Enter the reason for referral'],
    });
    expect(await prisma.patient.count()).toBe(patients);
    expect(await prisma.referral.count()).toBe(referrals);
  });

  it('is for clerks only', async () => {
    const { cookie } = await signedIn('DOCTOR');
    const reply = await register(cookie, { ...NEW_PATIENT, ...REFERRAL, nhsNumber: testNhsNumber(61_004) });
    expect(reply.status).toBe(403);
    expect(await (await getPrisma()).patient.count({ where: { nhsNumber: testNhsNumber(61_004) } })).toBe(0);
  });
});
