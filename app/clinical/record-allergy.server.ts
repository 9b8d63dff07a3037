// A doctor records an allergy (contrast, latex, local anaesthetic, steroid, antiseptic, or other with detail),
// or removes one recorded in error; both are audited.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { AllergyKind } from '~/generated/prisma/enums';
import { requireDoctorActor } from './require-doctor-actor';

export async function recordAllergy(
  patientId: string,
  input: { kind: AllergyKind; detail?: string | null },
  actor: Actor,
  ipAddress: string | null,
  now: Date,
) {
  requireDoctorActor(actor);
  if (input.kind === 'OTHER' && !input.detail) {
    throw new DomainError('INVALID_INPUT', 'Enter what the patient is allergic to', { detail: ['Enter what the patient is allergic to'] });
  }
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id: patientId }, select: { id: true } });
    if (!patient) throw new DomainError('NOT_FOUND', 'That patient does not exist.');
    if (input.kind !== 'OTHER') {
      const already = await tx.patientAllergy.findFirst({ where: { patientId, kind: input.kind }, select: { id: true } });
      if (already) {
        throw new DomainError('INVALID_INPUT', 'This allergy is already recorded', { kind: ['This allergy is already recorded for the patient'] });
      }
    }
    const allergy = await tx.patientAllergy.create({
      data: { patientId, kind: input.kind, detail: input.detail || null, recordedById: actor.id, recordedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor,
      action: 'patient-allergy.record',
      entityType: 'PatientAllergy',
      entityId: allergy.id,
      patientId,
      ipAddress,
      details: { kind: input.kind },
    });
    return allergy;
  });
}

export async function removeAllergy(patientId: string, allergyId: string, actor: Actor, ipAddress: string | null) {
  requireDoctorActor(actor);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const allergy = await tx.patientAllergy.findFirst({ where: { id: allergyId, patientId }, select: { id: true, kind: true, recordedById: true, recordedAt: true } });
    if (!allergy) throw new DomainError('NOT_FOUND', 'That allergy is not recorded for this patient.');
    await tx.patientAllergy.delete({ where: { id: allergy.id }, select: { id: true } });
    // The audit event keeps what was removed, by whom and when it had been recorded.
    await recordAudit(tx, {
      actor,
      action: 'patient-allergy.remove',
      entityType: 'PatientAllergy',
      entityId: allergy.id,
      patientId,
      ipAddress,
      details: { kind: allergy.kind, recordedById: allergy.recordedById, recordedAt: allergy.recordedAt.toISOString() },
    });
    return { removed: true };
  });
}
