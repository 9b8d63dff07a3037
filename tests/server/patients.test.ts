import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { testNhsNumber } from '~/utils/nhs-number';
import { loader as findLoader } from '~/routes/patients._index';
import { action as addAction } from '~/routes/patients.new';
import { loader as patientLoader } from '~/routes/patients.$patientId';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

const VALID = {
  firstName: 'Agnieszka',
  lastName: 'Dąbrowska',
  'dateOfBirth.day': '27',
  'dateOfBirth.month': '3',
  'dateOfBirth.year': '1956',
  postcode: 'me16 9qq',
};

async function clerkCookie() {
  const clerk = await staffWithPassword('CLERK');
  return { clerk, cookie: await signInCookie(clerk.email, clerk.password) };
}

describe('registering a patient', () => {
  it('refuses an invalid NHS number with a clear message and saves nothing', async () => {
    const { cookie } = await clerkCookie();
    const prisma = await getPrisma();
    const before = await prisma.patient.count();
    const response = await respond(() => addAction(routeArgs(formRequest('/patients/new', { ...VALID, nhsNumber: '943 476 5918' }, cookie)) as never));
    expect(response.status).toBe(400);
    const body = JSON.parse(await response.text());
    expect(body.error.nhsNumber).toEqual(['This is not a valid NHS number. Check it and try again']);
    expect(await prisma.patient.count()).toBe(before);
  });

  it('registers a valid patient, with the calendar date of birth, and audits it', async () => {
    const { clerk, cookie } = await clerkCookie();
    const nhsNumber = testNhsNumber(9000);
    const response = await respond(() =>
      addAction(routeArgs(formRequest('/patients/new', { ...VALID, nhsNumber: `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`, communicationNeeds: ['LARGE_PRINT', 'INTERPRETER'], interpreterLanguage: 'Polish' }, cookie)) as never),
    );
    expect(response.status).toBe(302);
    const prisma = await getPrisma();
    const patient = await prisma.patient.findUniqueOrThrow({ where: { nhsNumber } });
    expect(response.headers.get('Location')).toBe(`/patients/${patient.id}?added=1`);
    expect(patient.lastName).toBe('Dąbrowska');
    expect(patient.dateOfBirth.toISOString()).toBe('1956-03-27T00:00:00.000Z');
    expect(patient.postcode).toBe('ME16 9QQ');
    expect(patient.communicationNeeds).toEqual(['LARGE_PRINT', 'INTERPRETER']);
    expect(patient.interpreterLanguage).toBe('Polish');
    const audit = await prisma.auditEvent.findFirst({ where: { action: 'patient.create', patientId: patient.id, actorId: clerk.id } });
    expect(audit).not.toBeNull();
  });

  it('offers the existing record instead of a duplicate when the NHS number is already registered (409)', async () => {
    const { cookie } = await clerkCookie();
    const nhsNumber = testNhsNumber(9001);
    const first = await respond(() => addAction(routeArgs(formRequest('/patients/new', { ...VALID, nhsNumber }, cookie)) as never));
    expect(first.status).toBe(302);
    const prisma = await getPrisma();
    const count = await prisma.patient.count();
    const second = await respond(() => addAction(routeArgs(formRequest('/patients/new', { ...VALID, firstName: 'Other', nhsNumber }, cookie)) as never));
    expect(second.status).toBe(409);
    const body = JSON.parse(await second.text());
    expect(body.error.nhsNumber[0]).toContain('already registered: Agnieszka Dąbrowska');
    expect(await prisma.patient.count()).toBe(count);
  });

  it('refuses a date of birth that is not a real date or is in the future', async () => {
    const { cookie } = await clerkCookie();
    for (const [day, month, year, message] of [
      ['31', '2', '1970', 'Date of birth must be a real date, for example 27 3 1956'],
      ['1', '1', '2999', 'Date of birth must be in the past'],
    ]) {
      const response = await respond(() =>
        addAction(routeArgs(formRequest('/patients/new', { ...VALID, nhsNumber: testNhsNumber(9002), 'dateOfBirth.day': day, 'dateOfBirth.month': month, 'dateOfBirth.year': year }, cookie)) as never),
      );
      expect(response.status).toBe(400);
      const body = JSON.parse(await response.text());
      expect(body.error.dateOfBirth).toEqual([message]);
    }
  });
});

describe('finding a patient', () => {
  it('finds a patient by NHS number with or without spaces, and by name', async () => {
    const { cookie } = await clerkCookie();
    const nhsNumber = testNhsNumber(9010);
    await respond(() => addAction(routeArgs(formRequest('/patients/new', { ...VALID, lastName: 'Nguyễn', nhsNumber }, cookie)) as never));
    for (const q of [nhsNumber, `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`, 'nguyễn', 'agn nguy']) {
      const response = await respond(() => findLoader(routeArgs(getRequest(`/patients?q=${encodeURIComponent(q)}`, cookie)) as never));
      const body = JSON.parse(await response.text());
      expect(body.result.kind, q).toBe('results');
      expect(body.result.patients.map((p: { nhsNumber: string }) => p.nhsNumber), q).toContain(nhsNumber);
    }
  });

  it('explains an invalid NHS number instead of searching', async () => {
    const { cookie } = await clerkCookie();
    const response = await respond(() => findLoader(routeArgs(getRequest('/patients?q=1234567890', cookie)) as never));
    const body = JSON.parse(await response.text());
    expect(body.result).toEqual({ kind: 'invalid', message: 'This is not a valid NHS number. Check it and try again' });
  });

  it('records every view of a patient record in the audit trail', async () => {
    const doctor = await staffWithPassword('DOCTOR');
    const cookie = await signInCookie(doctor.email, doctor.password);
    const { cookie: clerk } = await clerkCookie();
    const nhsNumber = testNhsNumber(9020);
    await respond(() => addAction(routeArgs(formRequest('/patients/new', { ...VALID, nhsNumber }, clerk)) as never));
    const prisma = await getPrisma();
    const patient = await prisma.patient.findUniqueOrThrow({ where: { nhsNumber }, select: { id: true } });
    const response = await respond(() => patientLoader(routeArgs(getRequest(`/patients/${patient.id}`, cookie), { patientId: patient.id }) as never));
    expect(response.status).toBe(200);
    const views = await prisma.auditEvent.findMany({ where: { action: 'patient.view', patientId: patient.id, actorId: doctor.id } });
    expect(views).toHaveLength(1);
  });

  it('answers 404 for an unknown patient', async () => {
    const { cookie } = await clerkCookie();
    const response = await respond(() => patientLoader(routeArgs(getRequest('/patients/nope', cookie), { patientId: 'nope' }) as never));
    expect(response.status).toBe(404);
  });
});

describe('audit trail', () => {
  it('is append-only: the database refuses to change or delete an event', async () => {
    const prisma = await getPrisma();
    const event = await prisma.auditEvent.create({ data: { action: 'test.event', entityType: 'Test', entityId: 'x' } });
    await expect(prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'changed' } })).rejects.toThrow();
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe('test.event');
  });
});
