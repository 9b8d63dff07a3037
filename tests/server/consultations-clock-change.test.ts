// DESIGN.md rule 3 on the clock-change Sundays: clinics set up by an administrator (a weekly template with
// isoWeekday 7 in March, one-off clinics in October), morning and afternoon consultations booked by a clerk,
// and the local times every page shows, with the UTC instants stored.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as templatesAction } from '~/routes/admin.templates._index';
import { action as oneOffAction } from '~/routes/admin.templates.one-off';
import { loader as clinicsLoader } from '~/routes/clinics';
import { action as appointmentAction, loader as appointmentLoader } from '~/routes/consultations.$appointmentId';
import { action as bookAction, loader as bookLoader } from '~/routes/consultations.book';
import { loader as patientLoader } from '~/routes/patients.$patientId';
import { formatDateTime } from '~/utils/format';
import { createReferral, createSite, createStaff } from '../factories';
import { appointmentIdFrom, load, newKey, post, setClock, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // the Monday before the clocks go forward

type FreeSlot = { id: string; when: string };

/** Books the free slot shown as `when` (the first free slot if not given), as a clerk would choose it. */
async function bookSlot(cookie: string, referralId: string, search: string, when?: string) {
  const page = await load<{ slots: FreeSlot[] }>(bookLoader, `/consultations/book?referralId=${referralId}&${search}`, cookie);
  const slot = when ? page.data.slots.find((s) => s.when === when) : page.data.slots[0];
  if (!slot) throw new Error(`no free slot shown as ${when}`);
  const reply = await post(bookAction, '/consultations/book', { intent: 'book', slotId: slot.id, referralId, idempotencyKey: newKey() }, cookie);
  expect(reply.status).toBe(302);
  return { offered: page.data.slots.map((s) => s.when), appointmentId: appointmentIdFrom(reply.location) };
}

async function shown(cookie: string, appointmentId: string) {
  const page = await load<{ when: string }>(appointmentLoader, `/consultations/${appointmentId}`, cookie, { appointmentId });
  return page.data.when;
}

async function onPatientPage(cookie: string, patientId: string) {
  const page = await load<{ patient: { appointments: { id: string; startsAt: string }[] } }>(patientLoader, `/patients/${patientId}`, cookie, { patientId });
  // The patient page renders each appointment's time with formatDateTime.
  return Object.fromEntries(page.data.patient.appointments.map((a) => [a.id, formatDateTime(new Date(a.startsAt))]));
}

describe('Sunday 28 March 2027: the clocks go forward at 01:00 GMT', () => {
  it('books a morning and an afternoon consultation from a Sunday template and shows them at the local times', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma, { name: 'Clock Change Hospital' });
    const doctor = await createStaff(prisma, { role: 'DOCTOR' });
    for (const [startTime, endTime, slotMinutes] of [['09:00', '09:40', '20'], ['13:30', '14:30', '30']]) {
      const created = await post(
        templatesAction,
        '/admin/templates',
        { intent: 'create-template', clinicianId: doctor.id, siteId: site.id, isoWeekday: '7', startTime, endTime, slotMinutes, validFrom: '2027-03-28', validUntil: '2027-03-28' },
        admin.cookie,
      );
      expect(created.status).toBe(302);
    }
    expect((await post(templatesAction, '/admin/templates', { intent: 'generate', weeks: '1' }, admin.cookie)).status).toBe(302);

    const morning = await createReferral(prisma);
    const afternoon = await createReferral(prisma);
    const am = await bookSlot(cookie, morning.id, `siteId=${site.id}&from=2027-03-28`);
    expect(am.offered).toEqual([
      'Sunday 28 March 2027, 9am',
      'Sunday 28 March 2027, 9:20am',
      'Sunday 28 March 2027, 1:30pm',
      'Sunday 28 March 2027, 2pm',
    ]);
    const pm = await bookSlot(cookie, afternoon.id, `siteId=${site.id}&from=2027-03-28`, 'Sunday 28 March 2027, 1:30pm');

    // Stored in UTC: British Summer Time has begun, so 09:00 local is 08:00 UTC.
    const [amRow, pmRow] = await Promise.all([
      prisma.appointment.findUniqueOrThrow({ where: { id: am.appointmentId } }),
      prisma.appointment.findUniqueOrThrow({ where: { id: pm.appointmentId } }),
    ]);
    expect([amRow.startsAt.toISOString(), amRow.endsAt.toISOString()]).toEqual(['2027-03-28T08:00:00.000Z', '2027-03-28T08:20:00.000Z']);
    expect([pmRow.startsAt.toISOString(), pmRow.endsAt.toISOString()]).toEqual(['2027-03-28T12:30:00.000Z', '2027-03-28T13:00:00.000Z']);

    expect(await shown(cookie, am.appointmentId)).toBe('Sunday 28 March 2027, 9am');
    expect(await shown(cookie, pm.appointmentId)).toBe('Sunday 28 March 2027, 1:30pm');
    expect((await onPatientPage(cookie, morning.patientId))[am.appointmentId]).toBe('Sunday 28 March 2027, 9am');
    expect((await onPatientPage(cookie, afternoon.patientId))[pm.appointmentId]).toBe('Sunday 28 March 2027, 1:30pm');

    const day = await load<{ clinics: { times: string; slots: { time: string; booking: { appointmentId: string } | null }[] }[] }>(
      clinicsLoader,
      `/clinics?date=2027-03-28&siteId=${site.id}`,
      cookie,
    );
    expect(day.data.clinics.map((c) => c.times)).toEqual(['9am to 9:40am', '1:30pm to 2:30pm']);
    expect(day.data.clinics.flatMap((c) => c.slots.map((s) => [s.time, s.booking?.appointmentId ?? null]))).toEqual([
      ['9am', am.appointmentId],
      ['9:20am', null],
      ['1:30pm', pm.appointmentId],
      ['2pm', null],
    ]);
  });

  it('moves a Saturday (GMT) consultation to the Sunday (BST) and shows the new local time', async () => {
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma);
    const doctor = await createStaff(prisma, { role: 'DOCTOR' });
    for (const date of ['2027-03-27', '2027-03-28']) {
      const made = await post(oneOffAction, '/admin/templates/one-off', { intent: 'create-clinic', clinicianId: doctor.id, siteId: site.id, date, startTime: '13:30', endTime: '14:00', slotMinutes: '30' }, admin.cookie);
      expect(made.status).toBe(302);
    }
    const referral = await createReferral(prisma);
    const saturday = await bookSlot(cookie, referral.id, `siteId=${site.id}`);
    expect(await shown(cookie, saturday.appointmentId)).toBe('Saturday 27 March 2027, 1:30pm');
    const sunday = await prisma.slot.findFirstOrThrow({ where: { clinic: { siteId: site.id, date: new Date('2027-03-28T00:00:00Z') } } });
    const moved = await post(
      appointmentAction,
      `/consultations/${saturday.appointmentId}`,
      { intent: 'move', slotId: sunday.id, version: '1', idempotencyKey: newKey(), requestedBy: 'PATIENT' },
      cookie,
      { appointmentId: saturday.appointmentId },
    );
    expect(moved.status).toBe(302);
    const newId = appointmentIdFrom(moved.location);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: newId } })).startsAt.toISOString()).toBe('2027-03-28T12:30:00.000Z');
    expect(await shown(cookie, newId)).toBe('Sunday 28 March 2027, 1:30pm');
  });
});

describe('Sunday 31 October 2027: the clocks go back at 02:00 BST', () => {
  it('books a morning and an afternoon consultation in one-off clinics and shows them at the local times', async () => {
    setClock('2027-10-25T09:00:00.000Z'); // the Monday before
    const prisma = await getPrisma();
    const admin = await signedIn('ADMIN');
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma, { name: 'Autumn Hospital' });
    const doctor = await createStaff(prisma, { role: 'DOCTOR' });
    for (const [startTime, endTime, slotMinutes] of [['09:00', '09:40', '20'], ['13:30', '14:30', '30']]) {
      const made = await post(oneOffAction, '/admin/templates/one-off', { intent: 'create-clinic', clinicianId: doctor.id, siteId: site.id, date: '2027-10-31', startTime, endTime, slotMinutes }, admin.cookie);
      expect(made.status).toBe(302);
    }
    const morning = await createReferral(prisma);
    const afternoon = await createReferral(prisma);
    const am = await bookSlot(cookie, morning.id, `siteId=${site.id}`);
    expect(am.offered).toEqual([
      'Sunday 31 October 2027, 9am',
      'Sunday 31 October 2027, 9:20am',
      'Sunday 31 October 2027, 1:30pm',
      'Sunday 31 October 2027, 2pm',
    ]);
    const pm = await bookSlot(cookie, afternoon.id, `siteId=${site.id}&from=2027-10-31`, 'Sunday 31 October 2027, 1:30pm');

    // Back on GMT: local time and UTC agree again.
    const [amRow, pmRow] = await Promise.all([
      prisma.appointment.findUniqueOrThrow({ where: { id: am.appointmentId } }),
      prisma.appointment.findUniqueOrThrow({ where: { id: pm.appointmentId } }),
    ]);
    expect([amRow.startsAt.toISOString(), amRow.endsAt.toISOString()]).toEqual(['2027-10-31T09:00:00.000Z', '2027-10-31T09:20:00.000Z']);
    expect([pmRow.startsAt.toISOString(), pmRow.endsAt.toISOString()]).toEqual(['2027-10-31T13:30:00.000Z', '2027-10-31T14:00:00.000Z']);

    expect(await shown(cookie, am.appointmentId)).toBe('Sunday 31 October 2027, 9am');
    expect(await shown(cookie, pm.appointmentId)).toBe('Sunday 31 October 2027, 1:30pm');
    expect((await onPatientPage(cookie, morning.patientId))[am.appointmentId]).toBe('Sunday 31 October 2027, 9am');
    expect((await onPatientPage(cookie, afternoon.patientId))[pm.appointmentId]).toBe('Sunday 31 October 2027, 1:30pm');

    const day = await load<{ clinics: { times: string; slots: { time: string }[] }[] }>(clinicsLoader, `/clinics?date=2027-10-31&siteId=${site.id}`, cookie);
    expect(day.data.clinics.map((c) => c.times)).toEqual(['9am to 9:40am', '1:30pm to 2:30pm']);
    expect(day.data.clinics.flatMap((c) => c.slots.map((s) => s.time))).toEqual(['9am', '9:20am', '1:30pm', '2pm']);
  });
});
