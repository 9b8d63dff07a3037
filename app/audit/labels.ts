// Human labels for the audit trail. Pure. Every action string the code records has a label here (a unit test
// reads app/ for `action: '...'` and fails when one is missing); an action not listed (a future one, or an
// old one no longer recorded) is shown with its code, never hidden.

export type AuditActionGroup =
  | 'Signing in and accounts'
  | 'Patients'
  | 'Referrals'
  | 'Telephone consultations'
  | 'Clinical record'
  | 'Procedures'
  | 'Leaflets and letters'
  | 'Messages'
  | 'Configuration'
  | 'Audit trail';

type Entry = { label: string; group: AuditActionGroup };

const g =
  (group: AuditActionGroup) =>
  (label: string): Entry => ({ label, group });
const accounts = g('Signing in and accounts');
const patients = g('Patients');
const referrals = g('Referrals');
const consultations = g('Telephone consultations');
const clinical = g('Clinical record');
const procedures = g('Procedures');
const leaflets = g('Leaflets and letters');
const messages = g('Messages');
const configuration = g('Configuration');
const audit = g('Audit trail');

export const AUDIT_ACTIONS: Readonly<Record<string, Entry>> = {
  // Signing in, staff accounts, second factor
  'session.sign-in': accounts('Signed in'),
  'session.sign-out': accounts('Signed out'),
  'session.sign-in-failed': accounts('Failed sign-in attempt'),
  'staff.create': accounts('Created a staff account'),
  'staff.role-change': accounts('Changed a staff member’s role'),
  'staff.deactivate': accounts('Deactivated a staff account'),
  'staff.reactivate': accounts('Reactivated a staff account'),
  'staff.unlock': accounts('Unlocked a staff account'),
  'staff.password-reset-issued': accounts('Issued a password reset'),
  'staff.password-reset-used': accounts('Used a password reset'),
  'staff.password-change': accounts('Changed their password'),
  'staff.password-change-failed': accounts('Gave a wrong current password when changing it'),
  'staff.update': accounts('Changed a staff member’s details'),
  'second-factor.enrol': accounts('Set up a second sign-in factor'),
  'second-factor.verify-failed': accounts('Entered a wrong second-factor code'),
  'second-factor.code-reused': accounts('Entered a second-factor code already used'),
  'second-factor.recovery-used': accounts('Used a second-factor recovery code'),
  'second-factor.disable': accounts('Turned off their second sign-in factor'),
  'second-factor.reset': accounts('Reset a staff member’s second sign-in factor'),
  'second-factor.recovery-codes-replace': accounts('Replaced their second-factor recovery codes'),

  // Patients
  'patient.view': patients('Viewed the patient record'),
  'patient.search': patients('Searched for a patient'),
  'patient.create': patients('Registered a patient'),
  'patient.duplicate-offered': patients('Was shown an existing patient with the same NHS number'),
  'patient.messages.view': patients('Viewed the patient’s messages'),
  'patient.clinical-view': patients('Viewed the clinical record'),

  // Referrals
  'referral.create': referrals('Registered a referral'),
  'referral.view': referrals('Viewed a referral'),
  'referral.discharge': referrals('Discharged a referral'),

  // Telephone consultations and clinics
  'appointment.book': consultations('Booked an appointment'),
  'appointment.rebook': consultations('Rebooked an appointment'),
  'appointment.move': consultations('Moved an appointment'),
  'appointment.cancel': consultations('Cancelled an appointment'),
  'appointment.dna': consultations('Recorded did not answer (DNA)'),
  'appointment.view': consultations('Viewed an appointment'),
  'consultation.call-attempt': consultations('Logged a call to the patient'),
  'consultation.waiting-list.view': consultations('Viewed the consultation waiting list'),
  'outcome.record': consultations('Recorded a consultation outcome'),
  'outcome.edit': consultations('Changed a consultation outcome'),
  'outcome.view': consultations('Viewed a consultation outcome'),
  'clinic.create': consultations('Created a clinic'),
  'clinic.cancel': consultations('Cancelled a clinic'),
  'clinic.day.view': consultations('Viewed a clinic day'),
  'clinic.worklist.view': consultations('Viewed a clinic worklist'),
  'sessions.generate': consultations('Generated clinics and lists from templates'),

  // Clinical record
  'patient-medicine.record': clinical('Recorded a medicine'),
  'patient-medicine.stop': clinical('Stopped a medicine'),
  'patient-allergy.record': clinical('Recorded an allergy'),
  'patient-allergy.remove': clinical('Removed an allergy'),
  'patient.diabetes': clinical('Recorded diabetes details'),
  'blood-thinner-plan.confirm': clinical('Confirmed a blood-thinner plan'),
  'blood-thinner-plan.reconfirm': clinical('Changed a confirmed blood-thinner plan'),
  'blood-thinner-plan.second-confirm': clinical('Second-confirmed a blood-thinner plan'),
  'blood-thinner-plan.view': clinical('Viewed a blood-thinner plan'),
  'diabetes-medicine-plan.record': clinical('Recorded a diabetes medicine plan'),
  'diabetes-medicine-plan.replace': clinical('Changed a diabetes medicine plan'),
  'medicine-plan-calls.view': clinical('Viewed the medicine-plan calls list'),

  // Procedures
  'procedure-request.view': procedures('Viewed a procedure request'),
  'procedure-waiting-list.view': procedures('Viewed the procedure waiting list'),
  'procedure-list.view': procedures('Viewed a procedure day list'),
  'procedure-list.print': procedures('Printed a procedure day list'),
  'procedure-list.export': procedures('Exported a procedure day list (CSV)'),
  'procedure-list.cancel': procedures('Cancelled a procedure list'),
  'procedure-list.send-leaflets': procedures('Sent leaflets for a procedure list'),

  // Leaflets and letters
  'leaflet.generate': leaflets('Generated leaflets'),
  'leaflet.preview': leaflets('Previewed a leaflet'),
  'leaflet.download': leaflets('Downloaded a leaflet'),
  'leaflet-part.approve': leaflets('Approved a leaflet part'),
  'leaflet-part.revoke': leaflets('Withdrew approval of a leaflet part'),
  'document.download': leaflets('Downloaded a document'),
  'letter.generate': leaflets('Generated a letter'),
  'letter.download': leaflets('Downloaded a letter'),
  'letter.posted': leaflets('Marked a letter as posted'),
  'letters.view': leaflets('Viewed the letters to print'),

  // Messages
  'message.queue': messages('Queued a message'),
  'message.sent': messages('Message sent'),
  'message.failed': messages('Message failed'),
  'message.resend': messages('Resent a message'),
  'messages.view': messages('Viewed messages'),
  'mailbox.view': messages('Viewed the local mailbox'),
  'mailbox.view-message': messages('Viewed a message in the local mailbox'),

  // Configuration
  'unit-setting.update': configuration('Changed a unit setting'),
  'clinic-template.create': configuration('Created a clinic template'),
  'clinic-template.deactivate': configuration('Retired a clinic template'),
  'procedure-list-template.create': configuration('Created a procedure list template'),
  'procedure-list-template.deactivate': configuration('Retired a procedure list template'),
  'blood-thinner-rule.propose': configuration('Proposed a blood-thinner rule change'),
  'blood-thinner-rule.update': configuration('Approved a blood-thinner rule change'),
  'blood-thinner-rule.reject': configuration('Rejected a blood-thinner rule change'),

  // The audit trail itself
  'audit.view': audit('Viewed the audit trail'),
  'audit.export': audit('Exported the audit trail (CSV)'),
};

export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
  'Signing in and accounts',
  'Patients',
  'Referrals',
  'Telephone consultations',
  'Clinical record',
  'Procedures',
  'Leaflets and letters',
  'Messages',
  'Configuration',
  'Audit trail',
];

export function isKnownAuditAction(action: string): boolean {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, action);
}

/** The label for an action; an unknown one shows its code, so nothing recorded is hidden or misnamed. */
export function auditActionLabel(action: string): string {
  return isKnownAuditAction(action) ? AUDIT_ACTIONS[action].label : `Other action (${action})`;
}

/** The actions for the filter's select, grouped, each group in label order. */
export function auditActionOptions(): { group: AuditActionGroup; options: { value: string; label: string }[] }[] {
  return AUDIT_ACTION_GROUPS.map((group) => ({
    group,
    options: Object.entries(AUDIT_ACTIONS)
      .filter(([, entry]) => entry.group === group)
      .map(([value, entry]) => ({ value, label: entry.label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
  }));
}

const ENTITY_LABEL: Record<string, string> = {
  Appointment: 'Appointment',
  Patient: 'Patient record',
  Referral: 'Referral',
  OutcomeRecord: 'Consultation outcome',
  Clinic: 'Clinic',
  ClinicTemplate: 'Clinic template',
  ProcedureList: 'Procedure list',
  ProcedureListTemplate: 'Procedure list template',
  ProcedureRequest: 'Procedure request',
  SentDocument: 'Leaflet document',
  OutboxMessage: 'Message',
  Task: 'Task',
  DiabetesMedicinePlan: 'Diabetes medicine plan',
  LeafletApproval: 'Leaflet part approval',
  BloodThinnerRuleChange: 'Blood-thinner rule change',
  Session: 'Sign-in session',
  StaffUser: 'Staff account',
  UnitSetting: 'Unit setting',
  LeafletPart: 'Leaflet part',
  BloodThinnerRule: 'Blood-thinner rule',
  BloodThinnerPlan: 'Blood-thinner plan',
  PatientMedicine: 'Medicine',
  PatientAllergy: 'Allergy',
  AuditEvent: 'Audit trail',
};

/** "Appointment", "Consultation outcome"...; an unknown record type shows its name. */
export function auditEntityLabel(entityType: string): string {
  return ENTITY_LABEL[entityType] ?? entityType;
}
