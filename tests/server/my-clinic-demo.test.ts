// The demo data gives the demo doctor work on the day the demo starts: three first consultations in an
// afternoon telephone clinic today, for patients not on a blood thinner.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { testPasswordHash } from '../factories';
import { seedDemoData } from '../../prisma/seed';

describe('demo data for My clinic', () => {
  it('books three consultations in the demo doctor’s clinic today', async () => {
    const prisma = await getPrisma();
    const now = new Date('2027-03-25T15:00:00.000Z'); // Thursday: the doctor's own 13:30 clinic at Tunbridge Wells
    await seedDemoData(prisma, { now, passwordHash: await testPasswordHash() });
    const doctor = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'doctor@paindesk.test' } });
    const clinics = await prisma.clinic.findMany({
      where: { clinicianId: doctor.id, date: new Date('2027-03-25T00:00:00.000Z') },
      include: { site: true, slots: { include: { appointments: { include: { patient: { include: { medicines: { include: { medicine: true } } } } } } } } },
    });
    expect(clinics).toHaveLength(1);
    expect(clinics[0].site.code).toBe('TUNBRIDGE_WELLS');
    const booked = clinics[0].slots.flatMap((s) => s.appointments);
    expect(booked.length).toBeGreaterThanOrEqual(3);
    const seededToday = booked.filter((a) => a.startsAt < now);
    expect(seededToday.length).toBeGreaterThanOrEqual(3);
    for (const a of seededToday) expect(a.patient.medicines.every((m) => !m.medicine || m.medicine.bloodThinnerClass === 'NONE')).toBe(true);
  });
});
