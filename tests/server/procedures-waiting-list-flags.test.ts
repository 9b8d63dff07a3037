// The clerk's waiting list flags what matters before booking: each blood thinner the patient takes and
// whether a doctor has confirmed a plan for it (a plan only proposed, not confirmed, still needs one),
// diabetes on medication and an interpreter.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { loader as waitingListLoader } from '~/routes/procedures._index';
import { createPatient, createPatientMedicine, createProcedureRequest } from '../factories';
import { getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

async function flagsFor(requestId: string, cookie: string): Promise<string[]> {
  const response = await respond(() => waitingListLoader(routeArgs(getRequest('/procedures', cookie)) as never));
  expect(response.status).toBe(200);
  const body = JSON.parse(await response.text()) as { entries: { id: string; flags: string[] }[] };
  return body.entries.find((e) => e.id === requestId)!.flags;
}

describe('waiting list flags', () => {
  it('shows each blood thinner with "plan needed" until a doctor confirms a plan, plus diabetes and interpreter', async () => {
    const prisma = await getPrisma();
    const clerk = await staffWithPassword('CLERK');
    const doctor = await staffWithPassword('DOCTOR');
    const cookie = await signInCookie(clerk.email, clerk.password);
    const patient = await createPatient(prisma, { diabetes: 'ON_MEDICATION', communicationNeeds: ['INTERPRETER'], interpreterLanguage: 'Polish' });
    await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'apixaban' });
    await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'paracetamol' });
    const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'INTERLAMINAR_EPIDURAL', guidance: 'XRAY', escortArranged: true });

    expect(await flagsFor(request.id, cookie)).toEqual(['Blood thinner: Apixaban, plan needed', 'Diabetes on medication', 'Interpreter: Polish']);

    const apixaban = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'apixaban' } });
    const plan = await prisma.bloodThinnerPlan.create({
      data: { procedureRequestId: request.id, medicineId: apixaban.id, action: 'STOP', stopBeforeHours: 48, restartAfterHours: 24 },
    });
    expect(await flagsFor(request.id, cookie), 'proposed but not confirmed').toContain('Blood thinner: Apixaban, plan needed');

    await prisma.bloodThinnerPlan.update({ where: { id: plan.id }, data: { confirmedById: doctor.id, confirmedAt: new Date('2027-03-22T10:00:00Z') } });
    expect(await flagsFor(request.id, cookie)).toContain('Blood thinner: Apixaban, plan confirmed');
  });
});
