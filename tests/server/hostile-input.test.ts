// Hostile input through the real routes (docs/decisions/0018): each class that used to be a 500 is a 4xx with
// a clear message, and nothing is changed. Addresses (query strings, route ids) are refused in front of Remix:
// tests/unit/request-guards.test.ts.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { testNhsNumber } from '~/utils/nhs-number';
import { action as appointmentAction } from '~/routes/consultations.$appointmentId';
import { action as bookAction } from '~/routes/consultations.book';
import { action as outcomeAction } from '~/routes/consultations.$appointmentId_.outcome';
import { action as clinicsAction, loader as clinicsLoader } from '~/routes/clinics';
import { loader as listsLoader } from '~/routes/lists._index';
import { loader as myClinicLoader } from '~/routes/my-clinic';
import { action as newPatientAction } from '~/routes/patients.new';
import { action as signInAction } from '~/routes/sign-in';
import { DISALLOWED_CHARACTER_MESSAGE } from '~/utils/hostile-input';
import { FILE_REFUSED_MESSAGE, NOT_A_FORM_MESSAGE, UNREADABLE_FORM_MESSAGE } from '~/utils/read-form.server';
import { createClinicWithSlots, createConsultation, createReferral } from '../factories';
import { appointmentIdFrom, fromAddress, load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';
import { BASE, formRequest, respond, routeArgs, staffWithPassword } from './helpers';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027

const PATIENT = {
  firstName: 'Agnieszka',
  lastName: 'Dąbrowska',
  'dateOfBirth.day': '27',
  'dateOfBirth.month': '3',
  'dateOfBirth.year': '1956',
  postcode: 'ME16 9QQ',
};

function bodyRequest(path: string, body: BodyInit, cookie: string, contentType?: string) {
  return new Request(`${BASE}${path}`, { method: 'POST', body, headers: { Cookie: cookie, ...(contentType ? { 'Content-Type': contentType } : {}) } });
}

async function run(action: (args: never) => Promise<unknown>, request: Request, params: Record<string, string> = {}) {
  const response = await respond(() => action(routeArgs(fromAddress(request), params) as never));
  return { status: response.status, text: await response.text(), location: response.headers.get('Location') };
}

describe('control characters in a form', () => {
  it('refuses a NUL in the sign-in email with 400 before any password check, and starts no session', async () => {
    const prisma = await getPrisma();
    const staff = await staffWithPassword('CLERK');
    const before = await prisma.session.count();
    const reply = await run(signInAction, formRequest('/sign-in', { email: `${staff.email}\u0000`, password: staff.password }));
    expect(reply.status).toBe(400);
    expect(reply.text).toBe(DISALLOWED_CHARACTER_MESSAGE);
    expect(await prisma.session.count()).toBe(before);
  });

  it.each([
    ['NUL', 'Agn\u0000ieszka'],
    ['bell', 'Agn\u0007ieszka'],
    ['escape', 'Agn\u001bieszka'],
  ])('refuses a %s in a patient field with 400 and registers no one', async (_name, firstName) => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const before = await prisma.patient.count();
    const reply = await run(newPatientAction, formRequest('/patients/new', { ...PATIENT, firstName, nhsNumber: testNhsNumber(9101) }, cookie));
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('contains a character that is not allowed');
    expect(await prisma.patient.count()).toBe(before);
  });

  it('refuses a NUL in a field name too', async () => {
    const { cookie } = await signedIn('CLERK');
    const reply = await run(newPatientAction, formRequest('/patients/new', { ...PATIENT, nhsNumber: testNhsNumber(9102), 'x\u0000': '1' }, cookie));
    expect(reply.status).toBe(400);
  });

  it('keeps tab and line breaks in text: a cancellation reason over two lines is saved', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const reply = await post(clinicsAction, '/clinics?date=2027-03-24', { intent: 'cancel-clinic', clinicId: clinic.id, reason: 'Doctor unwell\r\n\tsee rota' }, cookie);
    expect(reply.status).toBe(302);
    expect((await prisma.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).status).toBe('CANCELLED');
  });

  it('refuses a NUL in a clinic cancellation reason and leaves the clinic running', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-25' });
    const reply = await run(clinicsAction, formRequest('/clinics?date=2027-03-25', { intent: 'cancel-clinic', clinicId: clinic.id, reason: 'Doctor\u0000unwell' }, cookie));
    expect(reply.status).toBe(400);
    expect((await prisma.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).status).toBe('ACTIVE');
  });
});

describe('bodies no form sends', () => {
  it.each([
    ['JSON', JSON.stringify({ ...PATIENT, nhsNumber: testNhsNumber(9103) }), 'application/json'],
    ['text/plain', new URLSearchParams({ ...PATIENT, nhsNumber: testNhsNumber(9103) }).toString(), 'text/plain'],
    ['no content type', 'firstName=A', undefined],
  ])('refuses a %s body with 415 and registers no one', async (_name, body, contentType) => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const before = await prisma.patient.count();
    const reply = await run(newPatientAction, bodyRequest('/patients/new', body, cookie, contentType));
    expect(reply.status).toBe(415);
    expect(reply.text).toBe(NOT_A_FORM_MESSAGE);
    expect(await prisma.patient.count()).toBe(before);
  });

  it('reads a multipart form without files like any other form', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const nhsNumber = testNhsNumber(9104);
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...PATIENT, nhsNumber })) form.append(key, value);
    const reply = await run(newPatientAction, bodyRequest('/patients/new', form, cookie));
    expect(reply.status).toBe(302);
    expect(await prisma.patient.count({ where: { nhsNumber } })).toBe(1);
  });

  it('refuses a multipart form with a file (415), a NUL in a multipart field (400) and a broken multipart body (400)', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const nhsNumber = testNhsNumber(9105);
    const before = await prisma.patient.count();
    const withFile = new FormData();
    for (const [key, value] of Object.entries({ ...PATIENT, nhsNumber })) withFile.append(key, value);
    withFile.append('firstName', new Blob(['x'], { type: 'text/plain' }), '../../passwd');
    const file = await run(newPatientAction, bodyRequest('/patients/new', withFile, cookie));
    expect(file.status).toBe(415);
    expect(file.text).toBe(FILE_REFUSED_MESSAGE);

    const withNul = new FormData();
    for (const [key, value] of Object.entries({ ...PATIENT, nhsNumber, lastName: 'D\u0000' })) withNul.append(key, value);
    expect((await run(newPatientAction, bodyRequest('/patients/new', withNul, cookie))).status).toBe(400);

    const broken = await run(newPatientAction, bodyRequest('/patients/new', 'not multipart', cookie, 'multipart/form-data; boundary=xyz'));
    expect(broken.status).toBe(400);
    expect(broken.text).toBe(UNREADABLE_FORM_MESSAGE);
    expect(await prisma.patient.count()).toBe(before);
  });
});

describe('optimistic-lock versions out of range', () => {
  it.each(['2147483648', '1e20', '1.5', '-1', '0x7fffffffff'])('refuses version=%s with 400 and leaves the consultation booked', async (version) => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    const booked = await post(bookAction, `/consultations/book?referralId=${referral.id}`, { intent: 'book', idempotencyKey: newKey(), slotId: clinic.slots[0].id, referralId: referral.id }, cookie);
    const id = appointmentIdFrom(booked.location);
    const reply = await post(appointmentAction, `/consultations/${id}`, { intent: 'cancel', version, cancelledBy: 'PATIENT', reason: 'Pain has settled' }, cookie, { appointmentId: id });
    expect(reply.status).toBe(400);
    expect(reply.body?.error).toMatchObject({ version: ['This form is out of date. Reload the page and try again.'] });
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'BOOKED', version: 1 });
  });
});

describe('an outcome with an out-of-range expected version (the same form as filled is recorded)', () => {
  it.each([
    ['0', 302],
    ['2147483648', 400],
    ['1e20', 400],
    ['-1', 400],
  ])('expectedVersion=%s: %i', async (expectedVersion, status) => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const clinic = await createClinicWithSlots(prisma, { clinicianId: staff.id, date: '2027-03-22', startTime: '09:00', endTime: '10:00', slotMinutes: 20 });
    const referral = await createReferral(prisma);
    const appointment = await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: referral.id });
    await prisma.callAttempt.create({ data: { appointmentId: appointment.id, result: 'ANSWERED', at: new Date('2027-03-22T09:01:00Z'), byId: staff.id } });
    const reply = await post(outcomeAction, `/consultations/${appointment.id}/outcome`, { intent: 'outcome', idempotencyKey: newKey(), expectedVersion, kinds: 'FOLLOW_UP', followUpWeeks: '6' }, cookie, { appointmentId: appointment.id });
    expect(reply.status).toBe(status);
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(status === 302 ? 1 : 0);
  });
});

describe('dates in the address out of range', () => {
  it('refuses /lists?week=9999-12-31 with 400 and a message, showing this week', async () => {
    const { cookie } = await signedIn('CLERK');
    const reply = await load<{ error: string; week: { monday: string } }>(listsLoader, '/lists?week=9999-12-31', cookie);
    expect(reply.status).toBe(400);
    expect(reply.data.error).toBe('Enter a date like 2027-03-22');
    expect(reply.data.week.monday).toBe('2027-03-22');
    expect((await load(listsLoader, '/lists?week=0000-01-01', cookie)).status).toBe(400);
    expect((await load(listsLoader, '/lists?week=2100-12-31', cookie)).status).toBe(200);
  });

  it('refuses /clinics?date=0000-01-01 with 400 and a message, showing today', async () => {
    const { cookie } = await signedIn('CLERK');
    const reply = await load<{ dateError: string; date: string }>(clinicsLoader, '/clinics?date=0000-01-01', cookie);
    expect(reply.status).toBe(400);
    expect(reply.data).toMatchObject({ dateError: 'Enter the date as a real date, like 2027-03-22', date: '2027-03-22' });
    expect((await load(clinicsLoader, '/clinics?date=9999-12-31', cookie)).status).toBe(400);
  });

  it('refuses /my-clinic?date=0000-01-01 with 400 and a message', async () => {
    const { cookie } = await signedIn('DOCTOR');
    const reply = await load(myClinicLoader, '/my-clinic?date=0000-01-01', cookie);
    expect(reply.status).toBe(400);
    expect(String(reply.data)).toContain('Use a real date like 2027-03-22, between 1900 and 2100');
    expect((await load(myClinicLoader, '/my-clinic?date=2027-03-23', cookie)).status).toBe(200);
  });
});

describe('sign-in redirect targets with CR/LF or non-Latin-1 characters', () => {
  it.each([
    ['CR/LF', '/patients\r\nSet-Cookie: x=1', '/'],
    ['non-Latin-1', '/patients?q=Zoë 漢字', '/patients?q=Zo%C3%AB%20%E6%BC%A2%E5%AD%97'],
  ])('%s: signs in and redirects on this site with a valid Location header', async (_name, redirectTo, expected) => {
    const prisma = await getPrisma();
    const staff = await staffWithPassword('CLERK');
    const reply = await run(signInAction, formRequest('/sign-in', { email: staff.email, password: staff.password, redirectTo }));
    expect(reply.status).toBe(302);
    expect(reply.location).toBe(expected);
    expect(await prisma.session.count({ where: { userId: staff.id } })).toBe(1);
  });
});
