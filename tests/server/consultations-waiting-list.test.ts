// The waiting-for-first-contact list: who is on it, in what order, with weeks waited and the 18-week flags.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { loader as listLoader } from '~/routes/consultations._index';
import { createClinicWithSlots, createConsultation, createReferral, dbDate } from '../factories';
import { load, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027

type Waiting = { referralId: string; priority: string; weeksWaited: number; breachOn: string; flag: string };
type Rebooking = { appointmentId: string; was: string; reason: string };

describe('waiting for first contact', () => {
  it('lists referrals with no active consultation, longest wait against 18 weeks first, then by priority, with flags', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const referral = (clockStart: string, priority: 'URGENT' | 'SOON' | 'ROUTINE') =>
      createReferral(prisma, { receivedOn: dbDate(clockStart), clockStartOn: dbDate(clockStart), priority });
    // Breach dates: 2027-03-15 (breached), 2027-03-29 (within 2 weeks, twice), 2027-05-31 (on track).
    const breached = await referral('2026-11-09', 'ROUTINE');
    const dueSoonRoutine = await referral('2026-11-23', 'ROUTINE');
    const dueSoonUrgent = await referral('2026-11-23', 'URGENT');
    const onTrack = await referral('2027-01-25', 'URGENT');
    // Not waiting: one has a booked consultation, one is already under care.
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-24' });
    const booked = await referral('2026-10-01', 'URGENT');
    await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: booked.id });
    await createReferral(prisma, { receivedOn: dbDate('2026-10-01'), clockStartOn: dbDate('2026-10-01'), status: 'UNDER_CARE' });
    // Waiting again: the patient cancelled their consultation.
    const patientCancelled = await referral('2027-02-01', 'SOON');
    await createConsultation(prisma, { slotId: clinic.slots[1].id, referralId: patientCancelled.id, status: 'CANCELLED_BY_PATIENT' });

    const page = await load<{ waiting: Waiting[]; total: number }>(listLoader, '/consultations', cookie);
    expect(page.status).toBe(200);
    expect(page.data.waiting.map((w) => w.referralId)).toEqual([breached.id, dueSoonUrgent.id, dueSoonRoutine.id, onTrack.id, patientCancelled.id]);
    expect(page.data.total).toBe(5);
    expect(page.data.waiting.map((w) => [w.weeksWaited, w.breachOn, w.flag])).toEqual([
      [19, '15 March 2027', 'BREACHED'],
      [17, '29 March 2027', 'DUE_SOON'],
      [17, '29 March 2027', 'DUE_SOON'],
      [8, '31 May 2027', 'ON_TRACK'],
      [7, '7 June 2027', 'ON_TRACK'],
    ]);
    expect(page.data.waiting[1].priority).toBe('Urgent');
  });

  it('lists a consultation the hospital cancelled under needs rebooking, not on the waiting list, until it is rebooked', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const clinic = await createClinicWithSlots(prisma, { date: '2027-03-25', startTime: '13:30', endTime: '14:30', slotMinutes: 30 });
    const referral = await createReferral(prisma, { receivedOn: dbDate('2027-03-01'), clockStartOn: dbDate('2027-03-01') });
    const cancelled = await createConsultation(prisma, {
      slotId: clinic.slots[0].id,
      referralId: referral.id,
      status: 'CANCELLED_BY_HOSPITAL',
      cancellationReason: 'Clinic cancelled: doctor unwell',
    });
    await prisma.task.create({
      data: { kind: 'REBOOK_CONSULTATION', title: 'Rebook', appointmentId: cancelled.id, patientId: referral.patientId, dedupeKey: `rebook-consultation:${cancelled.id}` },
    });

    const page = await load<{ waiting: Waiting[]; rebooking: Rebooking[] }>(listLoader, '/consultations', cookie);
    expect(page.data.rebooking.map((r) => [r.appointmentId, r.was, r.reason])).toEqual([
      [cancelled.id, 'Thursday 25 March 2027, 1:30pm', 'Clinic cancelled: doctor unwell'],
    ]);
    expect(page.data.waiting.map((w) => w.referralId)).not.toContain(referral.id);
  });

  it('is for clerks only', async () => {
    const { cookie } = await signedIn('ADMIN');
    expect((await load(listLoader, '/consultations', cookie)).status).toBe(403);
  });
});
