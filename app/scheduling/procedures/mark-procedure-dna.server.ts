// Records that a patient did not attend their procedure. Only once the planned start has passed, only if
// the case is unchanged since the page was opened; the request goes back to the waiting list flagged so
// a clerk can follow up. The list's minutes are not given back: that time has gone.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { caseChangeSelect, loadProcedureCase, updateAppointmentIfCurrent } from '~/appointments/appointment-repo.server';
import { CASE_CHANGEABLE_STATUSES, STALE_CASE_MESSAGE, assertAllowed, canMarkCaseDna } from '~/appointments/appointment-rules';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { returnToWaitingList } from './procedure-case.server';
import { recordBookingEvent } from '~/events/booking-events.server';
import { formatShortDate } from '~/utils/format';

export type MarkProcedureDnaInput = { appointmentId: string; version: number };

export async function markProcedureDna(
  input: MarkProcedureDnaInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const current = await loadProcedureCase(tx, input.appointmentId, caseChangeSelect);
    assertAllowed(canMarkCaseDna(current, now));
    await updateAppointmentIfCurrent(
      tx,
      { id: current.id, version: input.version, statuses: CASE_CHANGEABLE_STATUSES },
      { status: 'DNA' },
      STALE_CASE_MESSAGE,
    );
    await returnToWaitingList(tx, current.procedureRequestId, `Did not attend on ${formatShortDate(current.startsAt)}`);
    await recordAudit(tx, {
      actor,
      action: 'appointment.dna',
      entityType: 'Appointment',
      entityId: current.id,
      patientId: current.patientId,
      ipAddress,
      details: { kind: 'PROCEDURE', procedureListId: current.procedureListId },
    });
    await recordBookingEvent(tx, { type: 'DID_NOT_ATTEND', appointmentId: current.id }, now);
  }, BOOKING_TRANSACTION);
}
