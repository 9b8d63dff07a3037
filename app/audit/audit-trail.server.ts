// Reading the audit trail: filtered, one keyset page at a time (by id, newest first: no OFFSET scans), with
// staff names, human labels and patients' names and NHS numbers looked up in one query per page; the CSV
// export of a filter; and a patient's own access history. Reading the trail is itself audited.
import type { Actor } from '~/audit/audit.server';
import { recordAudit } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { Role } from '~/generated/prisma/enums';
import { formatNhsNumber, parseNhsNumber } from '~/utils/nhs-number';
import { csvLine } from '~/utils/csv';
import {
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_PAGE_SIZE,
  auditCsvTime,
  auditTimeRange,
  parseAuditQuery,
  type AuditCursor,
  type AuditFilter,
  type AuditQueryError,
  type ParsedAuditQuery,
} from './audit-filter';
import { auditActionLabel, auditEntityLabel } from './labels';

export type AuditTrailRow = {
  id: string;
  at: Date;
  actor: { id: string; name: string } | null;
  actorRole: Role | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityLabel: string;
  entityId: string;
  /** Null when the event is about no patient; `name` null when the patient record no longer exists. */
  patient: { id: string; name: string | null; nhsNumber: string | null } | null;
  ipAddress: string | null;
  details: Prisma.JsonValue;
};

const rowSelect = {
  id: true,
  at: true,
  actorId: true,
  actorRole: true,
  action: true,
  entityType: true,
  entityId: true,
  patientId: true,
  ipAddress: true,
  details: true,
  actor: { select: { id: true, name: true } },
} as const;

type RawRow = Prisma.AuditEventGetPayload<{ select: typeof rowSelect }>;

/** A resolved filter: the patient search has become one patient's id. */
export type ResolvedAuditFilter = Omit<AuditFilter, 'patientQuery'>;

export type PatientResolution =
  | { kind: 'none' }
  | { kind: 'one'; patientId: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'choose'; patients: { id: string; name: string; nhsNumber: string }[] };

/** Turns "943 476 5919" or "Ada Example" into one patient, or says why not. */
export async function resolveAuditPatient(query: string): Promise<PatientResolution> {
  const prisma = await getPrisma();
  const select = { id: true, firstName: true, lastName: true, nhsNumber: true } as const;
  if (/^[\d\s-]+$/.test(query)) {
    const parsed = parseNhsNumber(query);
    if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
    const patient = await prisma.patient.findUnique({ where: { nhsNumber: parsed.value }, select });
    return patient ? { kind: 'one', patientId: patient.id } : { kind: 'invalid', message: 'No patient has this NHS number' };
  }
  if (query.length < 2) return { kind: 'invalid', message: 'Enter an NHS number, or at least 2 letters of the name' };
  const words = query.split(/\s+/).slice(0, 3);
  const patients = await prisma.patient.findMany({
    where: {
      AND: words.map((w) => ({
        OR: [{ lastName: { contains: w, mode: 'insensitive' as const } }, { firstName: { contains: w, mode: 'insensitive' as const } }],
      })),
    },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    take: 20,
    select,
  });
  if (patients.length === 0) return { kind: 'invalid', message: 'No patient has this name. Check the spelling or search by NHS number.' };
  if (patients.length === 1) return { kind: 'one', patientId: patients[0].id };
  return {
    kind: 'choose',
    patients: patients.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}`, nhsNumber: formatNhsNumber(p.nhsNumber) })),
  };
}

function whereOf(filter: ResolvedAuditFilter): Prisma.AuditEventWhereInput {
  const range = auditTimeRange(filter);
  return {
    ...(filter.patientId ? { patientId: filter.patientId } : {}),
    ...(filter.actorId !== undefined ? { actorId: filter.actorId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(range.gte || range.lt ? { at: range } : {}),
  };
}

async function withPatients(prisma: PrismaClient, rows: RawRow[]): Promise<AuditTrailRow[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.patientId ? [r.patientId] : [])))];
  const patients = ids.length
    ? await prisma.patient.findMany({ where: { id: { in: ids } }, select: { id: true, firstName: true, lastName: true, nhsNumber: true } })
    : [];
  const byId = new Map(patients.map((p) => [p.id, p]));
  return rows.map((r) => {
    const p = r.patientId ? byId.get(r.patientId) : undefined;
    return {
      id: r.id.toString(),
      at: r.at,
      actor: r.actor ? { id: r.actor.id, name: r.actor.name } : null,
      actorRole: r.actorRole,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entityType: r.entityType,
      entityLabel: auditEntityLabel(r.entityType),
      entityId: r.entityId,
      patient: r.patientId ? { id: r.patientId, name: p ? `${p.firstName} ${p.lastName}` : null, nhsNumber: p ? formatNhsNumber(p.nhsNumber) : null } : null,
      ipAddress: r.ipAddress,
      details: r.details,
    };
  });
}

export type AuditPage = {
  rows: AuditTrailRow[];
  /** Cursors for the "Newer" and "Older" links, or null at either end. */
  newer: AuditCursor | null;
  older: AuditCursor | null;
};

/** One page of events matching the filter, newest first, before or after a cursor. */
export async function auditTrailPage(filter: ResolvedAuditFilter, cursor: AuditCursor, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const prisma = await getPrisma();
  const where = whereOf(filter);
  let raw: RawRow[];
  let more: boolean;
  if (cursor.after !== undefined) {
    const found = await prisma.auditEvent.findMany({ where: { AND: [where, { id: { gt: cursor.after } }] }, orderBy: { id: 'asc' }, take: pageSize + 1, select: rowSelect });
    more = found.length > pageSize;
    raw = found.slice(0, pageSize).reverse();
  } else {
    const found = await prisma.auditEvent.findMany({
      where: cursor.before !== undefined ? { AND: [where, { id: { lt: cursor.before } }] } : where,
      orderBy: { id: 'desc' },
      take: pageSize + 1,
      select: rowSelect,
    });
    more = found.length > pageSize;
    raw = found.slice(0, pageSize);
  }
  const exists = async (id: Prisma.BigIntFilter) => (await prisma.auditEvent.findFirst({ where: { AND: [where, { id }] }, select: { id: true } })) !== null;
  const newest = raw[0]?.id;
  const oldest = raw[raw.length - 1]?.id;
  let newer: AuditCursor | null = null;
  let older: AuditCursor | null = null;
  if (cursor.after !== undefined) {
    if (more) newer = { after: newest! };
    if (oldest !== undefined ? await exists({ lt: oldest }) : await exists({ lte: cursor.after })) older = { before: oldest ?? cursor.after + 1n };
  } else {
    if (more) older = { before: oldest! };
    if (cursor.before !== undefined && (newest !== undefined ? await exists({ gt: newest }) : await exists({ gte: cursor.before }))) {
      newer = { after: newest ?? cursor.before - 1n };
    }
  }
  return { rows: await withPatients(prisma, raw), newer, older };
}

/** The staff members for the filter's select, all of them (a deactivated account's events still matter). */
export async function auditStaffOptions() {
  const prisma = await getPrisma();
  return prisma.staffUser.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, role: true, active: true } });
}

/** Names the filtered patient for the page heading, or null when there is no such record. */
export async function auditPatientName(patientId: string) {
  const prisma = await getPrisma();
  const p = await prisma.patient.findUnique({ where: { id: patientId }, select: { firstName: true, lastName: true, nhsNumber: true } });
  return p ? { name: `${p.firstName} ${p.lastName}`, nhsNumber: formatNhsNumber(p.nhsNumber) } : null;
}

/** What the audit event of a view or export keeps of a filter: ids and codes only. */
function filterDetails(filter: ResolvedAuditFilter) {
  return {
    patientId: filter.patientId ?? null,
    actorId: filter.actorId === undefined ? null : (filter.actorId ?? 'system'),
    action: filter.action ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}

export async function recordAuditTrailView(filter: ResolvedAuditFilter, actor: Actor, ipAddress: string | null) {
  await recordAudit(await getPrisma(), {
    actor,
    action: 'audit.view',
    entityType: 'AuditEvent',
    entityId: '-',
    patientId: filter.patientId ?? null,
    ipAddress,
    details: { filter: filterDetails(filter) },
  });
}

export const AUDIT_CSV_HEADER = [
  'Event',
  'When (Europe/London)',
  'Staff member',
  'Role',
  'Action',
  'Action code',
  'Record',
  'Record id',
  'Patient',
  'NHS number',
  'IP address',
  'Details',
] as const;

export type AuditExport = { kind: 'csv'; csv: string; rows: number } | { kind: 'too-many'; max: number };

/**
 * The filtered trail as CSV, newest first, at most AUDIT_EXPORT_MAX_ROWS rows: a wider filter is refused
 * (never cut short silently). Cells a spreadsheet would run as formulas are escaped (csvLine). The export is
 * audited with its filter before the file is handed over, so no export goes unrecorded.
 */
export async function exportAuditTrail(filter: ResolvedAuditFilter, actor: Actor, ipAddress: string | null, roleLabel: (role: Role) => string): Promise<AuditExport> {
  const prisma = await getPrisma();
  const raw = await prisma.auditEvent.findMany({ where: whereOf(filter), orderBy: { id: 'desc' }, take: AUDIT_EXPORT_MAX_ROWS + 1, select: rowSelect });
  if (raw.length > AUDIT_EXPORT_MAX_ROWS) return { kind: 'too-many', max: AUDIT_EXPORT_MAX_ROWS };
  const rows = await withPatients(prisma, raw);
  await recordAudit(prisma, {
    actor,
    action: 'audit.export',
    entityType: 'AuditEvent',
    entityId: '-',
    patientId: filter.patientId ?? null,
    ipAddress,
    details: { filter: filterDetails(filter), rows: rows.length },
  });
  const lines = [csvLine(AUDIT_CSV_HEADER)];
  for (const r of rows) {
    lines.push(
      csvLine([
        r.id,
        auditCsvTime(r.at),
        r.actor?.name ?? 'System',
        r.actorRole ? roleLabel(r.actorRole) : '',
        r.actionLabel,
        r.action,
        r.entityLabel,
        r.entityId,
        r.patient ? (r.patient.name ?? 'Record no longer exists') : '',
        r.patient?.nhsNumber ?? '',
        r.ipAddress ?? '',
        r.details === null ? '' : JSON.stringify(r.details),
      ]),
    );
  }
  return { kind: 'csv', csv: `\uFEFF${lines.join('')}`, rows: rows.length };
}

/** The latest events about one patient, for "Who has looked at this record" on the patient page. */
export async function patientAccessHistory(patientId: string, take = 20): Promise<AuditTrailRow[]> {
  const prisma = await getPrisma();
  const raw = await prisma.auditEvent.findMany({ where: { patientId }, orderBy: { id: 'desc' }, take, select: rowSelect });
  return withPatients(prisma, raw);
}

export type ResolvedAuditQuery = {
  filter: ResolvedAuditFilter;
  cursor: AuditCursor;
  errors: AuditQueryError[];
  values: ParsedAuditQuery['values'];
  /** Several patients match the name searched for: the admin chooses one. */
  patientChoices: { id: string; name: string; nhsNumber: string }[] | null;
  staff: Awaited<ReturnType<typeof auditStaffOptions>>;
};

/** Reads and checks the query string, resolves a patient search, and checks the staff member exists. */
export async function resolveAuditQuery(params: URLSearchParams): Promise<ResolvedAuditQuery> {
  const parsed = parseAuditQuery(params);
  const { patientQuery, ...filter } = parsed.filter;
  const errors = [...parsed.errors];
  let patientChoices: ResolvedAuditQuery['patientChoices'] = null;
  if (patientQuery !== undefined) {
    const found = await resolveAuditPatient(patientQuery);
    if (found.kind === 'one') filter.patientId = found.patientId;
    else if (found.kind === 'invalid') errors.push({ field: 'patient', message: found.message });
    else if (found.kind === 'choose') patientChoices = found.patients;
  }
  const staff = await auditStaffOptions();
  if (filter.actorId && !staff.some((s) => s.id === filter.actorId)) errors.push({ field: 'actor', message: 'Choose a staff member from the list' });
  return { filter, cursor: parsed.cursor, errors, values: parsed.values, patientChoices, staff };
}
