// Moves a procedure case to another list in one transaction: both lists are row-locked (in id order, so
// two moves in opposite directions cannot deadlock), the case is changed only if unchanged since the form
// was opened, the new list's minutes are claimed by a conditional update and the old list's released,
// and the case goes into the earliest gap of the new list. The same rules as booking apply to the new
// list (suite, guidance, future, room, patient free that day).
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { isViolationOf } from '~/db/constraint-violation.server';
import { DomainError } from '~/errors';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { lockLists } from '~/db/locks.server';
import { lockPatientBookings } from '~/scheduling/booking-lock.server';
import { DOUBLE_BOOKED_MESSAGE, assertPatientFreeThatDay, listToBookSelect } from './book-procedure.server';
import { LIST_FULL_MESSAGE, assertListCanTake } from './list-rules';
import {
  claimListMinutes,
  heldTimes,
  releaseListMinutes,
  renumberList,
} from './list-minutes.server';
import { placeInEarliestGap } from './list-timeline';
import { caseChangeSelect, loadProcedureCase, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { CASE_CHANGEABLE_STATUSES, STALE_CASE_MESSAGE, assertAllowed, canMoveCase } from '~/appointments/appointment-rules';
import { recordBookingEvent } from '~/events/booking-events.server';
import { checkTimeToStop } from './time-to-stop.server';

export type MoveProcedureBookingInput = {
  appointmentId: string;
  version: number;
  toListId: string;
  /** Why a clinician agreed to a list too soon for a planned medicine stop; else such a list is refused. */
  timingOverrideReason?: string | null;
};

export async function moveProcedureBooking(
  input: MoveProcedureBookingInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<void> {
  const prisma = await getPrisma();
  try {
    await prisma.$transaction(async (tx) => {
      const current = await loadProcedureCase(tx, input.appointmentId, caseChangeSelect);
      // Locks in the order every booking change takes them: patient, lists, cases.
      await lockPatientBookings(tx, current.patientId);
      if (current.procedureListId === input.toListId) {
        throw new DomainError('INVALID_INPUT', 'The case is already on this list. Choose a different list.', {
          toListId: ['The case is already on this list. Choose a different list'],
        });
      }
      assertAllowed(canMoveCase(current, now));
      const request = await tx.procedureRequest.findUniqueOrThrow({
        where: { id: current.procedureRequestId },
        select: { guidance: true },
      });
      const target = await tx.procedureList.findUnique({ where: { id: input.toListId }, select: listToBookSelect });
      if (!target) throw new DomainError('NOT_FOUND', 'There is no such procedure list.');
      assertListCanTake(target, { guidance: request.guidance, minutes: current.minutes }, now);
      await assertPatientFreeThatDay(tx, current.patientId, target.startsAt, current.id);

      await lockLists(tx, [current.procedureListId, target.id]);
      await updateAppointmentIfCurrent(tx, { id: current.id, version: input.version, statuses: CASE_CHANGEABLE_STATUSES }, {}, STALE_CASE_MESSAGE);
      if (!(await claimListMinutes(tx, target.id, current.minutes))) {
        throw new DomainError('LIST_FULL', LIST_FULL_MESSAGE);
      }
      await releaseListMinutes(tx, current.procedureListId, current.minutes);
      const planned = placeInEarliestGap(target, await heldTimes(tx, target.id), current.minutes);
      if (!planned) throw new DomainError('LIST_FULL', LIST_FULL_MESSAGE);
      // An override agreed for the old time does not carry over: the new time is checked afresh.
      const { tooSoonFor, ...timing } = await checkTimeToStop(tx, current.procedureRequestId, planned.startsAt, now, {
        reason: input.timingOverrideReason,
        byId: actor.id,
      });
      await tx.appointment.update({
        where: { id: current.id },
        // A confirmation was for the old time: the patient confirms the new one.
        data: { procedureListId: target.id, ...planned, status: 'BOOKED', ...timing },
        select: { id: true },
      });
      await renumberList(tx, current.procedureListId);
      await renumberList(tx, target.id);
      await recordAudit(tx, {
        actor,
        action: 'appointment.move',
        entityType: 'Appointment',
        entityId: current.id,
        patientId: current.patientId,
        ipAddress,
        details: {
          kind: 'PROCEDURE',
          fromListId: current.procedureListId,
          toListId: target.id,
          fromStartsAt: current.startsAt.toISOString(),
          toStartsAt: planned.startsAt.toISOString(),
          ...(tooSoonFor.length > 0 ? { timingOverride: true, tooSoonToStop: tooSoonFor.length } : {}),
        },
      });
      await recordBookingEvent(tx, { type: 'MOVED', appointmentId: current.id, previousStartsAt: current.startsAt }, now);
    }, BOOKING_TRANSACTION);
  } catch (error) {
    if (isViolationOf(error, 'Appointment_patient_no_overlap')) throw new DomainError('PATIENT_DOUBLE_BOOKED', DOUBLE_BOOKED_MESSAGE);
    throw error;
  }
}
