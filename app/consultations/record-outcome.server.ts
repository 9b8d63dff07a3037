// A doctor records the structured outcome of a telephone consultation, or edits one already recorded.
// Everything happens in one transaction: a new OutcomeRecord version with its items, the side effects of the
// items, the consultation completed, the referral moved on, and the audit event. Edits never overwrite: each
// one adds version n+1 and keeps the earlier versions; the side effects are brought in line with the new
// version (a procedure request added, changed or removed while it is still waiting; a follow-up task moved or
// closed; a discharge undone), and an edit that would take away a request already booked is refused.
//
// Stale and double-submitted forms: the form carries the version it was opened on and a random idempotency
// key. A second submission of the same form finds its own version already recorded under the same key and
// returns it ("already recorded"); a form opened on an older version is refused (STALE_FORM); two concurrent
// submissions take turns on the patient's booking lock, and the unique (appointmentId, version) is the
// database's last word.
//
// Whose clinic: a doctor records outcomes in their own clinics; in a colleague's clinic only when covering it,
// declared by naming that clinic's doctor (coveringFor), and the outcome is then audited as covering and
// shown as such on the outcome page (ADR 0019).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { isViolationOf } from '~/db/constraint-violation.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import { clinicDoctorSelect, consultationChangeSelect, loadConsultation, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { assertAllowed, canRecordOutcome } from '~/appointments/appointment-rules';
import { ACTIVE_STATUSES } from '~/appointments/appointment-status';
import { lockPatientBookings } from '~/scheduling/booking-lock.server';
import { addLocalDays, localDateOf } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { dbDateOf } from '~/utils/db-date';
import { requireClinicAccess } from './doctor-access';
import { ASKS_ABOUT_DEVICES, listForProcedureDetails, type ListForProcedureDetails, type OutcomeItemInput } from './outcome-form';

export type RecordOutcomeInput = {
  appointmentId: string;
  /** The outcome version the form was opened on: 0 when there is no outcome yet. */
  expectedVersion: number;
  idempotencyKey: string;
  summary: string | null;
  items: OutcomeItemInput[];
  /** The doctor whose clinic the recorder declares they are covering (ADR 0019). */
  coveringFor?: string | null;
};

export type RecordedOutcome = {
  recordId: string;
  version: number;
  alreadyRecorded: boolean;
  /** The waiting procedure request this version lists the patient for, if any. */
  procedureRequestId: string | null;
  /** The patient takes a blood thinner and is listed: the doctor must confirm a plan next. */
  needsBloodThinnerPlan: boolean;
};

export const STALE_OUTCOME_MESSAGE =
  'Someone changed this outcome since you opened the form. Reload the page to see the latest version, then make your change again.';

export const FOLLOW_UP_TASK_PREFIX = 'follow-up:';
export const followUpTaskKey = (appointmentId: string) => `${FOLLOW_UP_TASK_PREFIX}${appointmentId}`;

type Tx = Prisma.TransactionClient;

export async function recordOutcome(input: RecordOutcomeInput, actor: Actor, ipAddress: string | null, now: Date): Promise<RecordedOutcome> {
  if (!actor) throw new DomainError('FORBIDDEN', 'Only a doctor can record an outcome.');
  if (input.items.length === 0) throw new DomainError('INVALID_INPUT', 'Choose at least one outcome.', { kinds: ['Choose at least one outcome'] });
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const appointment = await loadConsultation(tx, input.appointmentId, { ...consultationChangeSelect, ...clinicDoctorSelect });
      const access = requireClinicAccess(actor, 'consultation.record-outcome', appointment.slot.clinic, input.coveringFor, {
        forbidden: 'Only a doctor can record an outcome.',
        notCovering: (doctor) => `This consultation is in ${doctor}’s clinic. Confirm that you are covering their clinic to record the outcome.`,
        field: 'coveringFor',
      });
      await lockPatientBookings(tx, appointment.patientId);

      const latest = await tx.outcomeRecord.findFirst({
        where: { appointmentId: appointment.id },
        orderBy: { version: 'desc' },
        select: { id: true, version: true, items: { select: { id: true, kind: true, details: true, procedureRequest: { select: { id: true, status: true } } } } },
      });
      const currentVersion = latest?.version ?? 0;
      if (currentVersion !== input.expectedVersion) {
        if (latest && latest.version === input.expectedVersion + 1 && (await recordedWithKey(tx, latest.id, input.idempotencyKey))) {
          return { ...(await describeRecorded(tx, latest.id, appointment.patientId)), alreadyRecorded: true };
        }
        throw new DomainError('STALE_FORM', STALE_OUTCOME_MESSAGE);
      }

      // A first outcome completes the consultation; an edit of a recorded one is always allowed (the rule says so).
      if (!latest) {
        const answered = await tx.callAttempt.count({ where: { appointmentId: appointment.id, result: 'ANSWERED' } });
        assertAllowed(canRecordOutcome({ status: appointment.status, hasOutcome: false, answeredCall: answered > 0 }, now));
        await updateAppointmentIfCurrent(
          tx,
          { id: appointment.id, version: appointment.version, statuses: ACTIVE_STATUSES },
          { status: 'COMPLETED' },
          STALE_OUTCOME_MESSAGE,
        );
      }

      const version = currentVersion + 1;
      const record = await tx.outcomeRecord.create({
        data: { appointmentId: appointment.id, version, recordedById: actor.id, recordedAt: now, summary: input.summary },
        select: { id: true },
      });
      const today = localDateOf(now, UNIT_TIME_ZONE);
      let procedureRequestId: string | null = null;
      const previousList = latest?.items.find((i) => i.kind === 'LIST_FOR_PROCEDURE') ?? null;
      for (const item of input.items) {
        const created = await tx.outcomeItem.create({
          data: { recordId: record.id, kind: item.kind, details: item.details as Prisma.InputJsonValue },
          select: { id: true },
        });
        if (item.kind === 'LIST_FOR_PROCEDURE') {
          procedureRequestId = await listForProcedure(tx, {
            itemId: created.id,
            details: item.details,
            previous: previousList,
            patientId: appointment.patientId,
            referralId: appointment.referralId,
            listedOn: today,
            actorId: actor.id,
          });
        }
      }
      if (previousList?.procedureRequest && !input.items.some((i) => i.kind === 'LIST_FOR_PROCEDURE')) {
        await removeWaitingRequest(tx, previousList.procedureRequest);
      }

      const followUp = input.items.find((i) => i.kind === 'FOLLOW_UP');
      await syncFollowUpTask(tx, {
        appointmentId: appointment.id,
        patientId: appointment.patientId,
        dueOn: followUp && followUp.kind === 'FOLLOW_UP' ? addLocalDays(today, followUp.details.inWeeks * 7, UNIT_TIME_ZONE) : null,
        actorId: actor.id,
        now,
      });

      const discharge = input.items.find((i) => i.kind === 'DISCHARGE_TO_GP');
      if (appointment.referralId) {
        const note = discharge && discharge.kind === 'DISCHARGE_TO_GP' ? discharge.details.note : null;
        const referral = await tx.referral.findUniqueOrThrow({ where: { id: appointment.referralId }, select: { status: true } });
        if (discharge && referral.status !== 'DISCHARGED') {
          await tx.referral.update({
            where: { id: appointment.referralId },
            data: { status: 'DISCHARGED', clockStoppedOn: dbDateOf(today), dischargedAt: now, dischargeNote: note },
            select: { id: true },
          });
        } else if (!discharge) {
          // A first outcome, or an edit that takes a discharge back: the patient is under the unit's care.
          await tx.referral.update({
            where: { id: appointment.referralId },
            data: { status: 'UNDER_CARE', clockStoppedOn: null, dischargedAt: null, dischargeNote: null },
            select: { id: true },
          });
        }
      }

      await recordAudit(tx, {
        actor,
        action: version === 1 ? 'outcome.record' : 'outcome.edit',
        entityType: 'OutcomeRecord',
        entityId: record.id,
        patientId: appointment.patientId,
        ipAddress,
        details: {
          appointmentId: appointment.id,
          version,
          kinds: input.items.map((i) => i.kind),
          procedureRequestId,
          idempotencyKey: input.idempotencyKey,
          ...(access.kind === 'covering' ? { coveringForId: access.coveringForId } : {}),
        },
      });
      return { recordId: record.id, version, alreadyRecorded: false, procedureRequestId, needsBloodThinnerPlan: procedureRequestId !== null && (await takesBloodThinner(tx, appointment.patientId)) };
    });
  } catch (error) {
    if (isViolationOf(error, 'OutcomeRecord_appointmentId_version_key')) throw new DomainError('STALE_FORM', STALE_OUTCOME_MESSAGE);
    throw error;
  }
}

async function recordedWithKey(tx: Tx, recordId: string, key: string): Promise<boolean> {
  const event = await tx.auditEvent.findFirst({
    where: { entityType: 'OutcomeRecord', entityId: recordId, details: { path: ['idempotencyKey'], equals: key } },
    select: { id: true },
  });
  return event !== null;
}

async function describeRecorded(tx: Tx, recordId: string, patientId: string) {
  const record = await tx.outcomeRecord.findUniqueOrThrow({
    where: { id: recordId },
    select: { id: true, version: true, items: { select: { procedureRequest: { select: { id: true } } } } },
  });
  const procedureRequestId = record.items.find((i) => i.procedureRequest)?.procedureRequest?.id ?? null;
  return {
    recordId: record.id,
    version: record.version,
    procedureRequestId,
    needsBloodThinnerPlan: procedureRequestId !== null && (await takesBloodThinner(tx, patientId)),
  };
}

export async function takesBloodThinner(tx: Tx, patientId: string): Promise<boolean> {
  const count = await tx.patientMedicine.count({
    where: { patientId, stoppedAt: null, medicine: { bloodThinnerClass: { not: 'NONE' } } },
  });
  return count > 0;
}

type PreviousListItem = { id: string; details: unknown; procedureRequest: { id: string; status: string } | null };

/** Creates the waiting-list request for a new "list for procedure" item, or carries the previous one over. */
async function listForProcedure(
  tx: Tx,
  args: {
    itemId: string;
    details: ListForProcedureDetails;
    previous: PreviousListItem | null;
    patientId: string;
    referralId: string | null;
    listedOn: string;
    actorId: string;
  },
): Promise<string> {
  const { details } = args;
  const type = await tx.procedureType.findUnique({
    where: { code: details.procedureCode },
    select: { id: true, name: true, active: true, defaultMinutes: true, allowedGuidance: true },
  });
  if (!type || !type.active) {
    throw new DomainError('INVALID_INPUT', 'This procedure is not offered by the unit.', { procedureCode: ['Choose a procedure the unit offers'] });
  }
  if (!type.allowedGuidance.includes(details.guidance)) {
    throw new DomainError('INVALID_INPUT', `${type.name} cannot be done with this guidance.`, {
      guidance: [`${type.name} cannot be done with this guidance`],
    });
  }
  const fields = {
    procedureTypeId: type.id,
    side: details.side,
    levels: details.levels,
    guidance: details.guidance,
    sedation: details.sedation,
    priority: details.priority,
    clinicalNotes: details.notes,
    possiblePregnancy: details.possiblePregnancy,
    recentInfection: details.recentInfection,
    escortArranged: details.escortArranged,
    withSteroid: details.withSteroid ?? null,
    implantedDevice: details.procedureCode === ASKS_ABOUT_DEVICES ? (details.implantedDevice ?? null) : null,
  };
  const previousRequest = args.previous?.procedureRequest;
  if (previousRequest && previousRequest.status !== 'REMOVED') {
    const previousDetails = listForProcedureDetails.safeParse(args.previous!.details);
    const unchanged = previousDetails.success && JSON.stringify(previousDetails.data) === JSON.stringify(listForProcedureDetails.parse(details));
    if (previousRequest.status !== 'WAITING' && !unchanged) {
      throw new DomainError(
        'REQUEST_ALREADY_BOOKED',
        'The procedure request from this outcome is already booked onto a list, so its details cannot be changed here. Ask a clerk to cancel the booking first.',
      );
    }
    // The request follows the latest version of the outcome; a change of procedure keeps the waiting time.
    await tx.procedureRequest.update({
      where: { id: previousRequest.id },
      data: {
        sourceOutcomeItemId: args.itemId,
        ...(previousRequest.status === 'WAITING' && !unchanged
          ? { ...fields, minutes: details.procedureCode === (previousDetails.success ? previousDetails.data.procedureCode : null) ? undefined : type.defaultMinutes }
          : {}),
      },
      select: { id: true },
    });
    return previousRequest.id;
  }
  const request = await tx.procedureRequest.create({
    data: {
      ...fields,
      patientId: args.patientId,
      referralId: args.referralId,
      minutes: type.defaultMinutes,
      listedOn: dbDateOf(args.listedOn),
      listedById: args.actorId,
      sourceOutcomeItemId: args.itemId,
    },
    select: { id: true },
  });
  return request.id;
}

async function removeWaitingRequest(tx: Tx, request: { id: string; status: string }) {
  if (request.status === 'REMOVED') return;
  const removed = await tx.procedureRequest.updateMany({
    where: { id: request.id, status: 'WAITING' },
    data: { status: 'REMOVED', flag: 'Removed: the consultation outcome was changed' },
  });
  if (removed.count !== 1) {
    throw new DomainError(
      'REQUEST_ALREADY_BOOKED',
      'The procedure request from this outcome is already booked onto a list, so "list for procedure" cannot be taken off. Ask a clerk to cancel the booking first.',
    );
  }
}

/** One open follow-up task per consultation: created, moved to the new due date, or closed. */
async function syncFollowUpTask(tx: Tx, args: { appointmentId: string; patientId: string; dueOn: string | null; actorId: string; now: Date }) {
  const key = followUpTaskKey(args.appointmentId);
  const existing = await tx.task.findUnique({ where: { dedupeKey: key }, select: { id: true, status: true } });
  if (args.dueOn) {
    if (!existing) {
      await tx.task.create({
        data: {
          kind: 'REBOOK_CONSULTATION',
          title: 'Book a follow-up telephone consultation',
          dedupeKey: key,
          patientId: args.patientId,
          dueOn: dbDateOf(args.dueOn),
        },
        select: { id: true },
      });
    } else if (existing.status === 'OPEN') {
      await tx.task.update({ where: { id: existing.id }, data: { dueOn: dbDateOf(args.dueOn) }, select: { id: true } });
    }
  } else if (existing?.status === 'OPEN') {
    await tx.task.update({ where: { id: existing.id }, data: { status: 'DONE', doneAt: args.now, doneById: args.actorId }, select: { id: true } });
  }
}
