// Patients: search, read, register. Every view and change is written to the audit trail.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { isViolationOf } from '~/db/constraint-violation.server';
import { DomainError } from '~/errors';
import { Prisma } from '~/generated/prisma/client';
import { parseNhsNumber } from '~/utils/nhs-number';
import type { PatientFormValue } from './patient-form';

export type PatientSummary = {
  id: string;
  nhsNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  postcode: string | null;
};

const summarySelect = {
  id: true,
  nhsNumber: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  postcode: true,
} as const;

export type PatientSearch =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string }
  | { kind: 'results'; patients: PatientSummary[]; by: 'nhsNumber' | 'name' };

/** Digits (with spaces) search by NHS number, which must be valid; anything else searches names. */
export async function searchPatients(query: string | undefined, actor: Actor): Promise<PatientSearch> {
  const q = (query ?? '').trim();
  if (q === '') return { kind: 'empty' };
  const prisma = await getPrisma();
  if (/^[\d\s-]+$/.test(q)) {
    const parsed = parseNhsNumber(q);
    if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
    const patients = await prisma.patient.findMany({ where: { nhsNumber: parsed.value }, select: summarySelect });
    await recordAudit(prisma, {
      actor,
      action: 'patient.search',
      entityType: 'Patient',
      entityId: patients[0]?.id ?? '-',
      patientId: patients[0]?.id,
      details: { by: 'nhsNumber', results: patients.length },
    });
    return { kind: 'results', patients, by: 'nhsNumber' };
  }
  if (q.length < 2) return { kind: 'invalid', message: 'Enter at least 2 letters of the name' };
  const words = q.split(/\s+/).slice(0, 3);
  const patients = await prisma.patient.findMany({
    where: {
      AND: words.map((w) => ({
        OR: [
          { lastName: { contains: w, mode: 'insensitive' as const } },
          { firstName: { contains: w, mode: 'insensitive' as const } },
        ],
      })),
    },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    take: 50,
    select: summarySelect,
  });
  await recordAudit(prisma, {
    actor,
    action: 'patient.search',
    entityType: 'Patient',
    entityId: '-',
    details: { by: 'name', results: patients.length },
  });
  return { kind: 'results', patients, by: 'name' };
}

export async function getPatientRecord(patientId: string, actor: Actor) {
  const prisma = await getPrisma();
  const patient = await prisma.patient.findUnique({
    where: { id: patientId },
    select: {
      ...summarySelect,
      email: true,
      emailConsent: true,
      mobilePhone: true,
      smsConsent: true,
      preferredChannel: true,
      addressLines: true,
      gpPractice: true,
      communicationNeeds: true,
      interpreterLanguage: true,
      communicationNotes: true,
      escortNotes: true,
      transportNotes: true,
      diabetes: true,
      allergies: { select: { id: true, kind: true, detail: true } },
      medicines: {
        where: { stoppedAt: null },
        select: { id: true, freeTextName: true, dose: true, medicine: { select: { displayName: true, drivingCategory: true, bloodThinnerClass: true } } },
      },
      referrals: {
        orderBy: { receivedOn: 'desc' },
        select: { id: true, source: true, receivedOn: true, clockStartOn: true, priority: true, reason: true, status: true },
      },
      appointments: {
        orderBy: { startsAt: 'desc' },
        take: 20,
        select: {
          id: true,
          kind: true,
          startsAt: true,
          status: true,
          slot: { select: { clinic: { select: { site: { select: { name: true } }, clinician: { select: { name: true } } } } } },
          procedureList: { select: { site: { select: { name: true } } } },
          procedureRequest: { select: { procedureType: { select: { name: true } } } },
        },
      },
    },
  });
  if (!patient) throw new DomainError('NOT_FOUND', 'There is no patient with that record number.');
  await recordAudit(prisma, { actor, action: 'patient.view', entityType: 'Patient', entityId: patient.id, patientId: patient.id });
  return patient;
}

export type PatientRecord = Awaited<ReturnType<typeof getPatientRecord>>;

export async function findPatientByNhsNumber(nhsNumber: string) {
  const prisma = await getPrisma();
  return prisma.patient.findUnique({ where: { nhsNumber }, select: summarySelect });
}

/**
 * Creates a patient and its audit event inside the caller's transaction, so another record (a referral) can be
 * created atomically with it. A duplicate NHS number makes the database refuse the insert (P2002 on
 * Patient_nhsNumber_key), which aborts the caller's transaction.
 */
export async function createPatientRecord(
  tx: Prisma.TransactionClient,
  value: PatientFormValue,
  actor: Actor,
  ipAddress: string | null,
) {
  const patient = await tx.patient.create({
    data: {
      nhsNumber: value.nhsNumber,
      firstName: value.firstName,
      lastName: value.lastName,
      dateOfBirth: new Date(`${value.dateOfBirth}T00:00:00Z`),
      email: value.email ?? null,
      emailConsent: value.emailConsent,
      emailConsentRecordedAt: value.emailConsent ? new Date() : null,
      mobilePhone: value.mobilePhone ?? null,
      preferredChannel: value.emailConsent ? 'EMAIL' : 'LETTER',
      addressLines: [value.addressLine1, value.addressLine2, value.town].filter((l): l is string => !!l),
      postcode: value.postcode ?? null,
      gpPractice: value.gpPractice ?? null,
      communicationNeeds: value.communicationNeeds,
      interpreterLanguage: value.communicationNeeds.includes('INTERPRETER') ? value.interpreterLanguage : null,
    },
    select: summarySelect,
  });
  await recordAudit(tx, { actor, action: 'patient.create', entityType: 'Patient', entityId: patient.id, patientId: patient.id, ipAddress });
  return patient;
}

/** True when the error is the database refusing a second patient with the same NHS number. */
export function isDuplicateNhsNumber(error: unknown): boolean {
  return isViolationOf(error, 'Patient_nhsNumber_key');
}

/**
 * Registers a patient. A patient whose NHS number is already registered is not created twice:
 * the unique key decides (not a prior read), and the clerk is offered the existing record.
 */
export async function registerPatient(value: PatientFormValue, actor: Actor, ipAddress: string | null) {
  const prisma = await getPrisma();
  try {
    return await prisma.$transaction((tx) => createPatientRecord(tx, value, actor, ipAddress));
  } catch (error) {
    if (isDuplicateNhsNumber(error)) {
      const existing = await findPatientByNhsNumber(value.nhsNumber);
      throw new DomainError('DUPLICATE_PATIENT', 'A patient with this NHS number is already registered.', {
        nhsNumber: [`A patient with this NHS number is already registered${existing ? `: ${existing.firstName} ${existing.lastName}` : ''}`],
      });
    }
    throw error;
  }
}
