// The doctor's worklist and call attempts through the real /my-clinic route: what the doctor sees, the DNA
// rule (after the unit's number of unanswered calls, default 2), the RTT clock reset on a first-appointment
// DNA, stale and double-submitted forms, and role refusals.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action, loader } from '~/routes/my-clinic';
import { setUnitSetting } from '~/settings/unit-settings.server';
import { createClinicWithSlots, createConsultation, createPatient, createReferral, dbDate } from '../factories';
import { load, post, setClock, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

async function clinicWithBooking(doctorId: string, options: { date?: string; referral?: { receivedOn: string } } = {}) {
  const prisma = await getPrisma();
  const clinic = await createClinicWithSlots(prisma, { clinicianId: doctorId, date: options.date ?? '2027-03-22', startTime: '09:00', endTime: '10:00', slotMinutes: 20 });
  const patient = await createPatient(prisma, { firstName: 'Ada', lastName: 'Example', mobilePhone: '07700 900123', communicationNeeds: ['INTERPRETER'], interpreterLanguage: 'Polish' });
  const referral = await createReferral(prisma, {
    patientId: patient.id,
    reason: 'Low back pain radiating to the left leg',
    ...(options.referral ? { receivedOn: dbDate(options.referral.receivedOn), clockStartOn: dbDate(options.referral.receivedOn) } : {}),
  });
  const appointment = await createConsultation(prisma, { slotId: clinic.slots[1].id, referralId: referral.id });
  return { clinic, patient, referral, appointment };
}

const call = (cookie: string, appointmentId: string, version: number, result: 'NO_ANSWER' | 'ANSWERED', path = '/my-clinic?date=2027-03-22') =>
  post(action, path, { intent: 'call', appointmentId, version: String(version), result }, cookie);

type Worklist = {
  date: string;
  clinics: {
    title: string;
    slots: {
      time: string;
      consultation: null | {
        id: string;
        version: number;
        statusLabel: string;
        patient: { name: string; nhsNumber: string; age: number; phone: string | null };
        needs: string[];
        interpreter: boolean;
        reason: string;
        weeksWaited: number;
        attempts: string[];
      };
    }[];
  }[];
};

describe('My clinic', () => {
  it('shows the doctor’s own clinic for the day in slot order with the patient summary, reason, wait and needs', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { patient, appointment } = await clinicWithBooking(staff.id, { referral: { receivedOn: '2027-01-04' } });
    // Another doctor's clinic the same day is not shown.
    await createClinicWithSlots(prisma, { date: '2027-03-22', startTime: '13:00', endTime: '14:00' });

    const { status, data } = await load<Worklist>(loader, '/my-clinic?date=2027-03-22', cookie);

    expect(status).toBe(200);
    expect(data.clinics).toHaveLength(1);
    expect(data.clinics[0].slots.map((s) => s.time)).toEqual(['9am', '9:20am', '9:40am']);
    expect(data.clinics[0].slots[0].consultation).toBeNull();
    const c = data.clinics[0].slots[1].consultation!;
    expect(c.id).toBe(appointment.id);
    expect(c.patient.name).toBe('Ada Example');
    expect(c.patient.nhsNumber).toMatch(/^\d{3} \d{3} \d{4}$/);
    expect(c.patient.phone).toBe('07700 900123');
    expect(c.reason).toBe('Low back pain radiating to the left leg');
    expect(c.weeksWaited).toBe(11); // 4 January to 22 March 2027: 77 days
    expect(c.interpreter).toBe(true);
    expect(c.needs).toEqual(['Interpreter (Polish)']);
    expect(c.statusLabel).toBe('Booked');
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'clinic.worklist.view', actorId: staff.id } });
    expect(audit.details).toMatchObject({ date: '2027-03-22', patientIds: [patient.id] });
  });

  it('defaults to today in Europe/London and shows nothing on a day without a clinic', async () => {
    setClock('2027-03-28T23:30:00.000Z'); // 00:30 BST on Monday 29 March; still Sunday in UTC
    const { staff, cookie } = await signedIn('DOCTOR');
    await clinicWithBooking(staff.id, { date: '2027-03-29' });
    const today = await load<Worklist>(loader, '/my-clinic', cookie);
    expect(today.data.date).toBe('2027-03-29');
    expect(today.data.clinics).toHaveLength(1);
    const empty = await load<Worklist>(loader, '/my-clinic?date=2027-03-30', cookie);
    expect(empty.data.clinics).toHaveLength(0);
  });

  it('shows clinic times right on the clock-change days, morning and afternoon', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    for (const date of ['2027-03-28', '2027-10-31']) {
      await createClinicWithSlots(prisma, { clinicianId: staff.id, date, startTime: '09:00', endTime: '09:40', slotMinutes: 20 });
      await createClinicWithSlots(prisma, { clinicianId: staff.id, date, startTime: '14:00', endTime: '14:40', slotMinutes: 20 });
      const { data } = await load<Worklist>(loader, `/my-clinic?date=${date}`, cookie);
      expect(data.clinics.map((c) => c.slots.map((s) => s.time))).toEqual([
        ['9am', '9:20am'],
        ['2pm', '2:20pm'],
      ]);
    }
  });

  it('is for doctors only', async () => {
    for (const role of ['CLERK', 'ADMIN'] as const) {
      const { cookie } = await signedIn(role);
      expect((await load(loader, '/my-clinic', cookie)).status).toBe(403);
      expect((await call(cookie, 'any', 1, 'NO_ANSWER')).status).toBe(403);
    }
  });
});

describe('call attempts and DNA', () => {
  it('logs an unanswered call with its time and doctor, audited, and leaves the consultation booked', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await clinicWithBooking(staff.id);

    const reply = await call(cookie, appointment.id, 1, 'NO_ANSWER');

    expect(reply.status).toBe(302);
    expect(reply.location).toContain('logged=no-answer');
    const attempts = await prisma.callAttempt.findMany({ where: { appointmentId: appointment.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ result: 'NO_ANSWER', byId: staff.id });
    expect(attempts[0].at.toISOString()).toBe('2027-03-22T10:00:00.000Z');
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({ status: 'BOOKED', version: 2 });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'consultation.call-attempt', entityId: appointment.id } });
    expect(audit).toMatchObject({ actorId: staff.id, patientId: appointment.patientId, ipAddress: '192.0.2.10' });
    const { data } = await load<Worklist>(loader, '/my-clinic?date=2027-03-22', cookie);
    expect(data.clinics[0].slots[1].consultation!.attempts).toEqual(['No answer at 10am']);
  });

  it('records DNA after the second unanswered call: a DNA review task, and the RTT clock restarts on the DNA day for a first appointment', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment, referral } = await clinicWithBooking(staff.id, { referral: { receivedOn: '2027-01-04' } });

    expect((await call(cookie, appointment.id, 1, 'NO_ANSWER')).status).toBe(302);
    setClock('2027-03-22T10:20:00.000Z');
    const second = await call(cookie, appointment.id, 2, 'NO_ANSWER');

    expect(second.status).toBe(302);
    expect(second.location).toContain('logged=dna');
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({ status: 'DNA', version: 4 });
    const task = await prisma.task.findFirstOrThrow({ where: { appointmentId: appointment.id } });
    expect(task).toMatchObject({ kind: 'DNA_REVIEW', status: 'OPEN', patientId: appointment.patientId });
    const after = await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect(after.clockStartOn.toISOString().slice(0, 10)).toBe('2027-03-22');
    expect(after.receivedOn.toISOString().slice(0, 10)).toBe('2027-01-04');
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.dna', entityId: appointment.id } })).toBe(1);
    // No more calls on a DNA'd consultation.
    expect((await call(cookie, appointment.id, 4, 'NO_ANSWER')).status).toBe(409);
    expect(await prisma.callAttempt.count({ where: { appointmentId: appointment.id } })).toBe(2);
  });

  it('a DNA after the patient has been seen does not reset the clock', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { referral, appointment: first } = await clinicWithBooking(staff.id, { date: '2027-03-15', referral: { receivedOn: '2027-01-04' } });
    await prisma.appointment.update({ where: { id: first.id }, data: { status: 'COMPLETED' } });
    await prisma.referral.update({ where: { id: referral.id }, data: { status: 'UNDER_CARE' } });
    const clinic = await createClinicWithSlots(prisma, { clinicianId: staff.id, date: '2027-03-22', startTime: '11:00', endTime: '12:00' });
    const followUp = await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: referral.id });

    await call(cookie, followUp.id, 1, 'NO_ANSWER');
    await call(cookie, followUp.id, 2, 'NO_ANSWER');

    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: followUp.id } })).status).toBe('DNA');
    expect((await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).clockStartOn.toISOString().slice(0, 10)).toBe('2027-01-04');
  });

  it('follows the unit setting: with 3 attempts configured, the second unanswered call is not yet a DNA', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await setUnitSetting(prisma, 'dna.unansweredAttemptsBeforeDna', 3, { id: staff.id, role: 'ADMIN' });
    const { appointment } = await clinicWithBooking(staff.id);

    await call(cookie, appointment.id, 1, 'NO_ANSWER');
    await call(cookie, appointment.id, 2, 'NO_ANSWER');
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');
    expect(await prisma.task.count({ where: { appointmentId: appointment.id } })).toBe(0);
    await call(cookie, appointment.id, 3, 'NO_ANSWER');
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('DNA');
    await setUnitSetting(prisma, 'dna.unansweredAttemptsBeforeDna', 2, { id: staff.id, role: 'ADMIN' });
  });

  it('a stored setting that does not fit is ignored: the default of 2 applies', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await prisma.unitSetting.upsert({
      where: { key: 'dna.unansweredAttemptsBeforeDna' },
      create: { key: 'dna.unansweredAttemptsBeforeDna', value: 'three' },
      update: { value: 'three' },
    });
    const { appointment } = await clinicWithBooking(staff.id);
    await call(cookie, appointment.id, 1, 'NO_ANSWER');
    await call(cookie, appointment.id, 2, 'NO_ANSWER');
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('DNA');
    await prisma.unitSetting.delete({ where: { key: 'dna.unansweredAttemptsBeforeDna' } });
  });

  it('an answered call goes to the outcome form and never makes a DNA', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await clinicWithBooking(staff.id);
    await call(cookie, appointment.id, 1, 'NO_ANSWER');
    const answered = await call(cookie, appointment.id, 2, 'ANSWERED');
    expect(answered.location).toBe(`/consultations/${appointment.id}/outcome`);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');
  });

  it('a double-submitted "no answer" form counts once (409 STALE_FORM the second time)', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await clinicWithBooking(staff.id);
    const [a, b] = await Promise.all([call(cookie, appointment.id, 1, 'NO_ANSWER'), call(cookie, appointment.id, 1, 'NO_ANSWER')]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    expect(await prisma.callAttempt.count({ where: { appointmentId: appointment.id } })).toBe(1);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');
  });

  for (const day of [
    { date: '2027-03-28', morningCall: '2027-03-28T08:05:00.000Z', afternoonCall: '2027-03-28T13:10:00.000Z' }, // BST from 1am
    { date: '2027-10-31', morningCall: '2027-10-31T09:05:00.000Z', afternoonCall: '2027-10-31T14:10:00.000Z' }, // GMT from 2am
  ]) {
    it(`shows consultations and call times in London time on the clock-change day ${day.date}, morning and afternoon`, async () => {
      const prisma = await getPrisma();
      setClock(day.morningCall);
      const { staff, cookie } = await signedIn('DOCTOR');
      const morning = await createClinicWithSlots(prisma, { clinicianId: staff.id, date: day.date, startTime: '09:00', endTime: '09:40', slotMinutes: 20 });
      const afternoon = await createClinicWithSlots(prisma, { clinicianId: staff.id, date: day.date, startTime: '14:00', endTime: '14:40', slotMinutes: 20 });
      const am = await createConsultation(prisma, { slotId: morning.slots[0].id });
      const pm = await createConsultation(prisma, { slotId: afternoon.slots[1].id });
      const path = `/my-clinic?date=${day.date}`;
      expect((await call(cookie, am.id, 1, 'NO_ANSWER', path)).status).toBe(302);
      setClock(day.afternoonCall);
      expect((await call(cookie, pm.id, 1, 'NO_ANSWER', path)).status).toBe(302);

      const { data } = await load<Worklist>(loader, path, cookie);
      const booked = data.clinics.flatMap((c) => c.slots.filter((s) => s.consultation).map((s) => [s.time, s.consultation!.attempts]));
      expect(booked).toEqual([
        ['9am', ['No answer at 9:05am']],
        ['2:20pm', ['No answer at 2:10pm']],
      ]);
    });
  }

  it('refuses a call on a consultation on a later day, and bad input, changing nothing', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await clinicWithBooking(staff.id, { date: '2027-03-23' });
    const early = await call(cookie, appointment.id, 1, 'NO_ANSWER');
    expect(early.status).toBe(400);
    const bad = await post(action, '/my-clinic', { intent: 'call', appointmentId: appointment.id, version: '1', result: 'MAYBE' }, cookie);
    expect(bad.status).toBe(400);
    expect(await prisma.callAttempt.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });
});
