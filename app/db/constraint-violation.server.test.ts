// Real violations from the real database, so the recognition follows the adapters' actual errors.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { createClinicWithSlots, createPatient, createProcedureList, createSite, createStaff } from '../../tests/factories';
import { constraintViolation, isViolationOf } from './constraint-violation.server';

async function caught(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse the write');
}

describe('constraintViolation', () => {
  it('names the unique index, the exclusion constraint and the check constraint that refused a write', async () => {
    const prisma = await getPrisma();
    const site = await createSite(prisma, { code: 'MAIDSTONE' });
    const doctor = await createStaff(prisma, { role: 'DOCTOR' });
    const clinic = await createClinicWithSlots(prisma, { siteId: site.id, clinicianId: doctor.id });
    const [a, b] = clinic.slots;
    const patient = await createPatient(prisma);
    const other = await createPatient(prisma);
    const book = (patientId: string, slot: typeof a) =>
      prisma.appointment.create({ data: { kind: 'CONSULTATION', patientId, slotId: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, minutes: 15 } });
    await book(patient.id, a);

    const taken = await caught(() => book(other.id, a));
    expect(constraintViolation(taken)).toEqual({ kind: 'unique', constraint: 'Appointment_slot_taken_key' });

    const overlap = await caught(() =>
      prisma.appointment.create({ data: { kind: 'CONSULTATION', patientId: patient.id, slotId: b.id, startsAt: a.startsAt, endsAt: a.endsAt, minutes: 15 } }),
    );
    expect(isViolationOf(overlap, 'Appointment_patient_no_overlap')).toBe(true);
    expect(constraintViolation(overlap)?.kind).toBe('exclusion');

    const list = await createProcedureList(prisma, { siteId: site.id, operatorId: doctor.id });
    const over = await caught(() => prisma.procedureList.update({ where: { id: list.id }, data: { bookedMinutes: list.capacityMinutes + 1 } }));
    expect(constraintViolation(over)).toEqual({ kind: 'check', constraint: 'ProcedureList_capacity_check' });
  });

  it('returns null for errors that are not constraint violations', () => {
    expect(constraintViolation(new Error('boom'))).toBeNull();
    expect(constraintViolation(undefined)).toBeNull();
  });
});
