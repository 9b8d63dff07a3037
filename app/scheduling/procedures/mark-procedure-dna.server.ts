// Records that a patient did not attend their procedure. Only once the planned start has passed, only if
// the case is unchanged since the page was opened; the request goes back to the waiting list flagged so
// a clerk can follow up. The list's minutes are not given back: that time has gone.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { formatTime } from '~/utils/format';
import { formatShortDate } from './labels';
import { BOOKING_TRANSACTION } from '~/db/transactions.server';
import { loadCase, returnToWaitingList, updateCaseIfCurrent } from './procedure-case.server';
import { recordBookingEvent } from '~/events/booking-events.server';

export type MarkProcedureDnaInput = { appointmentId: string; version: number };

export async function markProcedureDna(
  input: MarkProcedureDnaInput,
  actor: NonNullable<Actor>,
  ipAddress: string | null,
  now: Date,
): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const current = await loadCase(tx, input.appointmentId);
    if (current.startsAt > now) {
      throw new DomainError(
        'INVALID_INPUT',
        `A patient can only be marked as did not attend once their planned start (${formatTime(current.startsAt)} on ${formatShortDate(current.startsAt)}) has passed.`,
      );
    }
    await updateCaseIfCurrent(tx, current, input.version, ['BOOKED', 'CONFIRMED'], { status: 'DNA' });
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
