// Reading and changing appointments, for every domain that does: the named selects pages and use cases share,
// loading one procedure case or one consultation (NOT_FOUND when the id is not one), the version-checked update
// every change goes through (ADR 6), and cancelling by the hospital everything in a cancelled clinic or list.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { AppointmentKind, AppointmentStatus } from '~/generated/prisma/enums';
import { ACTIVE_STATUSES } from './appointment-status';

type Db = PrismaClient | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------------------
// Named selects
// ---------------------------------------------------------------------------------------------------------

/** What appointment-rules.ts decides on, and the version a form carries back. */
export const appointmentFactsSelect = {
  id: true,
  kind: true,
  status: true,
  version: true,
  startsAt: true,
  endsAt: true,
} as const satisfies Prisma.AppointmentSelect;

/** The patient as a page heading names them. */
export const patientSummarySelect = {
  id: true,
  nhsNumber: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
} as const satisfies Prisma.PatientSelect;

export const appointmentWithPatientSelect = {
  ...appointmentFactsSelect,
  patient: { select: patientSummarySelect },
} as const satisfies Prisma.AppointmentSelect;

export type AppointmentWithPatient = Prisma.AppointmentGetPayload<{ select: typeof appointmentWithPatientSelect }>;

/** Who booked and who cancelled it, when and why: the history a case or consultation page shows. */
export const bookingHistorySelect = {
  bookedAt: true,
  cancelledAt: true,
  cancellationReason: true,
  bookedBy: { select: { name: true } },
  cancelledBy: { select: { name: true } },
} as const satisfies Prisma.AppointmentSelect;

/** What the move, cancel and DNA use cases read of a procedure case. */
export const caseChangeSelect = {
  ...appointmentFactsSelect,
  patientId: true,
  procedureListId: true,
  procedureRequestId: true,
  minutes: true,
} as const satisfies Prisma.AppointmentSelect;

/** What the cancel, move, call and outcome use cases read of a consultation. */
export const consultationChangeSelect = {
  ...appointmentFactsSelect,
  patientId: true,
  referralId: true,
} as const satisfies Prisma.AppointmentSelect;

/** The clinic's doctor, whose clinic a call or an outcome belongs to (ADR 0019). */
export const clinicDoctorSelect = {
  slot: { select: { clinic: { select: { clinicianId: true, clinician: { select: { name: true } } } } } },
} as const satisfies Prisma.AppointmentSelect;

// ---------------------------------------------------------------------------------------------------------
// Loading one procedure case or consultation
// ---------------------------------------------------------------------------------------------------------

export const NO_SUCH_CASE_MESSAGE = 'There is no such procedure booking.';
export const NO_SUCH_CONSULTATION_MESSAGE = 'There is no such consultation.';
/** The pages' words: the consultation page and the outcome page, and a rebooking of a consultation. */
export const NO_SUCH_TELEPHONE_CONSULTATION = 'There is no such telephone consultation.';
export const NO_SUCH_CONSULTATION_TO_REBOOK = 'There is no such consultation to rebook.';

type Payload<S extends Prisma.AppointmentSelect> = Prisma.AppointmentGetPayload<{ select: S }>;

/** The database's Appointment_kind_check makes these present for the kind: the loaded type says so. */
type Present<P, K extends string> = P & { [R in Extract<keyof P, K>]: NonNullable<P[R]> };

const caseKeys = { kind: true, procedureListId: true, procedureRequestId: true } as const;
const consultationKeys = { kind: true, slotId: true } as const;

export type ProcedureCaseOf<S extends Prisma.AppointmentSelect> = Present<Payload<S & typeof caseKeys>, 'procedureListId' | 'procedureRequestId' | 'procedureList' | 'procedureRequest'>;
export type ConsultationOf<S extends Prisma.AppointmentSelect> = Present<Payload<S & typeof consultationKeys>, 'slotId' | 'slot'>;

async function loadOfKind(db: Db, appointmentId: string, select: Prisma.AppointmentSelect, kind: AppointmentKind, missing: string) {
  const found = (await db.appointment.findUnique({ where: { id: appointmentId }, select })) as { kind: AppointmentKind } | null;
  if (!found || found.kind !== kind) throw new DomainError('NOT_FOUND', missing);
  return found;
}

/** One procedure case, as `select` reads it, or NOT_FOUND (also for a consultation's id). */
export async function loadProcedureCase<S extends Prisma.AppointmentSelect>(db: Db, appointmentId: string, select: S) {
  const found = await loadOfKind(db, appointmentId, { ...select, ...caseKeys }, 'PROCEDURE', NO_SUCH_CASE_MESSAGE);
  return found as unknown as ProcedureCaseOf<S>;
}

/** One telephone consultation, as `select` reads it, or NOT_FOUND with the page's own words. */
export async function loadConsultation<S extends Prisma.AppointmentSelect>(
  db: Db,
  appointmentId: string,
  select: S,
  missing: string = NO_SUCH_CONSULTATION_MESSAGE,
) {
  const found = await loadOfKind(db, appointmentId, { ...select, ...consultationKeys }, 'CONSULTATION', missing);
  return found as unknown as ConsultationOf<S>;
}

/** A page showing one appointment is a view of the patient's record, audited as such. */
export async function auditAppointmentView(
  db: Db,
  appointment: { id: string; patient: { id: string } },
  actor: Actor,
  ipAddress: string | null,
  action: 'appointment.view' | 'outcome.view' = 'appointment.view',
): Promise<void> {
  await recordAudit(db, { actor, action, entityType: 'Appointment', entityId: appointment.id, patientId: appointment.patient.id, ipAddress });
}

// ---------------------------------------------------------------------------------------------------------
// Changing appointments
// ---------------------------------------------------------------------------------------------------------

/**
 * Applies `data` and a new version only if the appointment still has the version the form was made from and one
 * of the statuses the change is allowed from; otherwise STALE_FORM (409) with the page's message, nothing changed.
 */
export async function updateAppointmentIfCurrent(
  tx: Tx,
  expected: { id: string; version: number; statuses: readonly AppointmentStatus[] },
  data: Prisma.AppointmentUncheckedUpdateManyInput,
  staleMessage: string,
): Promise<void> {
  const updated = await tx.appointment.updateMany({
    where: { id: expected.id, version: expected.version, status: { in: [...expected.statuses] } },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw new DomainError('STALE_FORM', staleMessage);
}

/**
 * Cancels, as the hospital, every active appointment `where` finds (a cancelled clinic's or list's), each one's
 * version moved on so an open form for it is stale. Call after the clinic or list row is locked.
 */
export async function cancelAllByHospital(
  tx: Tx,
  where: Prisma.AppointmentWhereInput,
  change: { reason: string; actorId: string | null; now: Date; data?: Prisma.AppointmentUncheckedUpdateManyInput },
) {
  const affected = await tx.appointment.findMany({
    where: { ...where, status: { in: [...ACTIVE_STATUSES] } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { id: true, patientId: true, procedureRequestId: true },
  });
  if (affected.length > 0) {
    await tx.appointment.updateMany({
      where: { id: { in: affected.map((a) => a.id) }, status: { in: [...ACTIVE_STATUSES] } },
      data: {
        ...change.data,
        status: 'CANCELLED_BY_HOSPITAL',
        cancelledAt: change.now,
        cancelledById: change.actorId,
        cancellationReason: change.reason,
        version: { increment: 1 },
      },
    });
  }
  return affected;
}

/** One `appointment.cancel` audit event per appointment; the reason stays on the appointment (it may name people). */
export async function auditCancellations(
  tx: Tx,
  appointments: readonly { id: string; patientId: string }[],
  context: { actor: Actor; ipAddress: string | null; details: Prisma.InputJsonObject },
): Promise<void> {
  for (const appointment of appointments) {
    await recordAudit(tx, {
      actor: context.actor,
      action: 'appointment.cancel',
      entityType: 'Appointment',
      entityId: appointment.id,
      patientId: appointment.patientId,
      ipAddress: context.ipAddress,
      details: context.details,
    });
  }
}

/** A procedure case's row as it is placed on a list; booking and the test factories build it the same way. */
export function procedureCaseData(
  request: { id: string; patientId: string; referralId: string | null; minutes: number },
  listId: string,
  planned: { startsAt: Date; endsAt: Date; arrivalAt: Date },
) {
  return {
    kind: 'PROCEDURE',
    patientId: request.patientId,
    referralId: request.referralId,
    procedureListId: listId,
    procedureRequestId: request.id,
    startsAt: planned.startsAt,
    endsAt: planned.endsAt,
    arrivalAt: planned.arrivalAt,
    minutes: request.minutes,
  } as const satisfies Prisma.AppointmentUncheckedCreateInput;
}
