// DESIGN.md rule 1 under concurrent requests, through the real booking route (session check, form parsing,
// use case, database): on PGlite the requests interleave in one process; on PostgreSQL
// (PAINDESK_TEST_DB=postgres) they run in parallel over a pool of connections.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as bookAction } from '~/routes/consultations.book';
import { PATIENT_DOUBLE_BOOKED_MESSAGE, SLOT_TAKEN_MESSAGE } from '~/scheduling/booking-conflicts.server';
import { createClinicWithSlots, createPatient, createReferral, createSite, createStaff } from '../factories';
import { appointmentIdFrom, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

const ATTEMPTS = 50;

useFixedClock('2027-03-22T10:00:00.000Z');

describe('booking one slot: 50 clerks at once, for 50 different patients', () => {
  it('books exactly one; the other 49 get 409 with the slot-taken message; the slot holds one appointment', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24', startTime: '09:00', endTime: '09:20', slotMinutes: 20 });
    const [slot] = clinic.slots;
    const referrals = [];
    for (let i = 0; i < ATTEMPTS; i++) referrals.push(await createReferral(prisma, { receivedOn: new Date('2027-02-01T00:00:00Z'), clockStartOn: new Date('2027-02-01T00:00:00Z') }));

    const replies = await Promise.all(
      referrals.map((referral) =>
        post(bookAction, `/consultations/book?referralId=${referral.id}`, { intent: 'book', slotId: slot.id, referralId: referral.id, idempotencyKey: newKey() }, cookie),
      ),
    );

    const booked = replies.filter((r) => r.status === 302);
    const refused = replies.filter((r) => r.status === 409);
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(ATTEMPTS - 1);
    expect(replies.every((r) => r.status === 302 || r.status === 409)).toBe(true);
    for (const reply of refused) expect(reply.body?.formError).toBe(SLOT_TAKEN_MESSAGE);

    const inSlot = await prisma.appointment.findMany({ where: { slotId: slot.id }, select: { id: true, status: true, referralId: true } });
    expect(inSlot).toHaveLength(1);
    expect(inSlot[0].id).toBe(appointmentIdFrom(booked[0].location));
    expect(inSlot[0].status).toBe('BOOKED');
    // One audit event, for the one booking that happened.
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.book', entityId: inSlot[0].id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.book', details: { path: ['slotId'], equals: slot.id } } })).toBe(1);
  });
});

describe('booking one patient into 50 overlapping slots of different clinics at once', () => {
  it('books exactly one; the other 49 get 409 because the patient is already booked at that time', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const site = await createSite(prisma);
    const patient = await createPatient(prisma);
    const attempts = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      // Clinics of different doctors starting 0-9 minutes after 09:00 with one 20-minute slot: every pair overlaps.
      const doctor = await createStaff(prisma, { role: 'DOCTOR' });
      const minute = String(i % 10).padStart(2, '0');
      const clinic = await createClinicWithSlots(prisma, {
        siteId: site.id,
        clinicianId: doctor.id,
        date: '2027-03-25',
        startTime: `09:${minute}`,
        endTime: `09:${String((i % 10) + 20).padStart(2, '0')}`,
        slotMinutes: 20,
      });
      // A referral each (say, from different services), so only the overlap rule can stop them.
      const referral = await createReferral(prisma, { patientId: patient.id });
      attempts.push({ slotId: clinic.slots[0].id, referralId: referral.id });
    }

    const replies = await Promise.all(
      attempts.map(({ slotId, referralId }) =>
        post(bookAction, `/consultations/book?referralId=${referralId}`, { intent: 'book', slotId, referralId, idempotencyKey: newKey() }, cookie),
      ),
    );

    expect(replies.filter((r) => r.status === 302)).toHaveLength(1);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(ATTEMPTS - 1);
    for (const reply of refused) expect(reply.body?.formError).toBe(PATIENT_DOUBLE_BOOKED_MESSAGE);
    expect(await prisma.appointment.count({ where: { patientId: patient.id, status: 'BOOKED' } })).toBe(1);
    expect(await prisma.appointment.count({ where: { patientId: patient.id } })).toBe(1);
  });
});

describe('a double-submitted booking form', () => {
  it('books once when the same form arrives 10 times at once, and every submission ends at that booking', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    const key = newKey();
    const fields = { intent: 'book', slotId: clinic.slots[2].id, referralId: referral.id, idempotencyKey: key };

    const replies = await Promise.all(
      Array.from({ length: 10 }, () => post(bookAction, `/consultations/book?referralId=${referral.id}`, fields, cookie)),
    );

    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(302));
    const ids = new Set(replies.map((r) => appointmentIdFrom(r.location)));
    expect(ids.size).toBe(1);
    const appointments = await prisma.appointment.findMany({ where: { referralId: referral.id } });
    expect(appointments).toHaveLength(1);
    expect(appointments[0].idempotencyKey).toBe(key);
    expect([...ids][0]).toBe(appointments[0].id);
    expect(await prisma.auditEvent.count({ where: { action: 'appointment.book', entityId: appointments[0].id } })).toBe(1);
  });

  it('books once when the same form is sent again later, even after choosing a different slot', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const referral = await createReferral(prisma);
    const key = newKey();
    const first = await post(bookAction, '/consultations/book', { intent: 'book', slotId: clinic.slots[0].id, referralId: referral.id, idempotencyKey: key }, cookie);
    const again = await post(bookAction, '/consultations/book', { intent: 'book', slotId: clinic.slots[0].id, referralId: referral.id, idempotencyKey: key }, cookie);
    // The back button and another slot on the same page: still the one booking this page made.
    const other = await post(bookAction, '/consultations/book', { intent: 'book', slotId: clinic.slots[1].id, referralId: referral.id, idempotencyKey: key }, cookie);
    expect([first.status, again.status, other.status]).toEqual([302, 302, 302]);
    expect(new Set([first, again, other].map((r) => appointmentIdFrom(r.location))).size).toBe(1);
    expect(await prisma.appointment.count({ where: { referralId: referral.id } })).toBe(1);
    expect(await prisma.appointment.count({ where: { slotId: clinic.slots[1].id } })).toBe(0);
  });
});
