// What the move, cancel and DNA use cases share: reading a case and changing it only if nobody else has
// since the clerk opened the page (the appointment's version: a conditional update, 0 rows means stale).
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import type { AppointmentStatus } from '~/generated/prisma/enums';
import { formatShortDate } from './labels';

type Tx = Prisma.TransactionClient;

export const STALE_CASE_MESSAGE =
  'This case has been changed by someone else since you opened the page. Nothing was saved: check the case and try again.';

export async function loadCase(tx: Tx, appointmentId: string) {
  const found = await tx.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      id: true,
      kind: true,
      status: true,
      version: true,
      patientId: true,
      procedureListId: true,
      procedureRequestId: true,
      minutes: true,
      startsAt: true,
    },
  });
  if (!found || found.kind !== 'PROCEDURE' || !found.procedureListId || !found.procedureRequestId) {
    throw new DomainError('NOT_FOUND', 'There is no such procedure booking.');
  }
  return { ...found, procedureListId: found.procedureListId, procedureRequestId: found.procedureRequestId };
}

export type ProcedureCase = Awaited<ReturnType<typeof loadCase>>;

/**
 * Applies `data` (and a new version) only if the case still has the version the form was made from and
 * one of the statuses the change is allowed from; otherwise a 409 and nothing changes.
 */
export async function updateCaseIfCurrent(
  tx: Tx,
  current: ProcedureCase,
  expectedVersion: number,
  allowedFrom: readonly AppointmentStatus[],
  data: Prisma.AppointmentUncheckedUpdateManyInput,
): Promise<void> {
  const updated = await tx.appointment.updateMany({
    where: { id: current.id, version: expectedVersion, status: { in: [...allowedFrom] } },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new DomainError('STALE_FORM', STALE_CASE_MESSAGE);
}

/** Puts the case's request back on the waiting list with a flag saying why. */
export async function returnToWaitingList(tx: Tx, requestId: string, flag: string): Promise<void> {
  await tx.procedureRequest.updateMany({ where: { id: requestId, status: 'BOOKED' }, data: { status: 'WAITING', flag } });
}

export function cancellationFlag(by: 'PATIENT' | 'HOSPITAL', caseStartsAt: Date): string {
  return `Cancelled by ${by === 'PATIENT' ? 'patient' : 'hospital'} on ${formatShortDate(caseStartsAt)}: rebook`;
}
