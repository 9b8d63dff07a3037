// A doctor records a medicine the patient takes. The name is matched against the catalogue by generic name,
// ignoring case; anything else is kept as free text, flagged, and an open REVIEW_MEDICINE task asks someone to
// check it (it may be a brand name, a misspelling, or a blood thinner the table does not know).
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { syncMedicinePlanTasksForPatient } from '~/medicines/medicine-plan-tasks.server';
import { DomainError } from '~/errors';
import { requireDoctorActor } from './require-doctor-actor';

export async function recordPatientMedicine(
  patientId: string,
  input: { name: string; dose?: string | null },
  actor: Actor,
  ipAddress: string | null,
  now: Date,
): Promise<{ id: string; inCatalogue: boolean }> {
  requireDoctorActor(actor);
  const name = input.name.trim();
  const key = name.toLowerCase();
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id: patientId }, select: { id: true } });
    if (!patient) throw new DomainError('NOT_FOUND', 'That patient does not exist.');
    const medicine = await tx.medicine.findFirst({
      where: { genericName: { equals: key, mode: 'insensitive' }, active: true },
      select: { id: true },
    });
    const current = await tx.patientMedicine.findFirst({
      where: medicine
        ? { patientId, stoppedAt: null, medicineId: medicine.id }
        : { patientId, stoppedAt: null, medicineId: null, freeTextName: { equals: name, mode: 'insensitive' } },
      select: { id: true },
    });
    if (current) {
      throw new DomainError('INVALID_INPUT', 'This medicine is already recorded for the patient', {
        name: ['This medicine is already recorded for the patient. Stop the old entry first to change the dose'],
      });
    }
    const created = await tx.patientMedicine.create({
      data: {
        patientId,
        medicineId: medicine?.id ?? null,
        freeTextName: medicine ? null : name,
        dose: input.dose || null,
        recordedById: actor.id,
        recordedAt: now,
      },
      select: { id: true },
    });
    let taskId: string | null = null;
    if (!medicine) {
      const task = await tx.task.create({
        data: {
          kind: 'REVIEW_MEDICINE',
          title: 'Check a medicine that is not in the catalogue',
          dedupeKey: `review-medicine:${created.id}`,
          patientId,
        },
        select: { id: true },
      });
      taskId = task.id;
    }
    await recordAudit(tx, {
      actor,
      action: 'patient-medicine.record',
      entityType: 'PatientMedicine',
      entityId: created.id,
      patientId,
      ipAddress,
      details: { medicineId: medicine?.id ?? null, inCatalogue: medicine !== null, reviewTaskId: taskId },
    });
    // A new blood thinner or diabetes medicine on a booked case needs a plan agreed; a stopped one may not.
    await syncMedicinePlanTasksForPatient(tx, patientId, now);
    return { id: created.id, inCatalogue: medicine !== null };
  });
}
