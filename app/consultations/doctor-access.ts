// Turns the permission table's answer for a doctor acting in a clinic (ADR 0019) into the use case's refusal: a
// role that may not act at all is FORBIDDEN; a doctor in a colleague's clinic who has not declared covering it is
// NOT_COVERING, naming the clinic's doctor. Pure; each use case brings its own words.
import { clinicAccess, type ClinicAccess } from '~/auth/permissions';
import { DomainError } from '~/errors';
import type { Role } from '~/generated/prisma/enums';

export type AccessWords = {
  forbidden: string;
  notCovering: (doctorName: string) => string;
  /** The form field the not-covering message also belongs to, if the form asks about covering. */
  field?: string;
};

export function requireClinicAccess(
  actor: { id: string; role: Role },
  capability: 'consultation.log-call' | 'consultation.record-outcome',
  clinic: { clinicianId: string; clinician: { name: string } },
  coveringFor: string | null | undefined,
  words: AccessWords,
): Exclude<ClinicAccess, { kind: 'refused' }> {
  const access = clinicAccess(actor, capability, clinic.clinicianId, coveringFor);
  if (access.kind !== 'refused') return access;
  if (access.reason === 'ROLE') throw new DomainError('FORBIDDEN', words.forbidden);
  const message = words.notCovering(clinic.clinician.name);
  throw new DomainError('NOT_COVERING', message, words.field ? { [words.field]: [message] } : undefined);
}
