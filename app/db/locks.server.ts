// Row locks that more than one domain takes, so that the order of locking is written once. Every use case
// takes its locks in one order: patient, then lists, then the cases on them, then requests; so two moves in
// opposite directions, or a case cancelled while its list is being cancelled (or its leaflets sent), wait for
// each other rather than deadlock.
import type { Prisma } from '~/generated/prisma/client';

/** Row-locks procedure lists in id order until the transaction ends. */
export async function lockLists(tx: Prisma.TransactionClient, listIds: string[]): Promise<void> {
  const ids = [...new Set(listIds)].sort();
  await tx.$queryRaw`SELECT id FROM "ProcedureList" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
}
