// A doctor records that the patient no longer takes a medicine. The row is kept (stoppedAt), never deleted.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { syncMedicinePlanTasksForPatient } from '~/medicines/medicine-plan-tasks.server';
import { DomainError } from '~/errors';
import { requireDoctorActor } from './require-doctor-actor';

export async function stopPatientMedicine(
  patientId: string,
  patientMedicineId: string,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
) {
  requireDoctorActor(actor);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // Conditional update: stopping twice (a double submit) changes nothing the second time.
    const stopped = await tx.patientMedicine.updateMany({
      where: { id: patientMedicineId, patientId, stoppedAt: null },
      data: { stoppedAt: now },
    });
    if (stopped.count === 0) {
      const exists = await tx.patientMedicine.findFirst({ where: { id: patientMedicineId, patientId }, select: { id: true } });
      if (!exists) throw new DomainError('NOT_FOUND', 'That medicine is not recorded for this patient.');
      return { stopped: false };
    }
    await recordAudit(tx, {
      actor,
      action: 'patient-medicine.stop',
      entityType: 'PatientMedicine',
      entityId: patientMedicineId,
      patientId,
      ipAddress,
    });
    // A new blood thinner or diabetes medicine on a booked case needs a plan agreed; a stopped one may not.
    await syncMedicinePlanTasksForPatient(tx, patientId, now);
    return { stopped: true };
  });
}
