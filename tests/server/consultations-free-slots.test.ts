// Finding free consultation slots (its own file, so its database holds only these clinics).
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { loader as bookLoader } from '~/routes/consultations.book';
import { createClinicWithSlots, createConsultation, createReferral, createSite, createStaff } from '../factories';
import { load, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

type SlotRow = { id: string; when: string; siteName: string; clinicianName: string };

describe('finding free slots', () => {
  it('offers only future, free slots of active clinics, earliest first, by site, by doctor and from a date, 20 at a time', async () => {
    const prisma = await getPrisma();
    const { cookie } = await signedIn('CLERK');
    const [siteA, siteB] = [await createSite(prisma, { name: 'Alpha Hospital' }), await createSite(prisma, { name: 'Beta Hospital' })];
    const [drA, drB] = [await createStaff(prisma, { role: 'DOCTOR', name: 'Dr Alpha' }), await createStaff(prisma, { role: 'DOCTOR', name: 'Dr Beta' })];
    // Today (partly past), Tuesday at site A with doctor A, Wednesday at site B with doctor B.
    const today = await createClinicWithSlots(prisma, { siteId: siteA.id, clinicianId: drA.id, date: '2027-03-22', startTime: '09:00', endTime: '11:00', slotMinutes: 30 });
    const tuesday = await createClinicWithSlots(prisma, { siteId: siteA.id, clinicianId: drA.id, date: '2027-03-23', startTime: '09:00', endTime: '17:00', slotMinutes: 20 });
    const wednesday = await createClinicWithSlots(prisma, { siteId: siteB.id, clinicianId: drB.id, date: '2027-03-24', startTime: '13:30', endTime: '15:30', slotMinutes: 30 });
    const referral = await createReferral(prisma);
    await createConsultation(prisma, { slotId: tuesday.slots[0].id });
    await createConsultation(prisma, { slotId: tuesday.slots[1].id, status: 'CANCELLED_BY_PATIENT' });

    const all = await load<{ slots: SlotRow[]; hasMore: boolean; page: number }>(bookLoader, `/consultations/book?referralId=${referral.id}`, cookie);
    expect(all.status).toBe(200);
    // 10:00 today has started (the clock is 10:00): 10:30 is first; Tuesday 09:00 is booked; 09:20 was cancelled, so free.
    expect(all.data.slots.slice(0, 3).map((s) => s.when)).toEqual([
      'Monday 22 March 2027, 10:30am',
      'Tuesday 23 March 2027, 9:20am',
      'Tuesday 23 March 2027, 9:40am',
    ]);
    expect(all.data.slots.map((s) => s.id)).not.toContain(today.slots[2].id);
    expect(all.data.slots.map((s) => s.id)).not.toContain(tuesday.slots[0].id);
    expect(all.data.slots).toHaveLength(20);
    expect(all.data.hasMore).toBe(true);

    const page2 = await load<{ slots: SlotRow[]; hasMore: boolean }>(bookLoader, `/consultations/book?referralId=${referral.id}&page=2`, cookie);
    expect(page2.data.slots[0].when).toBe('Tuesday 23 March 2027, 3:40pm');

    const atB = await load<{ slots: SlotRow[] }>(bookLoader, `/consultations/book?referralId=${referral.id}&siteId=${siteB.id}`, cookie);
    expect(atB.data.slots.map((s) => s.id)).toEqual(wednesday.slots.map((s) => s.id));
    expect(new Set(atB.data.slots.map((s) => s.siteName))).toEqual(new Set(['Beta Hospital']));

    const withA = await load<{ slots: SlotRow[] }>(bookLoader, `/consultations/book?referralId=${referral.id}&clinicianId=${drA.id}&from=2027-03-23`, cookie);
    expect(withA.data.slots[0].when).toBe('Tuesday 23 March 2027, 9:20am');
    expect(new Set(withA.data.slots.map((s) => s.clinicianName))).toEqual(new Set(['Dr Alpha']));

    const fromWednesday = await load<{ slots: SlotRow[] }>(bookLoader, `/consultations/book?referralId=${referral.id}&from=2027-03-24`, cookie);
    expect(fromWednesday.data.slots.map((s) => s.when)).toEqual([
      'Wednesday 24 March 2027, 1:30pm',
      'Wednesday 24 March 2027, 2pm',
      'Wednesday 24 March 2027, 2:30pm',
      'Wednesday 24 March 2027, 3pm',
    ]);

    const badDate = await load<{ searchErrors: Record<string, string[]> }>(bookLoader, `/consultations/book?referralId=${referral.id}&from=2027-02-30`, cookie);
    expect(badDate.data.searchErrors.from).toEqual(['Enter the date to search from as a real date, for example 2027-03-22']);
  });
});

