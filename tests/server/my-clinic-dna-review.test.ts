// What the clerks see after a doctor records a DNA: the "did not answer" list on /consultations with rebook,
// and discharge to GP offered only once the referral reaches the unit's DNA count (default 2).
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as consultationsAction, loader as consultationsLoader } from '~/routes/consultations._index';
import { action as clinicAction } from '~/routes/my-clinic';
import { setUnitSetting } from '~/settings/unit-settings.server';
import { createClinicWithSlots, createConsultation, createReferral, dbDate } from '../factories';
import { load, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T12:00:00.000Z'); // Monday 22 March 2027, noon GMT

type Page = {
  dna: { appointmentId: string; referralId: string; dnas: number; dischargeOffered: boolean; was: string }[];
  waiting: { referralId: string }[];
};

async function missedTwice(doctorCookie: string, doctorId: string, referralId: string, date: string, startTime: string) {
  const prisma = await getPrisma();
  const clinic = await createClinicWithSlots(prisma, { clinicianId: doctorId, date, startTime, endTime: '12:00', slotMinutes: 20 });
  const appointment = await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId });
  for (const version of [1, 2]) {
    const reply = await post(clinicAction, '/my-clinic', { intent: 'call', appointmentId: appointment.id, version: String(version), result: 'NO_ANSWER' }, doctorCookie);
    expect(reply.status).toBe(302);
  }
  return appointment;
}

describe('did not answer (DNA) on the clerk’s consultations page', () => {
  it('lists a DNA for rebooking (not also as waiting for first contact); discharge is offered only at the second DNA', async () => {
    const prisma = await getPrisma();
    const doctor = await signedIn('DOCTOR');
    const clerk = await signedIn('CLERK');
    const referral = await createReferral(prisma, { receivedOn: dbDate('2027-01-04'), clockStartOn: dbDate('2027-01-04') });

    const first = await missedTwice(doctor.cookie, doctor.staff.id, referral.id, '2027-03-15', '09:00');
    let page = await load<Page>(consultationsLoader, '/consultations', clerk.cookie);
    const row = page.data.dna.find((r) => r.referralId === referral.id)!;
    expect(row).toMatchObject({ appointmentId: first.id, dnas: 1, dischargeOffered: false, was: 'Monday 15 March 2027, 9am' });
    expect(page.data.waiting.some((w) => w.referralId === referral.id)).toBe(false);
    const refused = await post(consultationsAction, '/consultations', { intent: 'discharge-dna', referralId: referral.id }, clerk.cookie);
    expect(refused.status).toBe(400);
    expect((await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe('AWAITING_FIRST_CONTACT');

    // Rebooked (the fixture books straight into a slot) and missed again.
    const second = await missedTwice(doctor.cookie, doctor.staff.id, referral.id, '2027-03-22', '10:00');
    page = await load<Page>(consultationsLoader, '/consultations', clerk.cookie);
    const rows = page.data.dna.filter((r) => r.referralId === referral.id);
    expect(rows).toHaveLength(1); // the first DNA was rebooked, so only the latest is listed
    expect(rows[0]).toMatchObject({ appointmentId: second.id, dnas: 2, dischargeOffered: true });

    const discharged = await post(consultationsAction, '/consultations', { intent: 'discharge-dna', referralId: referral.id }, clerk.cookie);
    expect(discharged.status).toBe(302);
    const after = await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect(after).toMatchObject({ status: 'DISCHARGED' });
    expect(after.clockStoppedOn!.toISOString().slice(0, 10)).toBe('2027-03-22');
    expect(await prisma.task.count({ where: { kind: 'DNA_REVIEW', status: 'OPEN', appointment: { referralId: referral.id } } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'referral.discharge', entityId: referral.id, actorId: clerk.staff.id } })).toBe(1);
    page = await load<Page>(consultationsLoader, '/consultations', clerk.cookie);
    expect(page.data.dna.some((r) => r.referralId === referral.id)).toBe(false);
    // Discharging twice is a stale form.
    expect((await post(consultationsAction, '/consultations', { intent: 'discharge-dna', referralId: referral.id }, clerk.cookie)).status).toBe(409);
  });

  it('follows the unit’s DNA policy: with 1 configured, discharge is offered after the first DNA', async () => {
    const prisma = await getPrisma();
    const doctor = await signedIn('DOCTOR');
    const clerk = await signedIn('CLERK');
    await setUnitSetting(prisma, 'dna.dnasBeforeDischargeOffered', 1, { id: clerk.staff.id, role: 'ADMIN' });
    const referral = await createReferral(prisma);
    await missedTwice(doctor.cookie, doctor.staff.id, referral.id, '2027-03-22', '09:00');
    const page = await load<Page>(consultationsLoader, '/consultations', clerk.cookie);
    expect(page.data.dna.find((r) => r.referralId === referral.id)).toMatchObject({ dnas: 1, dischargeOffered: true });
    await setUnitSetting(prisma, 'dna.dnasBeforeDischargeOffered', 2, { id: clerk.staff.id, role: 'ADMIN' });
  });

  it('doctors cannot discharge from the clerk’s page', async () => {
    const doctor = await signedIn('DOCTOR');
    expect((await post(consultationsAction, '/consultations', { intent: 'discharge-dna', referralId: 'x' }, doctor.cookie)).status).toBe(403);
  });
});
