// What the cancel and DNA use cases do to a case's request once the case is off the list. Loading the case and
// the version-checked update are in app/appointments (appointment-repo.server.ts).
import type { Prisma } from '~/generated/prisma/client';
import { formatShortDate } from '~/utils/format';

type Tx = Prisma.TransactionClient;

/** Puts the case's request back on the waiting list with a flag saying why. */
export async function returnToWaitingList(tx: Tx, requestId: string, flag: string): Promise<void> {
  await tx.procedureRequest.updateMany({ where: { id: requestId, status: 'BOOKED' }, data: { status: 'WAITING', flag } });
}

export function cancellationFlag(by: 'PATIENT' | 'HOSPITAL', caseStartsAt: Date): string {
  return `Cancelled by ${by === 'PATIENT' ? 'patient' : 'hospital'} on ${formatShortDate(caseStartsAt)}: rebook`;
}
