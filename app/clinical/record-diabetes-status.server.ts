// A doctor records whether the patient has diabetes and whether it is treated with medication (it changes the
// steroid advice in the leaflets).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { DiabetesStatus } from '~/generated/prisma/enums';
import { requireDoctorActor } from './require-doctor-actor';

export async function recordDiabetesStatus(patientId: string, diabetes: DiabetesStatus, actor: Actor, ipAddress: string | null) {
  requireDoctorActor(actor);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.patient.findUnique({ where: { id: patientId }, select: { diabetes: true } });
    if (!before) throw new DomainError('NOT_FOUND', 'That patient does not exist.');
    await tx.patient.update({ where: { id: patientId }, data: { diabetes }, select: { id: true } });
    await recordAudit(tx, {
      actor,
      action: 'patient.diabetes',
      entityType: 'Patient',
      entityId: patientId,
      patientId,
      ipAddress,
      details: { before: before.diabetes, after: diabetes },
    });
    return { diabetes };
  });
}
