// The call a leaflet promises ("we will phone you by ...") is on a list staff work from: every booked case whose
// blood-thinner or diabetes-medicine plan is missing, soonest due first, with what is missing; it leaves the list
// when the plans are recorded.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { recordDiabetesMedicinePlans } from '~/medicines/diabetes-medicine-plans.server';
import { listMedicinePlanCalls } from '~/medicines/medicine-plan-calls.server';
import { loader as callsLoader } from '~/routes/medicine-plans';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { createPatient, createPatientMedicine, createProcedureList, createProcedureRequest, createStaff } from '../factories';
import { load, newKey, signedIn } from './consultations-fixtures';
import { maidstone } from './leaflets-fixtures';

const NOW = new Date('2027-03-22T10:00:00.000Z');
const IP = '192.0.2.61';

async function bookedCase(medicines: string[], date: string) {
  const prisma = await getPrisma();
  const site = await maidstone();
  const clerk = await createStaff(prisma, { role: 'CLERK' });
  const patient = await createPatient(prisma, { diabetes: 'ON_MEDICATION', lastName: `Calls${date.replace(/-/g, '')}` });
  for (const name of medicines) await createPatientMedicine(prisma, { patientId: patient.id, genericName: name });
  const list = await createProcedureList(prisma, { siteId: site.id, date, modality: 'XRAY' });
  const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'INTERLAMINAR_EPIDURAL', guidance: 'XRAY', minutes: 30, sedation: true });
  const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, { id: clerk.id, role: 'CLERK' }, IP, NOW);
  return { patient, request, appointmentId, clerk };
}

describe('medicine plans to agree', () => {
  it('lists each booked case missing a plan, soonest due first and overdue flagged, and drops it once planned', async () => {
    const prisma = await getPrisma();
    const later = await bookedCase(['warfarin'], '2027-04-21');
    const sooner = await bookedCase(['gliclazide'], '2027-03-25');
    const clerk = { id: later.clerk.id, role: 'CLERK' as const };

    const calls = (await listMedicinePlanCalls({ actor: clerk, ipAddress: IP }, NOW)).filter((c) =>
      [later.appointmentId, sooner.appointmentId].includes(c.appointmentId),
    );
    expect(calls.map((c) => [c.appointmentId, c.dueOn, c.bloodThinners, c.diabetes])).toEqual([
      // Due a week before, or today when that has passed.
      [sooner.appointmentId, '2027-03-22', [], ['Gliclazide']],
      [later.appointmentId, '2027-04-14', ['Warfarin'], []],
    ]);
    expect(calls.every((c) => !c.overdue)).toBe(true);
    // The next day the sooner call is overdue.
    const tomorrow = (await listMedicinePlanCalls({ actor: clerk, ipAddress: IP }, new Date('2027-03-23T09:00:00.000Z'))).find(
      (c) => c.appointmentId === sooner.appointmentId,
    );
    expect(tomorrow?.overdue).toBe(true);

    const doctor = await createStaff(prisma, { role: 'DOCTOR' });
    const gliclazide = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'gliclazide' } });
    await recordDiabetesMedicinePlans(
      sooner.request.id,
      [{ medicineId: gliclazide.id, instruction: 'Do not take gliclazide on the morning of your procedure.' }],
      { id: doctor.id, role: 'DOCTOR' },
      IP,
      NOW,
    );
    const after = await listMedicinePlanCalls({ actor: clerk, ipAddress: IP }, NOW);
    expect(after.map((c) => c.appointmentId)).not.toContain(sooner.appointmentId);
    expect(after.map((c) => c.appointmentId)).toContain(later.appointmentId);
    expect(await prisma.auditEvent.count({ where: { action: 'medicine-plan-calls.view', actorId: clerk.id } })).toBe(3);
  });

  it('is for clerks and doctors only', async () => {
    expect((await load(callsLoader, '/medicine-plans', (await signedIn('CLERK')).cookie)).status).toBe(200);
    expect((await load(callsLoader, '/medicine-plans', (await signedIn('DOCTOR')).cookie)).status).toBe(200);
    expect((await load(callsLoader, '/medicine-plans', (await signedIn('ADMIN')).cookie)).status).toBe(403);
  });
});
