// Clinical facts are recorded by doctors only; clerks read them (issue 4, item 7).
import type { Actor } from '~/audit/audit.server';
import { DomainError } from '~/errors';

export function requireDoctorActor(actor: Actor): asserts actor is NonNullable<Actor> {
  if (actor?.role !== 'DOCTOR') throw new DomainError('FORBIDDEN', 'Only a doctor can record medicines and clinical details.');
}
