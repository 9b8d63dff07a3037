// Who may do what: the capabilities with conditions beyond the role, and which roles may open each page
// (route module). Pure. Routes still guard themselves with requireActor (app/auth/session.server.ts), in the
// loader and in the action; tests/server/route-access.test.ts calls every route module's loader (and
// action) with each role's cookie and checks the guard agrees with ROUTE_ACCESS, so this table is the tested
// statement of the rules, and a new route without an entry here fails that test. ADR 0019.
import type { Role } from '~/generated/prisma/enums';

export const ROLES: readonly Role[] = ['CLERK', 'DOCTOR', 'ADMIN'];

// ---------------------------------------------------------------------------------------------------------
// Capabilities with a condition
// ---------------------------------------------------------------------------------------------------------

export type Capability = 'consultation.log-call' | 'consultation.record-outcome' | 'audit.read';

export const CAPABILITIES: Readonly<Record<Capability, { roles: readonly Role[]; condition: string }>> = {
  'consultation.log-call': {
    roles: ['DOCTOR'],
    condition:
      'In their own clinic; in a colleague’s clinic only when covering it, declared for that clinic’s doctor, and then recorded as covering (audit detail coveringForId).',
  },
  'consultation.record-outcome': {
    roles: ['DOCTOR'],
    condition:
      'In their own clinic; in a colleague’s clinic only when covering it, declared for that clinic’s doctor, and then recorded as covering (audit detail coveringForId).',
  },
  'audit.read': {
    roles: ['ADMIN'],
    condition: 'The whole trail, its CSV export and each patient’s access history; reading and exporting are themselves audited.',
  },
};

export function hasCapability(role: Role, capability: Capability): boolean {
  return CAPABILITIES[capability].roles.includes(role);
}

/**
 * May this staff member act (log a call, record an outcome) on a consultation in a clinic run by
 * `clinicianId`? Doctors cover for absent colleagues, so a patient is never left without an outcome; but
 * acting in someone else's clinic must be deliberate and visible: the doctor declares whose clinic they are
 * covering, and the declaration must name this clinic's doctor (a stale or mistaken page does not count).
 */
export type ClinicAccess =
  | { kind: 'own' }
  | { kind: 'covering'; coveringForId: string }
  | { kind: 'refused'; reason: 'ROLE' | 'NOT_COVERING' };

export function clinicAccess(
  actor: { id: string; role: Role },
  capability: 'consultation.log-call' | 'consultation.record-outcome',
  clinicianId: string | null,
  declaredCoveringFor?: string | null,
): ClinicAccess {
  if (!hasCapability(actor.role, capability)) return { kind: 'refused', reason: 'ROLE' };
  // A consultation without a clinic has no doctor to cover for.
  if (clinicianId === null || clinicianId === actor.id) return { kind: 'own' };
  if (declaredCoveringFor && declaredCoveringFor === clinicianId) return { kind: 'covering', coveringForId: clinicianId };
  return { kind: 'refused', reason: 'NOT_COVERING' };
}

// ---------------------------------------------------------------------------------------------------------
// Pages: which roles may load each route module, and which may submit its forms
// ---------------------------------------------------------------------------------------------------------

/** 'public': anyone, signed in or not; 'signed-in': every role; otherwise the roles listed. */
export type RouteRoles = 'public' | 'signed-in' | readonly Role[];

export type RouteAccess = {
  /** Who may load the page (GET); null when the module has no loader. */
  loader: RouteRoles | null;
  /** Who may submit (POST); null when the module has no action. */
  action: RouteRoles | null;
  note?: string;
};

const ALL: readonly Role[] = ['CLERK', 'DOCTOR', 'ADMIN'];

/** Keyed by the file name in app/routes without its extension. */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  _index: { loader: 'signed-in', action: null },
  'sign-in': { loader: 'public', action: 'public' },
  'sign-out': { loader: 'public', action: 'public', note: 'Loading it only redirects home; signing out ends the session of whoever is signed in.' },
  'sign-in_.second-factor': { loader: 'public', action: 'public', note: 'Only with a pending sign-in whose password was accepted (ADR 16); otherwise back to sign-in.' },
  'sign-in_.set-up-second-factor': { loader: 'public', action: 'public', note: 'Only with a pending sign-in of a role that must set up a second factor (ADR 16).' },
  'reset-password': { loader: 'public', action: 'public', note: 'Only with a valid one-time link an administrator issued (ADR 15).' },
  account: { loader: null, action: null, note: 'Layout of the /account pages: no loader, each page guards itself.' },
  'account._index': { loader: 'signed-in', action: 'signed-in', note: 'Everyone changes their own password.' },
  'account.two-factor': { loader: 'signed-in', action: 'signed-in', note: 'Everyone may set up a second factor; roles that require it cannot turn it off.' },
  'account.recovery-codes': { loader: 'signed-in', action: null },

  admin: { loader: null, action: null, note: 'Layout of the /admin pages: no loader, so doctors reach the pages open to them; each page guards itself.' },
  'admin._index': { loader: ['ADMIN'], action: null },
  'admin.audit': { loader: ['ADMIN'], action: null },
  'admin.staff.new': { loader: ['ADMIN'], action: ['ADMIN'] },
  'admin.staff.$staffId': { loader: ['ADMIN'], action: ['ADMIN'] },
  'admin.staff.$staffId_.reset-second-factor': { loader: ['ADMIN'], action: ['ADMIN'] },
  'admin.audit_.csv': { loader: ['ADMIN'], action: null },
  'admin.blood-thinner-rules': { loader: ['ADMIN', 'DOCTOR'], action: ['ADMIN', 'DOCTOR'], note: 'Doctors propose and approve rule changes; some steps are for administrators only.' },
  'admin.leaflets': { loader: ['ADMIN', 'DOCTOR'], action: ['ADMIN', 'DOCTOR'] },
  'admin.leaflets_.$': { loader: ['ADMIN', 'DOCTOR'], action: null },
  'admin.list-templates': { loader: ['ADMIN'], action: ['ADMIN'] },
  'admin.settings': { loader: ['ADMIN'], action: ['ADMIN'] },
  'admin.templates._index': { loader: ['ADMIN'], action: ['ADMIN'] },
  'admin.templates.one-off': { loader: ['ADMIN'], action: ['ADMIN'] },

  clinics: { loader: ['CLERK'], action: ['CLERK'] },
  'consultations._index': { loader: ['CLERK'], action: ['CLERK'] },
  'consultations.book': { loader: ['CLERK'], action: ['CLERK'] },
  'consultations.$appointmentId': { loader: ['CLERK'], action: ['CLERK'] },
  'consultations.$appointmentId_.outcome': {
    loader: ['DOCTOR', 'CLERK'],
    action: ['DOCTOR'],
    note: 'Clerks read outcomes; doctors record them (capability consultation.record-outcome: own clinic, or covering).',
  },
  'my-clinic': { loader: ['DOCTOR'], action: ['DOCTOR'], note: 'Capability consultation.log-call: own clinic, or a colleague’s clinic opened to cover it.' },

  'documents.$file': { loader: ALL, action: null },
  'letters._index': { loader: ['CLERK', 'ADMIN'], action: ['CLERK', 'ADMIN'] },
  'letters.$messageId.pdf': { loader: ['CLERK', 'ADMIN'], action: null },
  'lists._index': { loader: ALL, action: null },
  'lists.$listId': { loader: ALL, action: ['CLERK', 'ADMIN'] },
  'lists.$listId.csv': { loader: ALL, action: null },
  'lists.$listId.pdf': { loader: ALL, action: null },
  'lists.$listId_.send': { loader: ['CLERK', 'ADMIN'], action: ['CLERK', 'ADMIN'] },
  'mailbox._index': { loader: ['CLERK', 'ADMIN'], action: null },
  'mailbox.$messageId': { loader: ['CLERK', 'ADMIN'], action: null },
  'mailbox.$messageId_.attachments.$index': { loader: ['CLERK', 'ADMIN'], action: null },
  'medicine-plans': { loader: ['CLERK', 'DOCTOR'], action: null },
  'messages._index': { loader: ['CLERK', 'ADMIN'], action: null },

  'patients._index': { loader: 'signed-in', action: null },
  'patients.new': { loader: ['CLERK'], action: ['CLERK'] },
  'patients.$patientId': { loader: 'signed-in', action: null, note: 'Administrators also see who has looked at the record (capability audit.read).' },
  'patients.$patientId_.clinical': { loader: ['DOCTOR', 'CLERK'], action: ['DOCTOR'] },
  'patients.$patientId_.messages': { loader: ALL, action: ['CLERK', 'ADMIN'] },
  'procedure-bookings.$appointmentId': { loader: ['CLERK'], action: ['CLERK'] },
  'procedure-bookings.$appointmentId.leaflets.$file': { loader: ALL, action: null },
  'procedure-requests.$requestId.plan': { loader: ['DOCTOR', 'CLERK'], action: ['DOCTOR'] },
  'procedures._index': { loader: ['CLERK'], action: null },
  'procedures.$requestId.book': { loader: ['CLERK'], action: ['CLERK'] },
  'referrals.new': { loader: ['CLERK'], action: ['CLERK'] },
};

/** The roles a RouteRoles value lets in (every role for 'public' and 'signed-in'). */
export function rolesAllowed(roles: RouteRoles): readonly Role[] {
  return roles === 'public' || roles === 'signed-in' ? ROLES : roles;
}
