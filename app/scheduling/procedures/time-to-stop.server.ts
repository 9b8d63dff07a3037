// The booking side of "too soon to stop" (DESIGN.md rule 11): booking, moving and backfilling refuse a case
// time that leaves the patient too little time to stop a medicine as a doctor planned, unless a clinician
// agreed and the clerk recorded why. Read inside the booking's transaction, so the plans checked are the
// ones the booking is made against.
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import { readinessRequestSelect } from './readiness';
import { stopsTooSoon, tooSoonMessage } from './stop-timing';

type Tx = Prisma.TransactionClient;

/** What to save on the appointment: the override only when one was needed, otherwise cleared. */
export type TimingOverride = { timingOverrideReason: string | null; timingOverrideById: string | null };

export async function checkTimeToStop(
  tx: Tx,
  requestId: string,
  caseStart: Date,
  now: Date,
  override: { reason?: string | null; byId: string },
): Promise<TimingOverride & { tooSoonFor: string[] }> {
  const { plans } = await tx.procedureRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { plans: readinessRequestSelect.plans },
  });
  const problems = stopsTooSoon(now, caseStart, plans);
  if (problems.length === 0) return { timingOverrideReason: null, timingOverrideById: null, tooSoonFor: [] };
  const reason = override.reason?.trim();
  if (!reason) throw new DomainError('TOO_SOON_TO_STOP_MEDICINE', tooSoonMessage(problems));
  return { timingOverrideReason: reason, timingOverrideById: override.byId, tooSoonFor: problems.map((p) => p.medicine) };
}
