// The pages and the use cases ask one rule (app/appointments/appointment-rules.ts) whether an appointment, a
// clinic or a list can be moved, cancelled, called or marked DNA (ADR 0022). Here, on a real database and for
// every appointment status and every relation of its time to now, the answer the real use case gives (accepted,
// or the DomainError it throws) equals the rule's, and the flag the read model or page loader shows equals it too:
// a button is shown exactly when the action would accept it.
import { describe, expect, it } from 'vitest';
import {
  canCancelCase,
  canCancelClinic,
  canCancelConsultation,
  canCancelList,
  canLogCall,
  canMarkCaseDna,
  canMoveCase,
  canMoveConsultation,
  canRecordOutcome,
  type RuleAnswer,
} from '~/appointments/appointment-rules';
import { cancelClinic } from '~/consultations/cancel-clinic.server';
import { cancelConsultation } from '~/consultations/cancel-consultation.server';
import { logCallAttempt } from '~/consultations/log-call-attempt.server';
import { moveConsultation } from '~/consultations/move-consultation.server';
import { recordOutcome } from '~/consultations/record-outcome.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { AppointmentStatus, SessionStatus } from '~/generated/prisma/enums';
import { loader as clinicsLoader } from '~/routes/clinics';
import { loader as consultationLoader } from '~/routes/consultations.$appointmentId';
import { loader as outcomeLoader } from '~/routes/consultations.$appointmentId_.outcome';
import { loader as listLoader } from '~/routes/lists.$listId';
import { loader as myClinicLoader } from '~/routes/my-clinic';
import { cancelProcedureBooking } from '~/scheduling/procedures/cancel-procedure-booking.server';
import { cancelProcedureList } from '~/scheduling/procedures/cancel-procedure-list.server';
import { markProcedureDna } from '~/scheduling/procedures/mark-procedure-dna.server';
import { moveProcedureBooking } from '~/scheduling/procedures/move-procedure-booking.server';
import { getProcedureCase } from '~/scheduling/procedures/procedure-repo.server';
import {
  createClinicWithSlots,
  createConsultation,
  createProcedureBooking,
  createProcedureList,
  createProcedureRequest,
  createSite,
  createStaff,
} from '../factories';
import { load, newKey, signedIn, useFixedClock } from './consultations-fixtures';

const NOW_ISO = '2027-03-22T10:00:00.000Z'; // Monday 22 March 2027, 10am GMT
useFixedClock(NOW_ISO);
const now = new Date(NOW_ISO);
const IP = '192.0.2.10';

const STATUSES: AppointmentStatus[] = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'COMPLETED', 'DNA', 'CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL'];
const SESSION_STATUSES: SessionStatus[] = ['ACTIVE', 'CANCELLED'];

/** What the use case did: accepted, or the DomainError it answered with. Anything else fails the test. */
async function answerOf(action: () => Promise<unknown>): Promise<RuleAnswer> {
  try {
    await action();
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { allowed: false, code: error.code, message: error.message };
  }
}

type Row = { what: string; rule: RuleAnswer; useCase: RuleAnswer; shown?: boolean };

/** Every row agrees, and the rows are not all one answer (which would prove nothing). */
function expectAgreement(rows: Row[]) {
  expect(rows.filter((r) => JSON.stringify(r.useCase) !== JSON.stringify(r.rule))).toEqual([]);
  expect(rows.filter((r) => r.shown !== undefined && r.shown !== r.rule.allowed)).toEqual([]);
  expect(rows.some((r) => r.rule.allowed)).toBe(true);
  expect(rows.some((r) => !r.rule.allowed)).toBe(true);
}

const setStatus = async (appointmentId: string, status: AppointmentStatus) => {
  const prisma = await getPrisma();
  const cancelled = status === 'CANCELLED_BY_PATIENT' || status === 'CANCELLED_BY_HOSPITAL';
  return prisma.appointment.update({
    where: { id: appointmentId },
    data: { status, ...(cancelled ? { cancelledAt: new Date('2027-03-20T12:00:00.000Z'), cancellationReason: 'Set up by the test' } : {}) },
  });
};

describe('procedure cases: cancel, move and DNA', () => {
  // The list each case is on: its planned start is the list's start.
  const WHEN = {
    'the day before': { date: '2027-03-21', startTime: '09:00', endTime: '12:30' },
    'earlier today': { date: '2027-03-22', startTime: '08:00', endTime: '09:30' },
    'later today': { date: '2027-03-22', startTime: '13:30', endTime: '17:00' },
    'a later day': { date: '2027-03-24', startTime: '09:00', endTime: '12:30' },
  } as const;

  async function caseWith(status: AppointmentStatus, when: keyof typeof WHEN, siteId: string, operatorId: string) {
    const prisma = await getPrisma();
    const list = await createProcedureList(prisma, { siteId, operatorId, ...WHEN[when] });
    const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });
    const booked = await createProcedureBooking(prisma, { procedureListId: list.id, procedureRequestId: request.id });
    return setStatus(booked.id, status);
  }

  it('the case page offers exactly what the use cases accept, for every status, before and after the start', async () => {
    const prisma = await getPrisma();
    const { staff } = await signedIn('CLERK');
    const clerk = { id: staff.id, role: staff.role };
    const site = await createSite(prisma, { hasInterventionalSuite: true });
    const operator = await createStaff(prisma, { role: 'DOCTOR' });
    const rows: Record<'cancel' | 'move' | 'dna', Row[]> = { cancel: [], move: [], dna: [] };

    for (const status of STATUSES) {
      for (const when of Object.keys(WHEN) as (keyof typeof WHEN)[]) {
        const what = `${status}, ${when}`;
        const page = async (id: string) => getProcedureCase(id, { actor: clerk, ipAddress: IP }, now);

        const toCancel = await caseWith(status, when, site.id, operator.id);
        rows.cancel.push({
          what,
          rule: canCancelCase(toCancel, now),
          shown: (await page(toCancel.id)).canCancel,
          useCase: await answerOf(() =>
            cancelProcedureBooking({ appointmentId: toCancel.id, version: toCancel.version, by: 'PATIENT', reason: 'Unwell' }, clerk, IP, now),
          ),
        });

        const toMove = await caseWith(status, when, site.id, operator.id);
        const target = await createProcedureList(prisma, { siteId: site.id, operatorId: operator.id, date: '2027-03-25' });
        rows.move.push({
          what,
          rule: canMoveCase(toMove, now),
          shown: (await page(toMove.id)).canMove,
          useCase: await answerOf(() => moveProcedureBooking({ appointmentId: toMove.id, version: toMove.version, toListId: target.id }, clerk, IP, now)),
        });

        const toDna = await caseWith(status, when, site.id, operator.id);
        rows.dna.push({
          what,
          rule: canMarkCaseDna(toDna, now),
          shown: (await page(toDna.id)).canMarkDna,
          useCase: await answerOf(() => markProcedureDna({ appointmentId: toDna.id, version: toDna.version }, clerk, IP, now)),
        });
      }
    }
    expectAgreement(rows.cancel);
    expectAgreement(rows.move);
    expectAgreement(rows.dna);
  });
});

describe('telephone consultations: cancel, move, calls (and so DNA) and the outcome', () => {
  const WHEN = {
    'the day before': { date: '2027-03-21', startTime: '09:00', endTime: '09:20' },
    'earlier today, over': { date: '2027-03-22', startTime: '08:00', endTime: '08:20' },
    'under way': { date: '2027-03-22', startTime: '09:50', endTime: '10:10' },
    'later today': { date: '2027-03-22', startTime: '14:00', endTime: '14:20' },
    'a later day': { date: '2027-03-24', startTime: '09:00', endTime: '09:20' },
  } as const;

  it('the consultation page, My clinic and the outcome page offer exactly what the use cases accept', async () => {
    const prisma = await getPrisma();
    const clerkSession = await signedIn('CLERK');
    const doctorSession = await signedIn('DOCTOR');
    const clerk = { id: clerkSession.staff.id, role: clerkSession.staff.role };
    const doctor = { id: doctorSession.staff.id, role: doctorSession.staff.role };
    const site = await createSite(prisma);
    // The free slots consultations are moved to, one each.
    const freeSlots = (await createClinicWithSlots(prisma, { siteId: site.id, clinicianId: doctor.id, date: '2027-03-25', startTime: '09:00', endTime: '17:00', slotMinutes: 10 })).slots;

    async function consultationWith(status: AppointmentStatus, when: keyof typeof WHEN, answered = false) {
      const clinic = await createClinicWithSlots(prisma, { siteId: site.id, clinicianId: doctor.id, slotMinutes: 20, ...WHEN[when] });
      const booked = await createConsultation(prisma, { slotId: clinic.slots[0].id });
      if (answered) await prisma.callAttempt.create({ data: { appointmentId: booked.id, result: 'ANSWERED', at: booked.startsAt, byId: doctor.id } });
      return setStatus(booked.id, status);
    }
    const rows: Record<'cancel' | 'move' | 'call' | 'outcome', Row[]> = { cancel: [], move: [], call: [], outcome: [] };
    const toCall: { what: string; id: string; date: string; rule: RuleAnswer; useCase: () => Promise<RuleAnswer> }[] = [];

    for (const status of STATUSES) {
      for (const when of Object.keys(WHEN) as (keyof typeof WHEN)[]) {
        const what = `${status}, ${when}`;
        const changeable = async (id: string) =>
          (await load<{ changeable: boolean }>(consultationLoader, `/consultations/${id}`, clerkSession.cookie, { appointmentId: id })).data.changeable;

        const toCancel = await consultationWith(status, when);
        rows.cancel.push({
          what,
          rule: canCancelConsultation(toCancel, now),
          shown: await changeable(toCancel.id),
          useCase: await answerOf(() =>
            cancelConsultation({ appointmentId: toCancel.id, version: toCancel.version, cancelledBy: 'PATIENT', reason: 'Unwell' }, clerk, IP, now),
          ),
        });

        const toMove = await consultationWith(status, when);
        const slot = freeSlots.shift()!;
        rows.move.push({
          what,
          rule: canMoveConsultation(toMove, now),
          shown: await changeable(toMove.id),
          useCase: await answerOf(() =>
            moveConsultation(
              { appointmentId: toMove.id, version: toMove.version, slotId: slot.id, idempotencyKey: newKey(), requestedBy: 'PATIENT' },
              clerk,
              IP,
              now,
            ),
          ),
        });

        // Calls are compared once every consultation is on My clinic (below).
        const called = await consultationWith(status, when);
        toCall.push({
          what,
          id: called.id,
          date: WHEN[when].date,
          rule: canLogCall(called, now),
          useCase: () => answerOf(() => logCallAttempt({ appointmentId: called.id, version: called.version, result: 'NO_ANSWER' }, doctor, IP, now)),
        });

        for (const answered of [false, true]) {
          const recorded = await consultationWith(status, when, answered);
          const page = await load<{ canRecord: boolean }>(outcomeLoader, `/consultations/${recorded.id}/outcome`, doctorSession.cookie, {
            appointmentId: recorded.id,
          });
          rows.outcome.push({
            what: `${what}, ${answered ? 'answered' : 'no answered call'}`,
            rule: canRecordOutcome({ status, hasOutcome: false, answeredCall: answered }, now),
            shown: page.data.canRecord,
            useCase: await answerOf(() =>
              recordOutcome(
                { appointmentId: recorded.id, expectedVersion: 0, idempotencyKey: newKey(), summary: null, items: [{ kind: 'PSYCHOLOGY', details: {} }] },
                doctor,
                IP,
                now,
              ),
            ),
          });
        }
      }
    }

    // My clinic shows the call buttons ("open") exactly where a call would be logged; a cancelled consultation
    // is not on the worklist at all, which shows no buttons either.
    type Worklist = { clinics: { slots: { consultation: { id: string; open: boolean } | null }[] }[] };
    const open = new Map<string, boolean>();
    for (const date of new Set(toCall.map((c) => c.date))) {
      const worklist = await load<Worklist>(myClinicLoader, `/my-clinic?date=${date}`, doctorSession.cookie);
      for (const slot of worklist.data.clinics.flatMap((c) => c.slots)) if (slot.consultation) open.set(slot.consultation.id, slot.consultation.open);
    }
    for (const c of toCall) rows.call.push({ what: c.what, rule: c.rule, shown: open.get(c.id) ?? false, useCase: await c.useCase() });

    expectAgreement(rows.cancel);
    expectAgreement(rows.move);
    expectAgreement(rows.call);
    expectAgreement(rows.outcome);
  });

  it('a recorded outcome can be edited, and the outcome page offers it', async () => {
    const prisma = await getPrisma();
    const doctorSession = await signedIn('DOCTOR');
    const doctor = { id: doctorSession.staff.id, role: doctorSession.staff.role };
    const clinic = await createClinicWithSlots(prisma, { clinicianId: doctor.id, ...WHEN['under way'], slotMinutes: 20 });
    const booked = await createConsultation(prisma, { slotId: clinic.slots[0].id });
    await prisma.callAttempt.create({ data: { appointmentId: booked.id, result: 'ANSWERED', at: booked.startsAt, byId: doctor.id } });
    const outcome = (expectedVersion: number) =>
      answerOf(() =>
        recordOutcome({ appointmentId: booked.id, expectedVersion, idempotencyKey: newKey(), summary: null, items: [{ kind: 'PSYCHOLOGY', details: {} }] }, doctor, IP, now),
      );
    expect(await outcome(0)).toEqual({ allowed: true });

    const completed = await prisma.appointment.findUniqueOrThrow({ where: { id: booked.id } });
    expect(completed.status).toBe('COMPLETED');
    const rule = canRecordOutcome({ status: completed.status, hasOutcome: true, answeredCall: true }, now);
    const page = await load<{ canRecord: boolean }>(outcomeLoader, `/consultations/${booked.id}/outcome`, doctorSession.cookie, { appointmentId: booked.id });
    expect(rule).toEqual({ allowed: true });
    expect(page.data.canRecord).toBe(true);
    expect(await outcome(1)).toEqual(rule);
  });
});

describe('clinics and procedure lists: cancel', () => {
  const WHEN = {
    over: { date: '2027-03-22', startTime: '08:00', endTime: '09:00' },
    'under way': { date: '2027-03-22', startTime: '09:00', endTime: '12:00' },
    'not started': { date: '2027-03-22', startTime: '13:30', endTime: '17:00' },
  } as const;

  it('the clinics page offers to cancel a clinic exactly when cancelling it is accepted', async () => {
    const prisma = await getPrisma();
    const { staff, cookie } = await signedIn('CLERK');
    const clerk = { id: staff.id, role: staff.role };
    const site = await createSite(prisma);
    const rows: Row[] = [];
    for (const status of SESSION_STATUSES) {
      for (const when of Object.keys(WHEN) as (keyof typeof WHEN)[]) {
        const made = await createClinicWithSlots(prisma, { siteId: site.id, ...WHEN[when] });
        const clinic = await prisma.clinic.update({ where: { id: made.id }, data: { status } });
        const page = await load<{ clinics: { id: string; cancellable: boolean }[] }>(clinicsLoader, `/clinics?date=2027-03-22&siteId=${site.id}`, cookie);
        rows.push({
          what: `${status}, ${when}`,
          rule: canCancelClinic(clinic, now),
          shown: page.data.clinics.find((c) => c.id === clinic.id)!.cancellable,
          useCase: await answerOf(() => cancelClinic({ clinicId: clinic.id, reason: 'Doctor unwell' }, clerk, IP, now)),
        });
      }
    }
    expectAgreement(rows);
  });

  it('the day list offers to cancel a list exactly when cancelling it is accepted (and never to a doctor)', async () => {
    const prisma = await getPrisma();
    const clerkSession = await signedIn('CLERK');
    const doctorSession = await signedIn('DOCTOR');
    const clerk = { id: clerkSession.staff.id, role: clerkSession.staff.role };
    const site = await createSite(prisma, { hasInterventionalSuite: true });
    const operator = await createStaff(prisma, { role: 'DOCTOR' });
    const rows: Row[] = [];
    for (const status of SESSION_STATUSES) {
      for (const when of Object.keys(WHEN) as (keyof typeof WHEN)[]) {
        const made = await createProcedureList(prisma, { siteId: site.id, operatorId: operator.id, ...WHEN[when] });
        const request = await createProcedureRequest(prisma, { guidance: 'XRAY' });
        await createProcedureBooking(prisma, { procedureListId: made.id, procedureRequestId: request.id });
        const list = await prisma.procedureList.update({ where: { id: made.id }, data: { status } });
        const shown = async (cookie: string) =>
          (await load<{ canCancel: boolean }>(listLoader, `/lists/${list.id}`, cookie, { listId: list.id })).data.canCancel;
        // The role is checked beside the rule: doctors see lists but may not cancel them.
        expect(await shown(doctorSession.cookie)).toBe(false);
        rows.push({
          what: `${status}, ${when}`,
          rule: canCancelList(list, now),
          shown: await shown(clerkSession.cookie),
          useCase: await answerOf(() => cancelProcedureList({ listId: list.id, reason: 'Operator on leave' }, clerk, IP, now)),
        });
      }
    }
    expectAgreement(rows);
  });
});
