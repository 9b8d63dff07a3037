// Recognises which database rule refused a write, so a use case can turn it into a DomainError a
// clerk understands (ADR 3). Works for both adapters: Prisma reports the driver's SQLSTATE and
// message under meta.driverAdapterError.cause.

export type ConstraintViolation = {
  kind: 'unique' | 'exclusion' | 'check' | 'foreign-key' | 'not-null';
  /** The constraint or index name, e.g. "Appointment_slot_taken_key". */
  constraint: string;
};

const KIND_BY_SQLSTATE: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23P01': 'exclusion',
  '23514': 'check',
  '23503': 'foreign-key',
  '23502': 'not-null',
};

type AdapterCause = { originalCode?: string; code?: string; originalMessage?: string; message?: string; constraint?: { index?: string } };

export function constraintViolation(error: unknown): ConstraintViolation | null {
  if (!error || typeof error !== 'object') return null;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } }).meta?.driverAdapterError?.cause;
  if (!cause) return null;
  const sqlState = cause.originalCode ?? cause.code;
  const kind = sqlState ? KIND_BY_SQLSTATE[sqlState] : undefined;
  if (!kind) return null;
  const message = cause.originalMessage ?? cause.message ?? '';
  const named = /(?:constraint|index) "([^"]+)"/.exec(message)?.[1] ?? cause.constraint?.index;
  return { kind, constraint: named ?? '' };
}

/** True when the error is the named constraint refusing the write. */
export function isViolationOf(error: unknown, constraint: string): boolean {
  return constraintViolation(error)?.constraint === constraint;
}
