// Reading a consultation's outcome: every version, newest first, with who recorded it and when, and what the
// outcome form needs (the consultation, its calls, the current version). Audited as a view of the patient.
import type { Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { appointmentWithPatientSelect, auditAppointmentView, loadConsultation, NO_SUCH_TELEPHONE_CONSULTATION } from '~/appointments/appointment-repo.server';

export async function getConsultationOutcome(appointmentId: string, actor: Actor, ipAddress: string | null) {
  const prisma = await getPrisma();
  const appointment = await loadConsultation(
    prisma,
    appointmentId,
    {
      ...appointmentWithPatientSelect,
      referral: { select: { id: true, reason: true, status: true } },
      slot: { select: { clinic: { select: { date: true, clinician: { select: { id: true, name: true } }, site: { select: { name: true } } } } } },
      callAttempts: { orderBy: { at: 'asc' }, select: { id: true, result: true, at: true, by: { select: { id: true, name: true } } } },
      outcomeRecords: {
        orderBy: { version: 'desc' },
        select: {
          id: true,
          version: true,
          recordedAt: true,
          summary: true,
          recordedBy: { select: { id: true, name: true } },
          items: {
            orderBy: { id: 'asc' },
            select: {
              id: true,
              kind: true,
              details: true,
              procedureRequest: { select: { id: true, status: true } },
            },
          },
        },
      },
    },
    NO_SUCH_TELEPHONE_CONSULTATION,
  );
  await auditAppointmentView(prisma, appointment, actor, ipAddress, 'outcome.view');
  return appointment;
}
