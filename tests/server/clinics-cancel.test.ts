// Cancelling a clinic moves its patients to "needs rebooking", in one transaction with the audit trail; the
// cancelled clinic cannot be booked, even by a booking that arrives at the same moment.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as bookAction } from '~/routes/consultations.book';
import { loader as listLoader } from '~/routes/consultations._index';
import { action as clinicsAction, loader as clinicsLoader } from '~/routes/clinics';
import { createClinicWithSlots, createConsultation, createReferral, createSite } from '../factories';
import { appointmentIdFrom, load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z');

const cancel = (cookie: string, clinicId: string, reason: string, date = '2027-03-24') =>
  post(clinicsAction, `/clinics?date=${date}`, { intent: 'cancel-clinic', clinicId, reason }, cookie);

type ClinicView = { id: string; status: string; times: string; slots: { time: string; booking: { appointmentId: string; status: string } | null }[] };

describe('cancelling a clinic', () => {
  it('cancels the clinic and its active consultations, opens one rebooking task each, audits it all, and lists them under needs rebooking', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const site = await createSite(prisma);
    const clinic = await createClinicWithSlots(prisma, { siteId: site.id, date: '2027-03-24', startTime: '09:00', endTime: '10:40', slotMinutes: 20 });
    const [a, b, c] = [await createConsultation(prisma, { slotId: clinic.slots[0].id }), await createConsultation(prisma, { slotId: clinic.slots[1].id }), await createConsultation(prisma, { slotId: clinic.slots[3].id, status: 'CONFIRMED' })];
    const earlierCancelled = await createConsultation(prisma, { slotId: clinic.slots[2].id, status: 'CANCELLED_BY_PATIENT', cancellationReason: 'On holiday' });

    const before = await load<{ clinics: ClinicView[] }>(clinicsLoader, `/clinics?date=2027-03-24&siteId=${site.id}`, cookie);
    expect(before.data.clinics).toHaveLength(1);
    expect(before.data.clinics[0].slots.map((s) => [s.time, s.booking?.status ?? 'Free'])).toEqual([
      ['9am', 'Booked'],
      ['9:20am', 'Booked'],
      ['9:40am', 'Free'],
      ['10am', 'Confirmed'],
      ['10:20am', 'Free'],
    ]);

    const reply = await cancel(cookie, clinic.id, 'Doctor unwell');
    expect(reply.status).toBe(302);
    expect(reply.location).toBe('/clinics?date=2027-03-24&cancelled=3');

    expect(await prisma.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Doctor unwell' });
    for (const appointment of [a, b, c]) {
      expect(await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({
        status: 'CANCELLED_BY_HOSPITAL',
        cancellationReason: 'Clinic cancelled: Doctor unwell',
        cancelledById: staff.id,
      });
      expect(await prisma.task.findFirstOrThrow({ where: { appointmentId: appointment.id } })).toMatchObject({
        kind: 'REBOOK_CONSULTATION',
        status: 'OPEN',
        dedupeKey: `rebook-consultation:${appointment.id}`,
        patientId: appointment.patientId,
      });
      expect(await prisma.auditEvent.count({ where: { action: 'appointment.cancel', entityId: appointment.id, patientId: appointment.patientId, actorId: staff.id } })).toBe(1);
    }
    // The patient who had already cancelled is left as they were.
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: earlierCancelled.id } })).toMatchObject({ status: 'CANCELLED_BY_PATIENT', cancellationReason: 'On holiday' });
    expect(await prisma.task.count({ where: { appointmentId: earlierCancelled.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'clinic.cancel', entityId: clinic.id, actorId: staff.id, ipAddress: '192.0.2.10' } })).toBe(1);

    const list = await load<{ rebooking: { appointmentId: string; was: string }[]; waiting: { referralId: string }[] }>(listLoader, '/consultations', cookie);
    expect(list.data.rebooking.map((r) => [r.appointmentId, r.was])).toEqual([
      [a.id, 'Wednesday 24 March 2027, 9am'],
      [b.id, 'Wednesday 24 March 2027, 9:20am'],
      [c.id, 'Wednesday 24 March 2027, 10am'],
    ]);
    expect(list.data.waiting.map((w) => w.referralId)).not.toContain(a.referralId);

    // Rebooking one takes it off the list.
    const other = await createClinicWithSlots(prisma, { date: '2027-03-26' });
    const rebooked = await post(bookAction, `/consultations/book?rebook=${a.id}`, { intent: 'book', slotId: other.slots[0].id, rebookFromId: a.id, idempotencyKey: newKey() }, cookie);
    expect(rebooked.status).toBe(302);
    const after = await load<{ rebooking: { appointmentId: string }[] }>(listLoader, '/consultations', cookie);
    expect(after.data.rebooking.map((r) => r.appointmentId)).toEqual([b.id, c.id]);

    // The cancelled clinic's slots cannot be booked again.
    const referral = await createReferral(prisma);
    const refused = await post(bookAction, '/consultations/book', { intent: 'book', slotId: clinic.slots[4].id, referralId: referral.id, idempotencyKey: newKey() }, cookie);
    expect(refused.status).toBe(409);

    const shown = await load<{ clinics: ClinicView[] }>(clinicsLoader, `/clinics?date=2027-03-24&siteId=${site.id}`, cookie);
    expect(shown.data.clinics[0].status).toBe('CANCELLED');
    expect(shown.data.clinics[0].slots.every((s) => s.booking === null)).toBe(true);
  });

  it('refuses to cancel twice, without a reason, or after the clinic has finished, changing nothing', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const booking = await createConsultation(prisma, { slotId: clinic.slots[0].id });

    const noReason = await cancel(cookie, clinic.id, '  ');
    expect(noReason.status).toBe(400);
    expect(noReason.body?.error).toMatchObject({ reason: ['Enter the reason the clinic is cancelled'] });
    expect((await prisma.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).status).toBe('ACTIVE');

    expect((await cancel(cookie, clinic.id, 'Site closed')).status).toBe(302);
    const again = await cancel(cookie, clinic.id, 'Site closed');
    expect(again.status).toBe(409);
    expect(again.body?.formError).toBe('This clinic has already been cancelled.');
    expect(await prisma.task.count({ where: { appointmentId: booking.id } })).toBe(1);

    const finished = await createClinicWithSlots(prisma, { date: '2027-03-22', startTime: '08:00', endTime: '09:00' });
    const late = await cancel(cookie, finished.id, 'Too late', '2027-03-22');
    expect(late.status).toBe(400);
    expect(late.body?.formError).toBe('This clinic has already finished, so it cannot be cancelled.');
    expect((await prisma.clinic.findUniqueOrThrow({ where: { id: finished.id } })).status).toBe('ACTIVE');
  });

  it('leaves nobody booked into a clinic cancelled while 20 bookings into it arrive at the same moment', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-25', startTime: '09:00', endTime: '15:40', slotMinutes: 20 });
    const referrals = [];
    for (let i = 0; i < 20; i++) referrals.push(await createReferral(prisma));

    const bookings = referrals.map((referral, i) =>
      post(bookAction, '/consultations/book', { intent: 'book', slotId: clinic.slots[i].id, referralId: referral.id, idempotencyKey: newKey() }, cookie),
    );
    const cancelling = cancel(cookie, clinic.id, 'Doctor unwell', '2027-03-25');
    const [cancelled, ...replies] = await Promise.all([cancelling, ...bookings]);

    expect(cancelled.status).toBe(302);
    expect(replies.every((r) => r.status === 302 || r.status === 409)).toBe(true);
    // Whatever got in before the cancellation was cancelled with it and is waiting to be rebooked.
    const inClinic = await prisma.appointment.findMany({ where: { slot: { clinicId: clinic.id } }, select: { id: true, status: true } });
    expect(inClinic.filter((a) => a.status !== 'CANCELLED_BY_HOSPITAL')).toEqual([]);
    expect(inClinic).toHaveLength(replies.filter((r) => r.status === 302).length);
    expect(await prisma.task.count({ where: { appointmentId: { in: inClinic.map((a) => a.id) }, status: 'OPEN' } })).toBe(inClinic.length);
    for (const reply of replies.filter((r) => r.status === 302)) expect(inClinic.map((a) => a.id)).toContain(appointmentIdFrom(reply.location));
  });

  it('is for clerks only', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('DOCTOR');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    expect((await cancel(cookie, clinic.id, 'No')).status).toBe(403);
    expect((await prisma.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).status).toBe('ACTIVE');
  });
});
