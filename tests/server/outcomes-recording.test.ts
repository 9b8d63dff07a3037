// Recording and editing a consultation's structured outcome through the real route: each outcome kind and its
// side effect, one transaction with the consultation completed and the referral moved on, versions kept,
// stale and double-submitted forms, and who may do it.
import { describe, expect, it } from 'vitest';
import { getPrisma } from '~/db.server';
import { action, loader } from '~/routes/consultations.$appointmentId_.outcome';
import { loader as consultationsLoader } from '~/routes/consultations._index';
import {
  createClinicWithSlots,
  createConsultation,
  createPatientMedicine,
  createProcedureBooking,
  createProcedureList,
  createProcedureType,
} from '../factories';
import { answeredConsultation, load, newKey, post, signedIn, useFixedClock } from './consultations-fixtures';

useFixedClock('2027-03-22T10:00:00.000Z'); // Monday 22 March 2027, 10:00 GMT

const EPIDURAL = {
  kinds: 'LIST_FOR_PROCEDURE',
  procedureCode: 'INTERLAMINAR_EPIDURAL',
  side: 'LEFT',
  levels: 'L4/5',
  guidance: 'XRAY',
  sedation: 'no',
  priority: 'SOON',
  procedureNotes: 'Left L5 radicular pain',
  escortArranged: 'on',
};

const submit = (cookie: string, appointmentId: string, fields: Record<string, string | string[]>, expectedVersion = 0, idempotencyKey = newKey()) =>
  post(action, `/consultations/${appointmentId}/outcome`, { intent: 'outcome', idempotencyKey, expectedVersion: String(expectedVersion), ...fields }, cookie, { appointmentId });

describe('recording an outcome', () => {
  it('list for procedure: a waiting procedure request with the type’s minutes, listed today, from the outcome item; consultation completed; referral under care; audited', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const type = await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment, referral } = await answeredConsultation(staff.id);

    const reply = await submit(cookie, appointment.id, EPIDURAL);

    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/consultations/${appointment.id}/outcome?saved=1`);
    const record = await prisma.outcomeRecord.findFirstOrThrow({ where: { appointmentId: appointment.id }, include: { items: { include: { procedureRequest: true } } } });
    expect(record).toMatchObject({ version: 1, recordedById: staff.id });
    expect(record.recordedAt.toISOString()).toBe('2027-03-22T10:00:00.000Z');
    expect(record.items).toHaveLength(1);
    const request = record.items[0].procedureRequest!;
    expect(request).toMatchObject({
      status: 'WAITING',
      patientId: appointment.patientId,
      referralId: referral.id,
      procedureTypeId: type.id,
      side: 'LEFT',
      levels: 'L4/5',
      guidance: 'XRAY',
      sedation: false,
      priority: 'SOON',
      clinicalNotes: 'Left L5 radicular pain',
      escortArranged: true,
      possiblePregnancy: false,
      recentInfection: false,
      minutes: type.defaultMinutes,
      listedById: staff.id,
    });
    expect(request.listedOn.toISOString().slice(0, 10)).toBe('2027-03-22');
    expect(await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).toMatchObject({ status: 'COMPLETED' });
    expect(await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).toMatchObject({ status: 'UNDER_CARE', clockStoppedOn: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'outcome.record', entityId: record.id } });
    expect(audit).toMatchObject({ actorId: staff.id, patientId: appointment.patientId, ipAddress: '192.0.2.10' });
    expect(audit.details).toMatchObject({ appointmentId: appointment.id, version: 1, kinds: ['LIST_FOR_PROCEDURE'], procedureRequestId: request.id });
  });

  it('list for procedure for a patient on a blood thinner goes on to the blood-thinner plan page', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment } = await answeredConsultation(staff.id);
    await createPatientMedicine(prisma, { patientId: appointment.patientId, genericName: 'apixaban' });

    const reply = await submit(cookie, appointment.id, EPIDURAL);

    const request = await prisma.procedureRequest.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    expect(reply.status).toBe(302);
    expect(reply.location).toBe(`/procedure-requests/${request.id}/plan`);
    // The plan page (built alongside) opens for the new request.
    const { loader: planLoader } = await import('~/routes/procedure-requests.$requestId.plan');
    expect((await load(planLoader, reply.location!, cookie, { requestId: request.id })).status).toBe(200);
  });

  it('refuses guidance the procedure does not allow, and a missing side, with field messages, changing nothing', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment } = await answeredConsultation(staff.id);

    const reply = await submit(cookie, appointment.id, { ...EPIDURAL, guidance: 'ULTRASOUND', side: '' });

    expect(reply.status).toBe(400);
    const error = reply.body!.error as Record<string, string[]>;
    expect(error.guidance[0]).toContain('cannot be done with this guidance');
    expect(error.side[0]).toBe('Choose the side');
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(0);
    expect(await prisma.procedureRequest.count({ where: { patientId: appointment.patientId } })).toBe(0);
    expect((await prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe('BOOKED');
  });

  it('conservative management, psychology, pain management programme, investigations and surgical referral are stored with their details', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await answeredConsultation(staff.id);

    const reply = await submit(cookie, appointment.id, {
      kinds: ['CONSERVATIVE_MANAGEMENT', 'PSYCHOLOGY', 'PAIN_MANAGEMENT_PROGRAMME', 'INVESTIGATIONS', 'SURGICAL_REFERRAL'],
      conservative: ['PHYSIOTHERAPY', 'PACING'],
      investigations: ['MRI', 'NERVE_CONDUCTION_STUDIES'],
    });

    expect(reply.status).toBe(302);
    const items = await prisma.outcomeItem.findMany({ where: { record: { appointmentId: appointment.id } }, orderBy: { id: 'asc' } });
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i.details]));
    expect(byKind).toEqual({
      CONSERVATIVE_MANAGEMENT: { options: ['PHYSIOTHERAPY', 'PACING'] },
      PSYCHOLOGY: {},
      PAIN_MANAGEMENT_PROGRAMME: {},
      INVESTIGATIONS: { options: ['MRI', 'NERVE_CONDUCTION_STUDIES'] },
      SURGICAL_REFERRAL: {},
    });
    expect(await prisma.procedureRequest.count({ where: { patientId: appointment.patientId } })).toBe(0);
  });

  it('conservative management and investigations need at least one option', async () => {
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await answeredConsultation(staff.id);
    const reply = await submit(cookie, appointment.id, { kinds: ['CONSERVATIVE_MANAGEMENT', 'INVESTIGATIONS'] });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body!.error as object).sort()).toEqual(['conservative', 'investigations']);
  });

  it('follow-up in N weeks opens a rebooking task due N weeks from today', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await answeredConsultation(staff.id);

    expect((await submit(cookie, appointment.id, { kinds: 'FOLLOW_UP', followUpWeeks: '6' })).status).toBe(302);

    const task = await prisma.task.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    expect(task).toMatchObject({ kind: 'REBOOK_CONSULTATION', status: 'OPEN' });
    expect(task.dueOn!.toISOString().slice(0, 10)).toBe('2027-05-03');
    expect((await submit(cookie, appointment.id, { kinds: 'FOLLOW_UP', followUpWeeks: '0' }, 1)).status).toBe(400);
  });

  it('the clerk sees the follow-up to book, due by its date, until a later consultation is booked', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const clerk = await signedIn('CLERK');
    const { appointment, referral } = await answeredConsultation(staff.id);
    await submit(cookie, appointment.id, { kinds: 'FOLLOW_UP', followUpWeeks: '4' });

    type Page = { followUps: { referralId: string; dueOn: string }[] };
    let page = await load<Page>(consultationsLoader, '/consultations', clerk.cookie);
    expect(page.data.followUps.filter((f) => f.referralId === referral.id)).toEqual([expect.objectContaining({ dueOn: '19 April 2027' })]);

    const clinic = await createClinicWithSlots(prisma, { date: '2027-04-19' });
    await createConsultation(prisma, { slotId: clinic.slots[0].id, referralId: referral.id });
    page = await load<Page>(consultationsLoader, '/consultations', clerk.cookie);
    expect(page.data.followUps.some((f) => f.referralId === referral.id)).toBe(false);
  });

  it('discharge to GP closes the referral and stops the RTT clock', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment, referral } = await answeredConsultation(staff.id);

    expect((await submit(cookie, appointment.id, { kinds: 'DISCHARGE_TO_GP', dischargeNote: 'Managing well' })).status).toBe(302);

    const after = await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } });
    expect(after).toMatchObject({ status: 'DISCHARGED', dischargeNote: 'Managing well' });
    expect(after.clockStoppedOn!.toISOString().slice(0, 10)).toBe('2027-03-22');
    expect(after.dischargedAt!.toISOString()).toBe('2027-03-22T10:00:00.000Z');
  });

  it('is impossible before an answered call (409), and on a DNA consultation', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const clinic = await createClinicWithSlots(prisma, { clinicianId: staff.id, date: '2027-03-22' });
    const appointment = await createConsultation(prisma, { slotId: clinic.slots[0].id });
    await prisma.callAttempt.create({ data: { appointmentId: appointment.id, result: 'NO_ANSWER', at: new Date('2027-03-22T09:01:00Z'), byId: staff.id } });

    const reply = await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' });
    expect(reply.status).toBe(409);
    expect(reply.body!.formError).toContain('Log the answered call first');
    const page = await load<{ canRecord: boolean; whyNot: string }>(loader, `/consultations/${appointment.id}/outcome`, cookie, { appointmentId: appointment.id });
    expect(page.data.canRecord).toBe(false);
    expect(page.data.whyNot).toContain('Log the answered call');

    await prisma.appointment.update({ where: { id: appointment.id }, data: { status: 'DNA' } });
    await prisma.callAttempt.create({ data: { appointmentId: appointment.id, result: 'ANSWERED', at: new Date('2027-03-22T09:30:00Z'), byId: staff.id } });
    expect((await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' })).status).toBe(409);
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });

  it('a double-submitted form records once and both submissions end on the saved outcome', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment } = await answeredConsultation(staff.id);
    const key = newKey();

    const [a, b] = await Promise.all([submit(cookie, appointment.id, EPIDURAL, 0, key), submit(cookie, appointment.id, EPIDURAL, 0, key)]);

    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.location).toBe(b.location);
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(1);
    expect(await prisma.procedureRequest.count({ where: { patientId: appointment.patientId } })).toBe(1);
  });

  it('only doctors record outcomes: clerks and admins get 403; clerks may read the outcome', async () => {
    const prisma = await getPrisma();
    const doctor = await signedIn('DOCTOR');
    const { appointment } = await answeredConsultation(doctor.staff.id);
    expect((await submit(doctor.cookie, appointment.id, { kinds: 'PSYCHOLOGY' })).status).toBe(302);
    for (const role of ['CLERK', 'ADMIN'] as const) {
      const { cookie } = await signedIn(role);
      expect((await submit(cookie, appointment.id, { kinds: 'SURGICAL_REFERRAL' }, 1)).status).toBe(403);
    }
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(1);
    const clerk = await signedIn('CLERK');
    const page = await load<{ canRecord: boolean; versions: { items: { text: string }[] }[] }>(loader, `/consultations/${appointment.id}/outcome`, clerk.cookie, {
      appointmentId: appointment.id,
    });
    expect(page.status).toBe(200);
    expect(page.data.canRecord).toBe(false);
    expect(page.data.versions[0].items.map((i) => i.text)).toEqual(['Psychology']);
    expect((await load(loader, `/consultations/${appointment.id}/outcome`, (await signedIn('ADMIN')).cookie, { appointmentId: appointment.id })).status).toBe(403);
  });
});

describe('editing an outcome', () => {
  it('adds version 2 and keeps version 1 with who recorded each and when; audited as an edit', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const other = await signedIn('DOCTOR');
    const { appointment } = await answeredConsultation(staff.id);
    await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' });

    // Another doctor edits only as covering this clinic (ADR 0019).
    const edit = await submit(other.cookie, appointment.id, { kinds: ['PSYCHOLOGY', 'INVESTIGATIONS'], investigations: 'MRI', coveringFor: staff.id }, 1);

    expect(edit.status).toBe(302);
    expect(edit.location).toBe(`/consultations/${appointment.id}/outcome?saved=2`);
    const records = await prisma.outcomeRecord.findMany({ where: { appointmentId: appointment.id }, orderBy: { version: 'asc' }, include: { items: true } });
    expect(records.map((r) => [r.version, r.recordedById, r.items.map((i) => i.kind)])).toEqual([
      [1, staff.id, ['PSYCHOLOGY']],
      [2, other.staff.id, ['PSYCHOLOGY', 'INVESTIGATIONS']],
    ]);
    expect(await prisma.auditEvent.count({ where: { action: 'outcome.edit', entityId: records[1].id, actorId: other.staff.id } })).toBe(1);
    const page = await load<{ versions: { version: number; recorded: string }[] }>(loader, `/consultations/${appointment.id}/outcome`, cookie, { appointmentId: appointment.id });
    expect(page.data.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(page.data.versions[1].recorded).toBe(`Monday 22 March 2027, 10am by ${(await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).name}`);
  });

  it('a stale form (opened on an older version) is refused with 409 and changes nothing', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment } = await answeredConsultation(staff.id);
    await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' });
    await submit(cookie, appointment.id, { kinds: 'SURGICAL_REFERRAL' }, 1);

    const stale = await submit(cookie, appointment.id, { kinds: 'PAIN_MANAGEMENT_PROGRAMME' }, 1);

    expect(stale.status).toBe(409);
    expect(stale.body!.formError).toContain('Reload the page');
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(2);
  });

  it('adding list for procedure creates a request; removing it takes the waiting request off the list', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment } = await answeredConsultation(staff.id);
    await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' });

    await submit(cookie, appointment.id, { ...EPIDURAL, kinds: ['PSYCHOLOGY', 'LIST_FOR_PROCEDURE'] }, 1);
    const request = await prisma.procedureRequest.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    expect(request.status).toBe('WAITING');

    // Changing the side keeps the same request (and its place on the waiting list).
    await submit(cookie, appointment.id, { ...EPIDURAL, side: 'RIGHT', kinds: ['PSYCHOLOGY', 'LIST_FOR_PROCEDURE'] }, 2);
    const changed = await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id }, include: { sourceOutcomeItem: { include: { record: true } } } });
    expect(changed).toMatchObject({ side: 'RIGHT', status: 'WAITING' });
    expect(changed.sourceOutcomeItem!.record.version).toBe(3);

    await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' }, 3);
    expect((await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('REMOVED');
    expect(await prisma.procedureRequest.count({ where: { patientId: appointment.patientId } })).toBe(1);
  });

  it('refuses to remove or change a request already booked onto a list (409), changing nothing', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    await createProcedureType(prisma, { code: 'INTERLAMINAR_EPIDURAL' });
    const { appointment } = await answeredConsultation(staff.id);
    await submit(cookie, appointment.id, EPIDURAL);
    const request = await prisma.procedureRequest.findFirstOrThrow({ where: { patientId: appointment.patientId } });
    const list = await createProcedureList(prisma, { date: '2027-04-12' });
    await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id });

    const removal = await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' }, 1);
    expect(removal.status).toBe(409);
    expect(removal.body!.formError).toContain('already booked');
    const change = await submit(cookie, appointment.id, { ...EPIDURAL, side: 'RIGHT' }, 1);
    expect(change.status).toBe(409);
    expect(await prisma.outcomeRecord.count({ where: { appointmentId: appointment.id } })).toBe(1);
    expect(await prisma.procedureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'BOOKED', side: 'LEFT' });
  });

  it('taking a discharge back reopens the referral; removing a follow-up closes its task', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('DOCTOR');
    const { appointment, referral } = await answeredConsultation(staff.id);
    await submit(cookie, appointment.id, { kinds: 'DISCHARGE_TO_GP' });
    await submit(cookie, appointment.id, { kinds: 'FOLLOW_UP', followUpWeeks: '4' }, 1);
    expect(await prisma.referral.findUniqueOrThrow({ where: { id: referral.id } })).toMatchObject({ status: 'UNDER_CARE', clockStoppedOn: null });
    await submit(cookie, appointment.id, { kinds: 'PSYCHOLOGY' }, 2);
    expect((await prisma.task.findFirstOrThrow({ where: { patientId: appointment.patientId } })).status).toBe('DONE');
  });
});
