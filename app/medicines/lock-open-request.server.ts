// Changing a request's medicine plans: two doctors at once take turns on the request's row, and a closed
// request (done or removed) keeps the plans it had.
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';

export async function lockOpenProcedureRequest(tx: Prisma.TransactionClient, requestId: string, closedMessage: string): Promise<{ patientId: string }> {
  await tx.$executeRaw`SELECT 1 FROM "ProcedureRequest" WHERE "id" = ${requestId} FOR UPDATE`;
  const request = await tx.procedureRequest.findUnique({ where: { id: requestId }, select: { patientId: true, status: true } });
  if (!request) throw new DomainError('NOT_FOUND', 'That procedure request does not exist.');
  if (request.status === 'DONE' || request.status === 'REMOVED') throw new DomainError('INVALID_INPUT', closedMessage);
  return { patientId: request.patientId };
}
