// Referral intake: a referral for a patient found by NHS number, or for a new patient registered in the same
// transaction, so a referral never exists without its patient nor a new patient without the referral that
// brought them. A new patient whose NHS number is already registered is not created twice: the unique key
// decides (not a prior read), and the clerk is offered the existing record instead.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { Prisma } from '~/generated/prisma/client';
import { createPatientRecord, findPatientByNhsNumber, isDuplicateNhsNumber, type PatientSummary } from '~/patients/patient-repo.server';
import type { ReferralDetails, ReferralFormValue } from './referral-form';
import { dbDateOf } from '~/utils/db-date';

export type RegisterReferralResult =
  | { kind: 'registered'; referralId: string; patientId: string; newPatient: boolean }
  /** Nothing was saved: a patient with the new patient's NHS number is already registered. */
  | { kind: 'duplicate-patient'; existing: PatientSummary };

async function createReferral(
  tx: Prisma.TransactionClient,
  patientId: string,
  referral: ReferralDetails,
  actor: Actor,
  ipAddress: string | null,
) {
  const created = await tx.referral.create({
    data: {
      patientId,
      source: referral.source,
      receivedOn: dbDateOf(referral.receivedOn),
      // The RTT clock starts the day the referral arrived.
      clockStartOn: dbDateOf(referral.receivedOn),
      priority: referral.priority,
      reason: referral.reason,
      status: 'AWAITING_FIRST_CONTACT',
      createdById: actor?.id ?? null,
    },
    select: { id: true },
  });
  const details = { source: referral.source, priority: referral.priority, receivedOn: referral.receivedOn };
  await recordAudit(tx, { actor, ipAddress, action: 'referral.create', entityType: 'Referral', entityId: created.id, patientId, details });
  return created.id;
}

export async function registerReferral(
  value: ReferralFormValue,
  actor: Actor,
  ipAddress: string | null,
): Promise<RegisterReferralResult> {
  const prisma = await getPrisma();

  if (value.patient.kind === 'existing') {
    const patient = await findPatientByNhsNumber(value.patient.nhsNumber);
    if (!patient) {
      throw new DomainError('INVALID_INPUT', 'No patient has this NHS number.', {
        existingNhsNumber: ['No patient is registered with this NHS number. Check it, or choose "No" to register a new patient'],
      });
    }
    const referralId = await prisma.$transaction((tx) => createReferral(tx, patient.id, value.referral, actor, ipAddress));
    return { kind: 'registered', referralId, patientId: patient.id, newPatient: false };
  }

  const details = value.patient.details;
  try {
    return await prisma.$transaction(async (tx) => {
      const patient = await createPatientRecord(tx, details, actor, ipAddress);
      const referralId = await createReferral(tx, patient.id, value.referral, actor, ipAddress);
      return { kind: 'registered' as const, referralId, patientId: patient.id, newPatient: true };
    });
  } catch (error) {
    if (!isDuplicateNhsNumber(error)) throw error;
    const existing = await findPatientByNhsNumber(details.nhsNumber);
    // Refused because of a record that has since gone would be odd; let the clerk try again.
    if (!existing) throw error;
    // The clerk is shown who the existing patient is: that is a view of their record.
    await recordAudit(prisma, {
      actor,
      action: 'patient.duplicate-offered',
      entityType: 'Patient',
      entityId: existing.id,
      patientId: existing.id,
      ipAddress,
      details: { at: 'referral-intake' },
    });
    return { kind: 'duplicate-patient', existing };
  }
}
