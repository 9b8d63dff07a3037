// The audit trail's filters and page cursor, read from the query string. Pure: every value is checked and a
// bad one gives a message (never an exception, never a 500); dates are Europe/London days.
import { DateTime } from 'luxon';
import { isKnownAuditAction } from './labels';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';

export const AUDIT_ZONE = UNIT_TIME_ZONE;
export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds; a wider filter is refused with a message rather than cut silently. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/** `actorId: null` means events recorded by the system (no staff member). */
export type AuditFilter = {
  patientId?: string;
  /** An NHS number or a name, resolved to one patient by the server. */
  patientQuery?: string;
  actorId?: string | null;
  action?: string;
  /** yyyy-MM-dd, inclusive, Europe/London days. */
  from?: string;
  to?: string;
};

export type AuditCursor = { before?: bigint; after?: bigint };

export type AuditQueryError = { field: 'patient' | 'actor' | 'action' | 'from' | 'to' | 'page'; message: string };

export type ParsedAuditQuery = {
  filter: AuditFilter;
  cursor: AuditCursor;
  errors: AuditQueryError[];
  /** What the form shows again, as typed. */
  values: { patient: string; patientId: string; actor: string; action: string; from: string; to: string };
};

export const SYSTEM_ACTOR = 'system';
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_BIGINT = 9223372036854775807n;

function text(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? '').trim();
}

function londonDay(value: string): DateTime | null {
  if (!DATE.test(value)) return null;
  const day = DateTime.fromISO(value, { zone: AUDIT_ZONE });
  // Years the database and the trail can hold sensibly: 0000-01-01 is a real ISO date but not a day to search.
  if (!day.isValid || day.toISODate() !== value || day.year < 1900 || day.year > 2100) return null;
  return day.startOf('day');
}

function cursorValue(value: string): bigint | null {
  if (!/^\d{1,19}$/.test(value)) return null;
  const n = BigInt(value);
  return n > 0n && n <= MAX_BIGINT ? n : null;
}

export function formatAuditDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: AUDIT_ZONE }).toFormat('d LLLL yyyy');
}

export function parseAuditQuery(params: URLSearchParams): ParsedAuditQuery {
  const values = {
    patient: text(params, 'patient').slice(0, 100),
    patientId: text(params, 'patientId'),
    actor: text(params, 'actor'),
    action: text(params, 'action'),
    from: text(params, 'from'),
    to: text(params, 'to'),
  };
  const filter: AuditFilter = {};
  const cursor: AuditCursor = {};
  const errors: AuditQueryError[] = [];

  if (values.patientId) {
    if (ID.test(values.patientId)) filter.patientId = values.patientId;
    else errors.push({ field: 'patient', message: 'The patient link is not valid. Search for the patient by NHS number or name instead.' });
  } else if (values.patient) {
    if (text(params, 'patient').length > 100) errors.push({ field: 'patient', message: 'Enter an NHS number or a name of at most 100 characters' });
    else filter.patientQuery = values.patient;
  }

  if (values.actor === SYSTEM_ACTOR) filter.actorId = null;
  else if (values.actor) {
    if (ID.test(values.actor)) filter.actorId = values.actor;
    else errors.push({ field: 'actor', message: 'Choose a staff member from the list' });
  }

  if (values.action) {
    if (isKnownAuditAction(values.action)) filter.action = values.action;
    else errors.push({ field: 'action', message: 'Choose an action from the list' });
  }

  const from = values.from ? londonDay(values.from) : null;
  const to = values.to ? londonDay(values.to) : null;
  if (values.from && !from) errors.push({ field: 'from', message: 'Enter the “from” date as a real date between 1900 and 2100, for example 2027-03-28' });
  if (values.to && !to) errors.push({ field: 'to', message: 'Enter the “to” date as a real date between 1900 and 2100, for example 2027-03-28' });
  if (from && to && from > to) {
    errors.push({
      field: 'from',
      message: `The “from” date (${formatAuditDay(values.from)}) is after the “to” date (${formatAuditDay(values.to)}). Swap them to see the events between the two days.`,
    });
  } else {
    if (from) filter.from = values.from;
    if (to) filter.to = values.to;
  }

  const before = text(params, 'before');
  const after = text(params, 'after');
  if (before && after) errors.push({ field: 'page', message: 'The page link is not valid: it asks for newer and older events at once. Start again from the first page.' });
  else if (before) {
    const n = cursorValue(before);
    if (n === null) errors.push({ field: 'page', message: 'The page link is not valid. Start again from the first page.' });
    else cursor.before = n;
  } else if (after) {
    const n = cursorValue(after);
    if (n === null) errors.push({ field: 'page', message: 'The page link is not valid. Start again from the first page.' });
    else cursor.after = n;
  }
  return { filter, cursor, errors, values };
}

/** The instants a filter's days cover: from the start of the "from" day to the start of the day after "to". */
export function auditTimeRange(filter: Pick<AuditFilter, 'from' | 'to'>): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filter.from) range.gte = DateTime.fromISO(filter.from, { zone: AUDIT_ZONE }).startOf('day').toJSDate();
  if (filter.to) range.lt = DateTime.fromISO(filter.to, { zone: AUDIT_ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
  return range;
}

/** The query string for a resolved filter (a patient search becomes its patient's id), for page and CSV links. */
export function auditFilterQuery(filter: AuditFilter, cursor: AuditCursor = {}): string {
  const params = new URLSearchParams();
  if (filter.patientId) params.set('patientId', filter.patientId);
  else if (filter.patientQuery) params.set('patient', filter.patientQuery);
  if (filter.actorId === null) params.set('actor', SYSTEM_ACTOR);
  else if (filter.actorId) params.set('actor', filter.actorId);
  if (filter.action) params.set('action', filter.action);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (cursor.before !== undefined) params.set('before', cursor.before.toString());
  if (cursor.after !== undefined) params.set('after', cursor.after.toString());
  return params.toString();
}

/** "2027-03-28 01:30" in Europe/London, for the CSV export. */
export function auditCsvTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: AUDIT_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss');
}
