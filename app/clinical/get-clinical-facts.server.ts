// A patient's clinical details for the doctor's page (medicines, diabetes, allergies), and the catalogue names
// to pick from. Viewing is audited.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { bloodThinnerPlanStatus } from '~/medicines/blood-thinner-plan-status.server';

export async function getClinicalFacts(patientId: string, actor: Actor, ipAddress: string | null) {
  const prisma = await getPrisma();
  const patient = await prisma.patient.findUnique({
    where: { id: patientId },
    select: {
      id: true,
      nhsNumber: true,
      firstName: true,
      lastName: true,
      diabetes: true,
      requests: {
        where: { status: { in: ['WAITING', 'BOOKED'] } },
        orderBy: { listedOn: 'asc' },
        select: { id: true, status: true, listedOn: true, procedureType: { select: { name: true } } },
      },
      allergies: { orderBy: { recordedAt: 'asc' }, select: { id: true, kind: true, detail: true, recordedAt: true } },
      medicines: {
        where: { stoppedAt: null },
        orderBy: { recordedAt: 'asc' },
        select: {
          id: true,
          freeTextName: true,
          dose: true,
          recordedAt: true,
          recordedBy: { select: { name: true } },
          medicine: { select: { displayName: true, genericName: true, bloodThinnerClass: true, drivingCategory: true } },
        },
      },
    },
  });
  if (!patient) throw new DomainError('NOT_FOUND', 'That patient does not exist.');
  // Opening the record is what is audited, before anything else about the patient is read.
  await recordAudit(prisma, { actor, ipAddress, action: 'patient.clinical-view', entityType: 'Patient', entityId: patient.id, patientId: patient.id });
  const [catalogue, planStatuses] = await Promise.all([
    prisma.medicine.findMany({ where: { active: true }, orderBy: { genericName: 'asc' }, select: { genericName: true } }),
    Promise.all(patient.requests.map((r) => bloodThinnerPlanStatus(r.id, prisma))),
  ]);
  const requests = patient.requests.map((r, i) => ({
    ...r,
    planNeeded: planStatuses[i].needed,
    planConfirmed: planStatuses[i].allConfirmed,
  }));
  return { patient: { ...patient, requests }, catalogueNames: catalogue.map((m) => m.genericName) };
}
