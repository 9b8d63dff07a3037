import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action as clinicalAction, loader as clinicalLoader } from '~/routes/patients.$patientId_.clinical';
import { loader as patientLoader } from '~/routes/patients.$patientId';
import { createMedicine, createPatient, createProcedureRequest } from '../factories';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

async function signedIn(role: 'DOCTOR' | 'CLERK' | 'ADMIN') {
  const user = await staffWithPassword(role);
  return { user, cookie: await signInCookie(user.email, user.password) };
}

async function setUp() {
  const prisma = await getPrisma();
  await createMedicine(prisma, { genericName: 'apixaban' });
  await createMedicine(prisma, { genericName: 'pregabalin' });
  const patient = await createPatient(prisma, { diabetes: 'UNKNOWN' });
  const path = `/patients/${patient.id}/clinical`;
  const post = (fields: Record<string, string>, cookie: string) =>
    respond(() => clinicalAction(routeArgs(formRequest(path, fields, cookie), { patientId: patient.id }) as never));
  return { prisma, patient, path, post };
}

describe('recording medicines', () => {
  it('matches a catalogue medicine by generic name whatever its case, records who, and audits it', async () => {
    const { prisma, patient, post } = await setUp();
    const { user: doctor, cookie } = await signedIn('DOCTOR');
    const response = await post({ intent: 'add-medicine', name: '  APIXABAN ', dose: '5 mg twice a day' }, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/patients/${patient.id}/clinical?saved=add-medicine`);
    const rows = await prisma.patientMedicine.findMany({ where: { patientId: patient.id }, include: { medicine: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ freeTextName: null, dose: '5 mg twice a day', recordedById: doctor.id, stoppedAt: null });
    expect(rows[0].medicine?.genericName).toBe('apixaban');
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'patient-medicine.record', entityId: rows[0].id } });
    expect(audit).toMatchObject({ actorId: doctor.id, patientId: patient.id });
    expect(audit.details).toMatchObject({ inCatalogue: true, reviewTaskId: null });
    expect(await prisma.task.count({ where: { patientId: patient.id } })).toBe(0);

    // Recording it again while current is refused with a clear message.
    const again = await post({ intent: 'add-medicine', name: 'apixaban' }, cookie);
    expect(again.status).toBe(400);
    expect((await again.json()).error.name[0]).toContain('already recorded');
  });

  it('keeps an unknown medicine as free text, flagged, with an open REVIEW_MEDICINE task; its name stays out of the audit', async () => {
    const { prisma, patient, post } = await setUp();
    const { cookie } = await signedIn('DOCTOR');
    const response = await post({ intent: 'add-medicine', name: 'Lyrica' }, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toContain('saved=add-medicine-free-text');
    const row = await prisma.patientMedicine.findFirstOrThrow({ where: { patientId: patient.id } });
    expect(row).toMatchObject({ medicineId: null, freeTextName: 'Lyrica' });
    const task = await prisma.task.findFirstOrThrow({ where: { patientId: patient.id } });
    expect(task).toMatchObject({ kind: 'REVIEW_MEDICINE', status: 'OPEN', dedupeKey: `review-medicine:${row.id}` });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'patient-medicine.record', entityId: row.id } });
    expect(audit.details).toMatchObject({ inCatalogue: false, reviewTaskId: task.id });
    expect(JSON.stringify(audit.details)).not.toContain('Lyrica');
  });

  it('stops a medicine, keeping the row; stopping it twice changes nothing more', async () => {
    const { prisma, patient, post } = await setUp();
    const { cookie } = await signedIn('DOCTOR');
    await post({ intent: 'add-medicine', name: 'pregabalin' }, cookie);
    const row = await prisma.patientMedicine.findFirstOrThrow({ where: { patientId: patient.id } });
    expect((await post({ intent: 'stop-medicine', patientMedicineId: row.id }, cookie)).status).toBe(302);
    const stopped = await prisma.patientMedicine.findUniqueOrThrow({ where: { id: row.id } });
    expect(stopped.stoppedAt).not.toBeNull();
    expect((await post({ intent: 'stop-medicine', patientMedicineId: row.id }, cookie)).status).toBe(302);
    expect((await prisma.patientMedicine.findUniqueOrThrow({ where: { id: row.id } })).stoppedAt).toEqual(stopped.stoppedAt);
    expect(await prisma.auditEvent.count({ where: { action: 'patient-medicine.stop', entityId: row.id } })).toBe(1);
    expect((await post({ intent: 'stop-medicine', patientMedicineId: 'not-a-medicine' }, cookie)).status).toBe(404);
  });

  it('refuses an empty medicine name with a clear message and saves nothing', async () => {
    const { prisma, patient, post } = await setUp();
    const { cookie } = await signedIn('DOCTOR');
    const response = await post({ intent: 'add-medicine', name: '' }, cookie);
    expect(response.status).toBe(400);
    expect((await response.json()).error.name).toEqual(['Enter the name of the medicine']);
    expect(await prisma.patientMedicine.count({ where: { patientId: patient.id } })).toBe(0);
  });
});

describe('recording diabetes and allergies', () => {
  it('saves the diabetes status, audited with before and after', async () => {
    const { prisma, patient, post } = await setUp();
    const { cookie } = await signedIn('DOCTOR');
    expect((await post({ intent: 'diabetes', diabetes: 'ON_MEDICATION' }, cookie)).status).toBe(302);
    expect((await prisma.patient.findUniqueOrThrow({ where: { id: patient.id } })).diabetes).toBe('ON_MEDICATION');
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'patient.diabetes', patientId: patient.id } });
    expect(audit.details).toEqual({ before: 'UNKNOWN', after: 'ON_MEDICATION' });
    expect((await post({ intent: 'diabetes', diabetes: 'MAYBE' }, cookie)).status).toBe(400);
  });

  it('records allergies, requires detail for "other", refuses a duplicate, and audits a removal', async () => {
    const { prisma, patient, post } = await setUp();
    const { cookie } = await signedIn('DOCTOR');
    expect((await post({ intent: 'add-allergy', kind: 'LATEX' }, cookie)).status).toBe(302);
    const other = await post({ intent: 'add-allergy', kind: 'OTHER' }, cookie);
    expect(other.status).toBe(400);
    expect((await other.json()).error.detail).toEqual(['Enter what the patient is allergic to']);
    expect((await post({ intent: 'add-allergy', kind: 'OTHER', detail: 'Chlorhexidine wipes' }, cookie)).status).toBe(302);
    expect((await post({ intent: 'add-allergy', kind: 'LATEX' }, cookie)).status).toBe(400);
    const allergies = await prisma.patientAllergy.findMany({ where: { patientId: patient.id }, orderBy: { recordedAt: 'asc' } });
    expect(allergies.map((a) => [a.kind, a.detail])).toEqual([['LATEX', null], ['OTHER', 'Chlorhexidine wipes']]);

    expect((await post({ intent: 'remove-allergy', allergyId: allergies[0].id }, cookie)).status).toBe(302);
    expect(await prisma.patientAllergy.count({ where: { patientId: patient.id } })).toBe(1);
    const removed = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'patient-allergy.remove', entityId: allergies[0].id } });
    expect(removed.details).toMatchObject({ kind: 'LATEX' });
  });
});

describe('who may record clinical details', () => {
  it('refuses a clerk and an admin (403) and changes nothing; the clerk sees the details read-only', async () => {
    const { prisma, patient, path, post } = await setUp();
    for (const role of ['CLERK', 'ADMIN'] as const) {
      const { cookie } = await signedIn(role);
      expect((await post({ intent: 'add-medicine', name: 'apixaban' }, cookie)).status).toBe(403);
      expect((await post({ intent: 'diabetes', diabetes: 'NONE' }, cookie)).status).toBe(403);
    }
    expect(await prisma.patientMedicine.count({ where: { patientId: patient.id } })).toBe(0);
    expect((await prisma.patient.findUniqueOrThrow({ where: { id: patient.id } })).diabetes).toBe('UNKNOWN');

    const { cookie: clerk } = await signedIn('CLERK');
    const view = await respond(() => clinicalLoader(routeArgs(getRequest(path, clerk), { patientId: patient.id }) as never));
    expect(view.status).toBe(200);
    expect((await view.json()).canEdit).toBe(false);
    const patientPage = await respond(() => patientLoader(routeArgs(getRequest(`/patients/${patient.id}`, clerk), { patientId: patient.id }) as never));
    expect((await patientPage.json()).canRecordClinical).toBe(false);
  });

  it('lists the patient\'s waiting procedures with whether a blood-thinner plan is needed or confirmed', async () => {
    const { prisma, patient, path, post } = await setUp();
    const { cookie } = await signedIn('DOCTOR');
    const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'INTERLAMINAR_EPIDURAL' });
    const read = async () => {
      const view = await respond(() => clinicalLoader(routeArgs(getRequest(path, cookie), { patientId: patient.id }) as never));
      return (await view.json()).patient.requests;
    };
    expect(await read()).toEqual([expect.objectContaining({ id: request.id, planNeeded: false, planConfirmed: true })]);
    await post({ intent: 'add-medicine', name: 'apixaban' }, cookie);
    expect(await read()).toEqual([expect.objectContaining({ id: request.id, planNeeded: true, planConfirmed: false })]);
  });

  it('offers doctors the link from the patient page, and audits their view of the clinical page', async () => {
    const { prisma, patient, path } = await setUp();
    const { user: doctor, cookie } = await signedIn('DOCTOR');
    const patientPage = await respond(() => patientLoader(routeArgs(getRequest(`/patients/${patient.id}`, cookie), { patientId: patient.id }) as never));
    expect((await patientPage.json()).canRecordClinical).toBe(true);
    const view = await respond(() => clinicalLoader(routeArgs(getRequest(path, cookie), { patientId: patient.id }) as never));
    const body = await view.json();
    expect(body.canEdit).toBe(true);
    expect(body.catalogueNames).toEqual(expect.arrayContaining(['apixaban', 'pregabalin']));
    expect(body.patient.requests).toEqual([]);
    expect(await prisma.auditEvent.count({ where: { action: 'patient.clinical-view', patientId: patient.id, actorId: doctor.id } })).toBe(1);
  });
});
