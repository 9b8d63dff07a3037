import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { bloodThinnerPlanStatus } from '~/medicines/blood-thinner-plan-status.server';
import { seedBloodThinnerRules } from '~/medicines/blood-thinner-rule-repo.server';
import { confirmBloodThinnerPlans } from '~/medicines/confirm-blood-thinner-plans.server';
import { action as planAction, loader as planLoader } from '~/routes/procedure-requests.$requestId.plan';
import { createPatient, createPatientMedicine, createProcedureRequest } from '../factories';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';

const NOW = new Date('2027-03-22T10:15:00Z');

beforeAll(async () => {
  await seedBloodThinnerRules(await getPrisma());
});

/** A patient on apixaban (and paracetamol, which is no blood thinner) listed for an interlaminar epidural. */
async function apixabanEpidural(extra: string[] = []) {
  const prisma = await getPrisma();
  const patient = await createPatient(prisma);
  await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'apixaban', dose: '5 mg twice a day' });
  await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'paracetamol' });
  for (const name of extra) await createPatientMedicine(prisma, { patientId: patient.id, genericName: name });
  const request = await createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'INTERLAMINAR_EPIDURAL' });
  const apixaban = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'apixaban' } });
  return { patient, request, apixabanId: apixaban.id };
}

async function signedIn(role: 'DOCTOR' | 'CLERK' | 'ADMIN') {
  const user = await staffWithPassword(role);
  return { user, cookie: await signInCookie(user.email, user.password) };
}

describe('blood-thinner plan status', () => {
  it('reports an unconfirmed plan as missing: a proposal, or a stored row without confirmation, is not a plan', async () => {
    const { request, apixabanId } = await apixabanEpidural();
    const before = await bloodThinnerPlanStatus(request.id);
    expect(before).toMatchObject({ needed: true, allConfirmed: false });
    expect(before.items).toEqual([expect.objectContaining({ medicineId: apixabanId, confirmed: false, confirmedAt: null })]);

    // A row written without a doctor's confirmation (e.g. a draft) still does not count.
    const prisma = await getPrisma();
    await prisma.bloodThinnerPlan.create({
      data: { procedureRequestId: request.id, medicineId: apixabanId, action: 'STOP', stopBeforeHours: 48 },
    });
    const draft = await bloodThinnerPlanStatus(request.id);
    expect(draft.allConfirmed).toBe(false);
    expect(draft.items[0].confirmed).toBe(false);
  });

  it('needs no plan when the patient takes no blood thinner, and ignores a stopped one', async () => {
    const prisma = await getPrisma();
    const patient = await createPatient(prisma);
    const warfarin = await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'warfarin' });
    await prisma.patientMedicine.update({ where: { id: warfarin.id }, data: { stoppedAt: NOW } });
    const request = await createProcedureRequest(prisma, { patientId: patient.id });
    expect(await bloodThinnerPlanStatus(request.id)).toEqual({ requestId: request.id, needed: false, allConfirmed: true, items: [] });
  });
});

describe('confirming a blood-thinner plan', () => {
  it('stores the doctor, the time, the proposal and the confirmed values, audited; then the plan counts', async () => {
    const { patient, request, apixabanId } = await apixabanEpidural();
    const { user: doctor } = await signedIn('DOCTOR');
    await confirmBloodThinnerPlans(
      request.id,
      [{ medicineId: apixabanId, variant: '', action: 'STOP', stopBeforeHours: 120, restartAfterHours: 24, inrCheck: false, note: null }],
      { id: doctor.id, role: 'DOCTOR' },
      '10.0.0.7',
      NOW,
    );
    const prisma = await getPrisma();
    const plan = await prisma.bloodThinnerPlan.findUniqueOrThrow({
      where: { procedureRequestId_medicineId: { procedureRequestId: request.id, medicineId: apixabanId } },
    });
    expect(plan).toMatchObject({ action: 'STOP', stopBeforeHours: 120, restartAfterHours: 24, confirmedById: doctor.id, confirmedAt: NOW, deviatesFromRule: false });
    // ASRA/ESRA 2018 for an interlaminar epidural: apixaban 3 to 5 days, the longer end proposed.
    expect(plan.proposed).toMatchObject({ action: 'STOP', stopBeforeHours: 120, restartAfterHours: null, variant: '', bleedingRisk: 'INTERMEDIATE' });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'blood-thinner-plan.confirm', entityId: plan.id } });
    expect(audit).toMatchObject({ actorId: doctor.id, actorRole: 'DOCTOR', patientId: patient.id, ipAddress: '10.0.0.7' });
    expect(audit.details).toMatchObject({ procedureRequestId: request.id, medicineId: apixabanId, editedFromProposal: true, previous: null });
    expect(await bloodThinnerPlanStatus(request.id)).toMatchObject({ needed: true, allConfirmed: true });
  });

  it('keeps both the proposed and the confirmed values when the doctor edits, and audits a re-confirmation with the earlier values', async () => {
    const { request } = await apixabanEpidural(['warfarin']);
    const { user: doctor, cookie } = await signedIn('DOCTOR');
    const prisma = await getPrisma();
    const warfarin = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'warfarin' } });
    const apixaban = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'apixaban' } });
    const path = `/procedure-requests/${request.id}/plan`;
    const fields = (warfarinStop: string) => ({
      intent: 'confirm',
      'plans[0].medicineId': apixaban.id,
      'plans[0].variant': '',
      'plans[0].action': 'STOP',
      'plans[0].stopBeforeHours': '120',
      'plans[0].restartAfterHours': '24',
      'plans[1].medicineId': warfarin.id,
      'plans[1].variant': '',
      'plans[1].action': 'STOP',
      'plans[1].stopBeforeHours': warfarinStop,
      'plans[1].restartAfterHours': '6',
      'plans[1].inrCheck': 'on',
      'plans[1].note': 'Bridging discussed with GP',
    });
    const first = await respond(() => planAction(routeArgs(formRequest(path, fields('120'), cookie), { requestId: request.id }) as never));
    expect(first.status).toBe(302);
    const second = await respond(() => planAction(routeArgs(formRequest(path, fields('144'), cookie), { requestId: request.id }) as never));
    expect(second.status).toBe(302);

    const plan = await prisma.bloodThinnerPlan.findUniqueOrThrow({
      where: { procedureRequestId_medicineId: { procedureRequestId: request.id, medicineId: warfarin.id } },
    });
    expect(plan).toMatchObject({ action: 'STOP', stopBeforeHours: 144, restartAfterHours: 6, inrCheck: true, note: 'Bridging discussed with GP', confirmedById: doctor.id });
    expect(plan.proposed).toMatchObject({ action: 'STOP', stopBeforeHours: 120, restartAfterHours: 6, inrCheck: true });
    const audits = await prisma.auditEvent.findMany({ where: { entityId: plan.id }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['blood-thinner-plan.confirm', 'blood-thinner-plan.reconfirm']);
    expect(audits[1].details).toMatchObject({
      proposed: { stopBeforeHours: 120 },
      confirmed: { stopBeforeHours: 144 },
      editedFromProposal: true,
      previous: { stopBeforeHours: 120, confirmedById: doctor.id },
    });
    // The free-text note stays out of the audit trail.
    expect(JSON.stringify(audits.map((a) => a.details))).not.toContain('Bridging');

    const apixabanPlan = await prisma.bloodThinnerPlan.findUniqueOrThrow({
      where: { procedureRequestId_medicineId: { procedureRequestId: request.id, medicineId: apixaban.id } },
    });
    expect(apixabanPlan).toMatchObject({ stopBeforeHours: 120, proposed: expect.objectContaining({ stopBeforeHours: 120, variant: '' }) });
  });

  it('two doctors confirming at once both succeed: one plan, the second recorded as a re-confirmation', async () => {
    const { request, apixabanId } = await apixabanEpidural();
    const [a, b] = [await staffWithPassword('DOCTOR'), await staffWithPassword('DOCTOR')];
    const decide = (stop: number) => [{ medicineId: apixabanId, variant: '', action: 'STOP' as const, stopBeforeHours: stop, restartAfterHours: 24, inrCheck: false, note: null }];
    await Promise.all([
      confirmBloodThinnerPlans(request.id, decide(120), { id: a.id, role: 'DOCTOR' }, null, NOW),
      confirmBloodThinnerPlans(request.id, decide(144), { id: b.id, role: 'DOCTOR' }, null, NOW),
    ]);
    const prisma = await getPrisma();
    const plans = await prisma.bloodThinnerPlan.findMany({ where: { procedureRequestId: request.id } });
    expect(plans).toHaveLength(1);
    const audits = await prisma.auditEvent.findMany({ where: { entityId: plans[0].id }, orderBy: { id: 'asc' } });
    expect(audits.map((x) => x.action)).toEqual(['blood-thinner-plan.confirm', 'blood-thinner-plan.reconfirm']);
    expect(plans[0].confirmedById).toBe(audits[1].actorId);
  });

  it('refuses a clerk (403) and changes nothing; a clerk may read the plan', async () => {
    const { request, apixabanId } = await apixabanEpidural();
    const { cookie } = await signedIn('CLERK');
    const path = `/procedure-requests/${request.id}/plan`;
    const response = await respond(() =>
      planAction(routeArgs(formRequest(path, { intent: 'confirm', 'plans[0].medicineId': apixabanId, 'plans[0].variant': 'CrCl > 30 ml/min', 'plans[0].action': 'CONTINUE' }, cookie), { requestId: request.id }) as never),
    );
    expect(response.status).toBe(403);
    const prisma = await getPrisma();
    expect(await prisma.bloodThinnerPlan.count({ where: { procedureRequestId: request.id } })).toBe(0);
    await expect(
      confirmBloodThinnerPlans(request.id, [{ medicineId: apixabanId, variant: 'CrCl > 30 ml/min', action: 'CONTINUE', stopBeforeHours: null, restartAfterHours: null, inrCheck: false, note: null }], { id: 'x', role: 'CLERK' }, null, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const view = await respond(() => planLoader(routeArgs(getRequest(path, cookie), { requestId: request.id }) as never));
    expect(view.status).toBe(200);
    const body = await view.json();
    expect(body.canConfirm).toBe(false);
    expect(body.items[0]).toMatchObject({ genericName: 'apixaban', plan: null, variants: [] });
  });

  it('shows the doctor the proposal for the chosen variant and the bleeding risk of the procedure', async () => {
    const { request } = await apixabanEpidural(['dabigatran']);
    const prisma = await getPrisma();
    const dabigatran = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'dabigatran' } });
    const { cookie } = await signedIn('DOCTOR');
    const response = await respond(() =>
      planLoader(routeArgs(getRequest(`/procedure-requests/${request.id}/plan?v-${dabigatran.id}=${encodeURIComponent('CrCl 30-49 ml/min')}`, cookie), { requestId: request.id }) as never),
    );
    const body = await response.json();
    expect(body.bleedingRisk).toBe('INTERMEDIATE');
    expect(body.canConfirm).toBe(true);
    expect(body.items).toHaveLength(2);
    expect(body.items[0].proposal).toMatchObject({ action: 'STOP', stopBeforeHours: 120, variant: '' });
    // Dabigatran with impaired kidney function: 6 days.
    expect(body.items[1].proposal).toMatchObject({ action: 'STOP', stopBeforeHours: 144, variant: 'CrCl 30-49 ml/min' });
  });

  it('refuses bad input with field messages and saves nothing: no variant chosen, STOP without hours, a medicine not taken', async () => {
    const { request, apixabanId } = await apixabanEpidural(['dabigatran']);
    const dabigatranId = (await (await getPrisma()).medicine.findUniqueOrThrow({ where: { genericName: 'dabigatran' } })).id;
    const { cookie } = await signedIn('DOCTOR');
    const path = `/procedure-requests/${request.id}/plan`;
    const post = (fields: Record<string, string>) =>
      respond(() => planAction(routeArgs(formRequest(path, { intent: 'confirm', ...fields }, cookie), { requestId: request.id }) as never));

    const noVariant = await post({ 'plans[0].medicineId': dabigatranId, 'plans[0].action': 'STOP', 'plans[0].stopBeforeHours': '120', 'plans[0].restartAfterHours': '24' });
    expect(noVariant.status).toBe(400);
    expect((await noVariant.json()).error['plans[0].variant'][0]).toContain('Choose which applies');

    const noHours = await post({ 'plans[0].medicineId': apixabanId, 'plans[0].variant': '', 'plans[0].action': 'STOP', 'plans[0].restartAfterHours': '24' });
    expect(noHours.status).toBe(400);
    expect((await noHours.json()).error['plans[0].stopBeforeHours']).toEqual(['Enter how many hours before the procedure to stop']);

    const prisma = await getPrisma();
    const paracetamol = await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'paracetamol' } });
    const notThinner = await post({ 'plans[0].medicineId': paracetamol.id, 'plans[0].action': 'CONTINUE' });
    expect(notThinner.status).toBe(400);

    expect(await prisma.bloodThinnerPlan.count({ where: { procedureRequestId: request.id } })).toBe(0);
  });
});
