// DESIGN rule 10 on a real database: a blood-thinner plan that protects the patient less than the rule table
// needs a reason and a second, different doctor before a leaflet carries it; a STOP needs a restart; diabetes
// medicines around a fast get only a clinician's recorded words; and a booked case with a missing plan has an
// AGREE_MEDICINE_PLAN task that closes when the plans are all recorded.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { recordPatientMedicine } from '~/clinical/record-patient-medicine.server';
import { stopPatientMedicine } from '~/clinical/stop-patient-medicine.server';
import { readLeafletBooking } from '~/leaflets/leaflet-booking.server';
import { seedBloodThinnerRules } from '~/medicines/blood-thinner-rule-repo.server';
import { confirmBloodThinnerPlans, secondConfirmBloodThinnerPlan, type PlanDecision } from '~/medicines/confirm-blood-thinner-plans.server';
import { recordDiabetesMedicinePlans } from '~/medicines/diabetes-medicine-plans.server';
import { medicinePlanTaskKey } from '~/medicines/medicine-plan-tasks.server';
import { action as planAction, loader as planLoader } from '~/routes/procedure-requests.$requestId.plan';
import { bookProcedure } from '~/scheduling/procedures/book-procedure.server';
import { createPatient, createPatientMedicine, createProcedureList, createProcedureRequest, createStaff } from '../factories';
import { newKey } from './consultations-fixtures';
import { formRequest, getRequest, respond, routeArgs, signInCookie, staffWithPassword } from './helpers';
import { maidstone } from './leaflets-fixtures';

const NOW = new Date('2027-03-10T10:00:00.000Z');
const IP = '192.0.2.77';

beforeAll(async () => {
  await seedBloodThinnerRules(await getPrisma());
});

/** A patient taking these medicines, booked (through the booking use case) for an interlaminar epidural on 1 April 2027. */
async function booked(medicines: string[], options: { sedation?: boolean; diabetes?: 'ON_MEDICATION' | 'NONE' } = {}) {
  const prisma = await getPrisma();
  const site = await maidstone();
  const clerk = await createStaff(prisma, { role: 'CLERK' });
  const patient = await createPatient(prisma, { diabetes: options.diabetes ?? 'NONE' });
  for (const name of medicines) await createPatientMedicine(prisma, { patientId: patient.id, genericName: name });
  const list = await createProcedureList(prisma, { siteId: site.id, date: '2027-04-01', modality: 'XRAY' });
  const request = await createProcedureRequest(prisma, {
    patientId: patient.id,
    procedureCode: 'INTERLAMINAR_EPIDURAL',
    guidance: 'XRAY',
    minutes: 30,
    sedation: options.sedation ?? false,
  });
  const { appointmentId } = await bookProcedure({ requestId: request.id, listId: list.id, idempotencyKey: newKey() }, { id: clerk.id, role: 'CLERK' }, IP, NOW);
  const ids: Record<string, string> = {};
  for (const name of medicines) ids[name] = (await prisma.medicine.findUniqueOrThrow({ where: { genericName: name } })).id;
  return { patient, request, appointmentId, ids };
}

async function doctor(name: string) {
  return createStaff(await getPrisma(), { role: 'DOCTOR', name });
}

const as = (user: { id: string }) => ({ id: user.id, role: 'DOCTOR' as const });

function decision(medicineId: string, values: Partial<PlanDecision>): PlanDecision {
  return { medicineId, variant: '', action: 'STOP', stopBeforeHours: 120, restartAfterHours: 24, inrCheck: false, note: null, ...values };
}

describe('a plan that departs from the rule table', () => {
  it('is refused without a reason, with a field message, and nothing is saved: warfarin 24 h, rivaroxaban "continue", no INR check', async () => {
    const { request, ids } = await booked(['warfarin', 'rivaroxaban']);
    const hale = await doctor('Dr Imogen Hale');
    const prisma = await getPrisma();
    for (const plan of [
      decision(ids.warfarin!, { stopBeforeHours: 24, restartAfterHours: 6, inrCheck: true }),
      decision(ids.warfarin!, { stopBeforeHours: 120, restartAfterHours: 6, inrCheck: false }),
      decision(ids.rivaroxaban!, { action: 'CONTINUE', stopBeforeHours: null, restartAfterHours: null }),
    ]) {
      const error = await confirmBloodThinnerPlans(request.id, [plan], as(hale), IP, NOW).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(Object.values((error as { fields: Record<string, string[]> }).fields)[0]![0]).toMatch(/reason/);
    }
    expect(await prisma.bloodThinnerPlan.count({ where: { procedureRequestId: request.id } })).toBe(0);

    // Through the form: the message is on the reason field.
    const user = await staffWithPassword('DOCTOR');
    const cookie = await signInCookie(user.email, user.password);
    const path = `/procedure-requests/${request.id}/plan`;
    const response = await respond(() =>
      planAction(
        routeArgs(
          formRequest(path, { intent: 'confirm', 'plans[0].medicineId': ids.warfarin!, 'plans[0].action': 'STOP', 'plans[0].stopBeforeHours': '24', 'plans[0].restartAfterHours': '6', 'plans[0].inrCheck': 'on' }, cookie),
          { requestId: request.id },
        ) as never,
      ),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error['plans[0].deviationReason'][0]).toContain('Stops 1 day before; the table says 5 days');
  });

  it('refuses a STOP without a restart time', async () => {
    const { request, ids } = await booked(['apixaban']);
    const hale = await doctor('Dr Imogen Hale');
    const error = await confirmBloodThinnerPlans(request.id, [decision(ids.apixaban!, { restartAfterHours: null })], as(hale), IP, NOW).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'plans[0].restartAfterHours': ['Enter how many hours after the procedure to restart'] } });
  });

  it('with a reason is saved as a deviation that does not reach the leaflet until a different doctor confirms it; re-editing clears that', async () => {
    const { request, appointmentId, ids } = await booked(['apixaban']);
    const hale = await doctor('Dr Imogen Hale');
    const okafor = await doctor('Dr Chidi Okafor');
    const prisma = await getPrisma();
    const short = decision(ids.apixaban!, { stopBeforeHours: 72, deviationReason: 'High stroke risk; haematology advised 3 days' });
    await confirmBloodThinnerPlans(request.id, [short], as(hale), IP, NOW);

    const plan = await prisma.bloodThinnerPlan.findFirstOrThrow({ where: { procedureRequestId: request.id } });
    expect(plan).toMatchObject({ deviatesFromRule: true, deviationReason: 'High stroke risk; haematology advised 3 days', secondConfirmedAt: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'blood-thinner-plan.confirm', entityId: plan.id } });
    expect(audit.details).toMatchObject({ deviatesFromRule: true });
    expect(JSON.stringify(audit.details)).not.toContain('haematology');

    // Not yet a plan the leaflet may carry.
    let leaflet = await readLeafletBooking(prisma, appointmentId);
    expect(leaflet.input.bloodThinnerPlan).toEqual([]);
    expect(leaflet.unconfirmedBloodThinners).toEqual(['apixaban']);

    // The doctor who confirmed it cannot be the second.
    const same = await secondConfirmBloodThinnerPlan(request.id, ids.apixaban!, as(hale), IP, NOW).catch((e: unknown) => e);
    expect(same).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('different doctor') });
    expect((await prisma.bloodThinnerPlan.findUniqueOrThrow({ where: { id: plan.id } })).secondConfirmedAt).toBeNull();

    await secondConfirmBloodThinnerPlan(request.id, ids.apixaban!, as(okafor), IP, NOW);
    expect(await prisma.auditEvent.count({ where: { action: 'blood-thinner-plan.second-confirm', entityId: plan.id, actorId: okafor.id } })).toBe(1);
    leaflet = await readLeafletBooking(prisma, appointmentId);
    expect(leaflet.input.bloodThinnerPlan).toEqual([
      expect.objectContaining({ medicine: 'apixaban', stopBeforeHours: 72, confirmedBy: 'Dr Imogen Hale', deviatesFromRule: true, secondConfirmedBy: 'Dr Chidi Okafor' }),
    ]);
    expect(leaflet.unconfirmedBloodThinners).toEqual([]);

    // Re-confirming the same instruction keeps the second confirmation; changing it clears it.
    await confirmBloodThinnerPlans(request.id, [short], as(hale), IP, NOW);
    expect((await prisma.bloodThinnerPlan.findUniqueOrThrow({ where: { id: plan.id } })).secondConfirmedById).toBe(okafor.id);
    // The second doctor re-confirming it themselves would hold both confirmations: cleared.
    await confirmBloodThinnerPlans(request.id, [short], as(okafor), IP, NOW);
    expect((await prisma.bloodThinnerPlan.findUniqueOrThrow({ where: { id: plan.id } })).secondConfirmedAt).toBeNull();
    await secondConfirmBloodThinnerPlan(request.id, ids.apixaban!, as(hale), IP, NOW);
    expect((await prisma.bloodThinnerPlan.findUniqueOrThrow({ where: { id: plan.id } })).secondConfirmedById).toBe(hale.id);
    await confirmBloodThinnerPlans(request.id, [{ ...short, stopBeforeHours: 96 }], as(hale), IP, NOW);
    expect((await prisma.bloodThinnerPlan.findUniqueOrThrow({ where: { id: plan.id } })).secondConfirmedAt).toBeNull();
    expect((await readLeafletBooking(prisma, appointmentId)).input.bloodThinnerPlan).toEqual([]);

    // Back to the table's proposal: no deviation, counts at once.
    await confirmBloodThinnerPlans(request.id, [decision(ids.apixaban!, {})], as(hale), IP, NOW);
    expect(await prisma.bloodThinnerPlan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ deviatesFromRule: false, deviationReason: null });
    expect((await readLeafletBooking(prisma, appointmentId)).input.bloodThinnerPlan).toHaveLength(1);
  });

  it('cannot hide a deviation by posting a variant the rules do not have', async () => {
    const { request, ids } = await booked(['apixaban']);
    const hale = await doctor('Dr Imogen Hale');
    const error = await confirmBloodThinnerPlans(request.id, [decision(ids.apixaban!, { variant: 'made up', stopBeforeHours: 24 })], as(hale), IP, NOW).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the AGREE_MEDICINE_PLAN task', () => {
  it('opens at booking for an unplanned blood thinner and a diabetes medicine around a fast, and closes when both are planned', async () => {
    const { request, appointmentId, ids } = await booked(['apixaban', 'insulin', 'paracetamol'], { sedation: true, diabetes: 'ON_MEDICATION' });
    const prisma = await getPrisma();
    const task = () => prisma.task.findUniqueOrThrow({ where: { dedupeKey: medicinePlanTaskKey(request.id) } });
    expect(await task()).toMatchObject({
      kind: 'AGREE_MEDICINE_PLAN',
      status: 'OPEN',
      appointmentId,
      title: 'Phone the patient to agree 2 medicine plans before their procedure',
      // A week before Thursday 1 April 2027.
      dueOn: new Date('2027-03-25T00:00:00.000Z'),
    });

    const hale = await doctor('Dr Imogen Hale');
    await confirmBloodThinnerPlans(request.id, [decision(ids.apixaban!, {})], as(hale), IP, NOW);
    expect(await task()).toMatchObject({ status: 'OPEN', title: 'Phone the patient to agree a medicine plan before their procedure' });

    // Until recorded, the leaflet promises a call; the recorded words then replace it.
    expect((await readLeafletBooking(prisma, appointmentId)).unplannedDiabetesMedicines).toEqual(['insulin']);
    await recordDiabetesMedicinePlans(request.id, [{ medicineId: ids.insulin!, instruction: 'Take half your long-acting insulin the evening before.' }], as(hale), IP, NOW);
    expect(await task()).toMatchObject({ status: 'DONE' });
    const leaflet = await readLeafletBooking(prisma, appointmentId);
    expect(leaflet.unplannedDiabetesMedicines).toEqual([]);
    expect(leaflet.input.diabetesPlan).toEqual([{ medicine: 'insulin', instruction: 'Take half your long-acting insulin the evening before.', confirmedBy: 'Dr Imogen Hale' }]);

    // Replacing it is audited with the previous words.
    await recordDiabetesMedicinePlans(request.id, [{ medicineId: ids.insulin!, instruction: 'Do not take your morning insulin on the day.' }], as(hale), IP, NOW);
    const replaced = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'diabetes-medicine-plan.replace' } , orderBy: { id: 'desc' } });
    expect(replaced.details).toMatchObject({ instruction: 'Do not take your morning insulin on the day.', previous: { instruction: 'Take half your long-acting insulin the evening before.', confirmedById: hale.id } });
  });

  it('a deviating blood-thinner plan keeps the task open until the second confirmation', async () => {
    const { request, ids } = await booked(['warfarin']);
    const prisma = await getPrisma();
    const task = () => prisma.task.findUniqueOrThrow({ where: { dedupeKey: medicinePlanTaskKey(request.id) } });
    const [hale, okafor] = [await doctor('Dr Imogen Hale'), await doctor('Dr Chidi Okafor')];
    await confirmBloodThinnerPlans(request.id, [decision(ids.warfarin!, { stopBeforeHours: 96, restartAfterHours: 6, inrCheck: true, deviationReason: 'Valve: cardiology advice' })], as(hale), IP, NOW);
    expect((await task()).status).toBe('OPEN');
    await secondConfirmBloodThinnerPlan(request.id, ids.warfarin!, as(okafor), IP, NOW);
    expect((await task()).status).toBe('DONE');
  });

  it('is not opened when nothing needs a plan: no fast for a diabetes medicine, no blood thinner', async () => {
    const { request } = await booked(['insulin', 'paracetamol'], { sedation: false, diabetes: 'ON_MEDICATION' });
    const prisma = await getPrisma();
    expect(await prisma.task.findUnique({ where: { dedupeKey: medicinePlanTaskKey(request.id) } })).toBeNull();
  });

  it('refuses a diabetes instruction from a clerk, an empty one, and one for a medicine the patient does not take', async () => {
    const { request, ids } = await booked(['gliclazide', 'paracetamol'], { sedation: true, diabetes: 'ON_MEDICATION' });
    const hale = await doctor('Dr Imogen Hale');
    const prisma = await getPrisma();
    const paracetamol = (await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'paracetamol' } })).id;
    await expect(recordDiabetesMedicinePlans(request.id, [{ medicineId: ids.gliclazide!, instruction: 'Skip it on the morning.' }], { id: 'x', role: 'CLERK' }, IP, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordDiabetesMedicinePlans(request.id, [{ medicineId: ids.gliclazide!, instruction: ' ' }], as(hale), IP, NOW)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'diabetes[0].instruction': [expect.stringContaining('Enter what the patient should do')] },
    });
    await expect(recordDiabetesMedicinePlans(request.id, [{ medicineId: paracetamol, instruction: 'Take it as you normally would.' }], as(hale), IP, NOW)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await prisma.diabetesMedicinePlan.count({ where: { procedureRequestId: request.id } })).toBe(0);
  });
});

describe('the plan page forms (no JavaScript needed)', () => {
  it('second confirmation: refused for the confirming doctor with a clear message, accepted from another', async () => {
    const { request, ids } = await booked(['apixaban']);
    const first = await staffWithPassword('DOCTOR');
    const second = await staffWithPassword('DOCTOR');
    const [firstCookie, secondCookie] = [await signInCookie(first.email, first.password), await signInCookie(second.email, second.password)];
    const path = `/procedure-requests/${request.id}/plan`;
    const post = (fields: Record<string, string>, cookie: string) =>
      respond(() => planAction(routeArgs(formRequest(path, fields, cookie), { requestId: request.id }) as never));
    const confirmed = await post(
      {
        intent: 'confirm',
        'plans[0].medicineId': ids.apixaban!,
        'plans[0].action': 'STOP',
        'plans[0].stopBeforeHours': '72',
        'plans[0].restartAfterHours': '24',
        'plans[0].deviationReason': 'Recent stroke: haematology advised the shorter stop',
      },
      firstCookie,
    );
    expect(confirmed.status).toBe(302);
    const page = await respond(() => planLoader(routeArgs(getRequest(path, firstCookie), { requestId: request.id }) as never));
    expect((await page.json()).items[0].plan).toMatchObject({ deviatesFromRule: true, counts: false, secondConfirmedAt: null });

    const own = await post({ intent: 'second-confirm', medicineId: ids.apixaban! }, firstCookie);
    expect(own.status).toBe(400);
    expect((await own.json()).formError).toBe('You confirmed this plan: a different doctor must give the second confirmation.');
    const other = await post({ intent: 'second-confirm', medicineId: ids.apixaban! }, secondCookie);
    expect(other.status).toBe(302);
    expect(other.headers.get('Location')).toContain('seconded=1');
    const after = await respond(() => planLoader(routeArgs(getRequest(path, firstCookie), { requestId: request.id }) as never));
    expect((await after.json()).items[0].plan).toMatchObject({ counts: true, secondConfirmedByName: expect.stringMatching(/^Test DOCTOR/) });
  });

  it('records diabetes instructions from the form; a too-short one gets a field message and saves nothing', async () => {
    const { request, ids } = await booked(['insulin', 'dapagliflozin'], { sedation: true, diabetes: 'ON_MEDICATION' });
    const user = await staffWithPassword('DOCTOR');
    const cookie = await signInCookie(user.email, user.password);
    const path = `/procedure-requests/${request.id}/plan`;
    const post = (fields: Record<string, string>) => respond(() => planAction(routeArgs(formRequest(path, fields, cookie), { requestId: request.id }) as never));
    const page = await respond(() => planLoader(routeArgs(getRequest(path, cookie), { requestId: request.id }) as never));
    const body = await page.json();
    expect(body.diabetes).toMatchObject({ fast: true });
    expect(body.diabetes.items.map((i: { genericName: string; needsPlan: boolean }) => [i.genericName, i.needsPlan])).toEqual([
      ['insulin', true],
      ['dapagliflozin', true],
    ]);

    const bad = await post({ intent: 'diabetes-plan', 'diabetes[0].medicineId': ids.insulin!, 'diabetes[0].instruction': 'Skip', 'diabetes[1].medicineId': ids.dapagliflozin! });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error['diabetes[0].instruction']).toEqual(['Enter what the patient should do with this medicine before and on the day']);
    const none = await post({ intent: 'diabetes-plan', 'diabetes[0].medicineId': ids.insulin! });
    expect(none.status).toBe(400);
    const prisma = await getPrisma();
    expect(await prisma.diabetesMedicinePlan.count({ where: { procedureRequestId: request.id } })).toBe(0);

    const ok = await post({
      intent: 'diabetes-plan',
      'diabetes[0].medicineId': ids.insulin!,
      'diabetes[0].instruction': 'Take your usual long-acting insulin the evening before; no insulin on the morning.',
      'diabetes[1].medicineId': ids.dapagliflozin!,
      'diabetes[1].instruction': 'Do not take it the day before or on the day of your procedure.',
    });
    expect(ok.status).toBe(302);
    expect(await prisma.diabetesMedicinePlan.count({ where: { procedureRequestId: request.id, confirmedById: user.id } })).toBe(2);
    expect((await prisma.task.findUniqueOrThrow({ where: { dedupeKey: medicinePlanTaskKey(request.id) } })).status).toBe('DONE');
  });
});

describe('a medicine recorded after booking', () => {
  it('opens the task for a new blood thinner on a booked case, and closes it when the medicine is stopped', async () => {
    const { request, patient } = await booked(['paracetamol']);
    const prisma = await getPrisma();
    const key = medicinePlanTaskKey(request.id);
    expect(await prisma.task.findUnique({ where: { dedupeKey: key } })).toBeNull();
    const hale = await doctor('Dr Imogen Hale');
    const { id } = await recordPatientMedicine(patient.id, { name: 'Clopidogrel', dose: '75 mg' }, as(hale), IP, NOW);
    expect(await prisma.task.findUniqueOrThrow({ where: { dedupeKey: key } })).toMatchObject({ status: 'OPEN', kind: 'AGREE_MEDICINE_PLAN' });
    await stopPatientMedicine(patient.id, id, as(hale), IP, NOW);
    expect((await prisma.task.findUniqueOrThrow({ where: { dedupeKey: key } })).status).toBe('DONE');
  });
});

describe('the bleeding risk plans are checked against', () => {
  it('comes from the recorded levels: warfarin before a cervical medial branch block must stop 5 days; before a lumbar one it is a shared decision', async () => {
    const prisma = await getPrisma();
    const hale = await doctor('Dr Imogen Hale');
    const request = async (levels: string) => {
      const patient = await createPatient(prisma);
      await createPatientMedicine(prisma, { patientId: patient.id, genericName: 'warfarin' });
      return createProcedureRequest(prisma, { patientId: patient.id, procedureCode: 'MEDIAL_BRANCH_BLOCK', levels });
    };
    const warfarin = (await prisma.medicine.findUniqueOrThrow({ where: { genericName: 'warfarin' } })).id;
    const short = decision(warfarin, { stopBeforeHours: 48, restartAfterHours: 6, inrCheck: true });

    const cervical = await request('C5/6');
    await expect(confirmBloodThinnerPlans(cervical.id, [short], as(hale), IP, NOW)).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const lumbar = await request('L4/5');
    await confirmBloodThinnerPlans(lumbar.id, [short], as(hale), IP, NOW);
    const plan = await prisma.bloodThinnerPlan.findFirstOrThrow({ where: { procedureRequestId: lumbar.id } });
    expect(plan).toMatchObject({ deviatesFromRule: false, proposed: expect.objectContaining({ bleedingRisk: 'LOW', action: 'SHARED_DECISION' }) });
  });
});
