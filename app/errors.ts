// Domain code throws DomainError with a stable code and a message a clerk or doctor understands.
// Routes map the code to an HTTP status at the edge (docs/decisions/0004).

export const DOMAIN_ERROR_STATUS = {
  INVALID_INPUT: 400,
  INVALID_NHS_NUMBER: 400,
  PAST_DATE: 400,
  OUTSIDE_SESSION: 400,
  SITE_HAS_NO_SUITE: 400,
  MODALITY_MISMATCH: 400,
  NOT_SIGNED_IN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE_PATIENT: 409,
  SLOT_TAKEN: 409,
  LIST_FULL: 409,
  LIST_CANCELLED: 409,
  TOO_SOON_TO_STOP_MEDICINE: 409,
  NO_PHONE_NUMBER: 409,
  PATIENT_DOUBLE_BOOKED: 409,
  STALE_FORM: 409,
  CLINIC_CANCELLED: 409,
  CONSULTATION_ALREADY_BOOKED: 409,
  NO_ANSWERED_CALL: 409,
  REQUEST_ALREADY_BOOKED: 409,
  APPOINTMENT_CANCELLED: 409,
  LEAFLET_NOT_APPROVED: 409,
  DUPLICATE_STAFF_EMAIL: 409,
  LAST_ADMIN: 409,
  RESET_LINK_NOT_VALID: 410,
  /** A doctor acting in a colleague's clinic without declaring they are covering it (ADR 0019). */
  NOT_COVERING: 409,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly status: number;
  /** Field-level messages for forms, keyed by field name. */
  readonly fields?: Record<string, string[]>;

  constructor(code: DomainErrorCode, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = DOMAIN_ERROR_STATUS[code];
    this.fields = fields;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
