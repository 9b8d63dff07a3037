// Factories for tests and the demo seed. Each `create*` takes a Prisma client (or a transaction client)
// plus optional overrides, fills in the rest with valid, deterministic values and returns the created row.
// The `*Data` builders return the create input without touching the database, so the seed can insert
// hundreds of rows with createMany and still get exactly what the factories would have made.
//
// Nothing here reads the clock: dates default to fixed days in 2027 so no test depends on today.
import { DateTime } from 'luxon';
import { procedureCaseData } from '~/appointments/appointment-repo.server';
import { hashPassword } from '~/auth/password.server';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type { ClinicKind, Guidance, Role, SessionPart } from '~/generated/prisma/enums';
import { approveLeafletParts } from '~/leaflets/leaflet-approval.server';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import type { LeafletPart } from '~/leaflets/leaflet-part';
import { BLOOD_THINNER_RULES, type BloodThinnerRuleData } from '~/medicines/blood-thinner-rules';
import { findCatalogueMedicine } from '~/medicines/catalogue';
import { testNhsNumber } from '~/utils/nhs-number';
import { findProcedureTypeReference, findSiteReference, type ProcedureCode } from '~/scheduling/reference-data';
import { planListTimes, sessionsInRange } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import {
  FIRST_NAMES,
  GP_PRACTICES,
  LAST_NAMES,
  REFERRAL_REASONS,
  STREETS,
  TOWNS,
  asciiSlug,
  dramaMobile,
  pick,
} from './demo-values';

export * from './demo-values';

export type Db = PrismaClient | Prisma.TransactionClient;

/** The default day for anything dated: a Monday, in GMT. */
export const DEFAULT_DATE = '2027-01-04';
/** The password of staff made by createStaff unless told otherwise. */
export const FACTORY_PASSWORD = 'factory-password';
/** bcrypt cost for test hashes: enough to be a real bcrypt hash, cheap enough for hundreds of tests. */
export const TEST_HASH_COST = 4;

/** A `@db.Date` value for a local calendar date. */
export function dbDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

let sequence = 0;
function next(): number {
  return ++sequence;
}

// Seeded demo patients take the first few thousand test NHS numbers; factory patients start above them, at
// a random offset so that two processes writing into one shared database would not collide either.
const NHS_FACTORY_BASE = 10_000 + Math.floor(Math.random() * 30_000);
let nhsSequence = 0;

const hashes = new Map<string, Promise<string>>();
/** One low-cost hash per password per process: bcrypt is the slow part of making staff. */
export function testPasswordHash(password: string = FACTORY_PASSWORD): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password, TEST_HASH_COST);
    hashes.set(password, hash);
  }
  return hash;
}

async function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  // Only a full client has $connect; a transaction client's $transaction would need savepoints.
  return '$connect' in db ? db.$transaction(fn) : fn(db);
}

// ---------------------------------------------------------------------------------------------
// Sites and staff
// ---------------------------------------------------------------------------------------------

/** A known site code (MAIDSTONE, ...) gives that site's reference data; anything else a made-up site. */
export function siteData(overrides: Partial<Prisma.SiteUncheckedCreateInput> = {}): Prisma.SiteUncheckedCreateInput {
  const reference = overrides.code ? findSiteReference(overrides.code) : undefined;
  if (reference) return { ...reference, addressLines: [...reference.addressLines], ...overrides };
  const n = next();
  return {
    code: `TEST_SITE_${n}`,
    name: `Test Site ${n} Hospital`,
    unitName: 'Pain Clinic',
    addressLines: [`${n} Test Road`, 'Maidstone', 'Kent'],
    postcode: 'ME15 0ZZ',
    phone: '01632 960999',
    hasInterventionalSuite: false,
    ...overrides,
  };
}

export function createSite(db: Db, overrides: Partial<Prisma.SiteUncheckedCreateInput> = {}) {
  return db.site.create({ data: siteData(overrides) });
}

export function staffName(n: number, role: Role): string {
  const name = `${pick(FIRST_NAMES, n * 3 + 1)} ${pick(LAST_NAMES, n * 5 + 2)}`;
  return role === 'DOCTOR' ? `Dr ${name}` : name;
}

export function staffData(
  overrides: Partial<Prisma.StaffUserUncheckedCreateInput> & { passwordHash: string },
): Prisma.StaffUserUncheckedCreateInput {
  const n = next();
  const role = overrides.role ?? 'CLERK';
  const email = (overrides.email ?? `${role.toLowerCase()}-${n}@staff.paindesk.test`).toLowerCase();
  return {
    name: staffName(n, role),
    role,
    gmcNumber: role === 'DOCTOR' ? String(7_100_000 + n) : null,
    ...overrides,
    email,
  };
}

/** A staff user; the password is FACTORY_PASSWORD unless `password` or `passwordHash` is given. */
export async function createStaff(
  db: Db,
  overrides: Partial<Prisma.StaffUserUncheckedCreateInput> & { password?: string } = {},
) {
  const { password, passwordHash, ...rest } = overrides;
  const hash = passwordHash ?? (await testPasswordHash(password));
  return db.staffUser.create({ data: staffData({ ...rest, passwordHash: hash }) });
}

// ---------------------------------------------------------------------------------------------
// Patients and referrals
// ---------------------------------------------------------------------------------------------

/**
 * The n-th made-up patient: distinct, valid 999-range NHS number for distinct n, a varied name and a
 * postal address, no e-mail (so the letter path is the default, as for a patient who never consented).
 */
export function patientData(
  n: number,
  overrides: Partial<Prisma.PatientUncheckedCreateInput> = {},
): Prisma.PatientUncheckedCreateInput {
  const town = pick(TOWNS, n * 3);
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  return {
    nhsNumber: testNhsNumber(n),
    firstName: pick(FIRST_NAMES, n),
    lastName: pick(LAST_NAMES, n * 7 + 3),
    dateOfBirth: new Date(Date.UTC(1938 + ((n * 7) % 62), n % 12, ((n * 3) % 28) + 1)),
    addressLines: [`${(n % 120) + 1} ${pick(STREETS, n * 5)}`, town.town, 'Kent'],
    postcode: `${town.district} ${(n % 9) + 1}${pick([...letters], n)}${pick([...letters], n * 7 + 2)}`,
    gpPractice: pick(GP_PRACTICES, n),
    mobilePhone: dramaMobile(n),
    diabetes: 'NONE',
    ...overrides,
  };
}

/** An e-mail address at a reserved domain, made from the patient's name. */
export function patientEmail(firstName: string, lastName: string, n: number): string {
  return `${asciiSlug(firstName)}.${asciiSlug(lastName)}.${n}@example.com`;
}

export function createPatient(db: Db, overrides: Partial<Prisma.PatientUncheckedCreateInput> = {}) {
  const n = NHS_FACTORY_BASE + nhsSequence++;
  return db.patient.create({ data: patientData(n, overrides) });
}

export function referralData(
  overrides: Partial<Prisma.ReferralUncheckedCreateInput> & { patientId: string },
): Prisma.ReferralUncheckedCreateInput {
  const receivedOn = overrides.receivedOn ?? dbDate(DEFAULT_DATE);
  return {
    source: 'GP_VIA_MSK',
    priority: 'ROUTINE',
    reason: pick(REFERRAL_REASONS, next()),
    receivedOn,
    clockStartOn: receivedOn,
    ...overrides,
  };
}

/** A referral; makes a patient for it unless `patientId` is given. */
export async function createReferral(db: Db, overrides: Partial<Prisma.ReferralUncheckedCreateInput> = {}) {
  const patientId = overrides.patientId ?? (await createPatient(db)).id;
  return db.referral.create({ data: referralData({ ...overrides, patientId }) });
}

// ---------------------------------------------------------------------------------------------
// Catalogues
// ---------------------------------------------------------------------------------------------

export function procedureTypeData(code: ProcedureCode | string): Prisma.ProcedureTypeCreateInput {
  const reference = findProcedureTypeReference(code);
  if (reference) return { ...reference, allowedGuidance: [...reference.allowedGuidance] };
  return {
    code,
    name: `Test procedure ${code}`,
    defaultMinutes: 30,
    allowedGuidance: ['XRAY', 'ULTRASOUND'],
    bleedingRisk: 'LOW',
    leafletSet: code.toLowerCase().replace(/_/g, '-'),
  };
}

/** The procedure type with this code (default FACET_JOINT_INJECTION), from reference data; made once. */
export function createProcedureType(
  db: Db,
  overrides: Partial<Prisma.ProcedureTypeCreateInput> & { code?: ProcedureCode | string } = {},
) {
  const { code = 'FACET_JOINT_INJECTION', ...rest } = overrides;
  return db.procedureType.upsert({
    where: { code },
    create: { ...procedureTypeData(code), ...rest },
    update: rest,
  });
}

export function medicineData(genericName: string): Prisma.MedicineCreateInput {
  const key = genericName.trim().toLowerCase();
  const entry = findCatalogueMedicine(key);
  if (entry) return { ...entry };
  return { genericName: key, displayName: key.charAt(0).toUpperCase() + key.slice(1) };
}

/** The catalogue medicine with this generic name (default paracetamol); made once. */
export function createMedicine(db: Db, overrides: Partial<Prisma.MedicineCreateInput> = {}) {
  const { genericName = 'paracetamol', ...rest } = overrides;
  const data = { ...medicineData(genericName), ...rest };
  return db.medicine.upsert({ where: { genericName: data.genericName }, create: data, update: rest });
}

/** Records that a patient takes a catalogue medicine (made if missing). */
export async function createPatientMedicine(
  db: Db,
  options: { patientId: string; genericName: string; dose?: string; recordedById?: string },
) {
  const medicine = await createMedicine(db, { genericName: options.genericName });
  return db.patientMedicine.create({
    data: {
      patientId: options.patientId,
      medicineId: medicine.id,
      dose: options.dose ?? null,
      recordedById: options.recordedById ?? null,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Clinics, lists, waiting list, bookings
// ---------------------------------------------------------------------------------------------

export type ClinicOptions = {
  siteId?: string;
  clinicianId?: string;
  kind?: ClinicKind;
  /** Local date, yyyy-MM-dd (default DEFAULT_DATE). */
  date?: string;
  startTime?: string;
  endTime?: string;
  slotMinutes?: number;
  templateId?: string;
};

/** A dated clinic with its slots, at Europe/London wall-clock times; slots come back in time order. */
export async function createClinicWithSlots(db: Db, options: ClinicOptions = {}) {
  const date = options.date ?? DEFAULT_DATE;
  const startTime = options.startTime ?? '09:00';
  const endTime = options.endTime ?? '12:00';
  const slotMinutes = options.slotMinutes ?? 20;
  const [session] = sessionsInRange(
    { isoWeekday: DateTime.fromISO(date).weekday, startTime, endTime, slotMinutes },
    { from: date, to: date },
    UNIT_TIME_ZONE,
  );
  const siteId = options.siteId ?? (await createSite(db)).id;
  const clinicianId = options.clinicianId ?? (await createStaff(db, { role: 'DOCTOR' })).id;
  return db.clinic.create({
    data: {
      kind: options.kind ?? 'TELEPHONE',
      siteId,
      clinicianId,
      templateId: options.templateId ?? null,
      date: dbDate(date),
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      slotMinutes,
      slots: { createMany: { data: session.slots } },
    },
    include: { slots: { orderBy: { startsAt: 'asc' } } },
  });
}

export type ProcedureListOptions = {
  /** Default: a new site with an interventional suite. */
  siteId?: string;
  operatorId?: string;
  date?: string;
  sessionPart?: SessionPart;
  startTime?: string;
  endTime?: string;
  modality?: Guidance;
  capacityMinutes?: number;
  templateId?: string;
};

/** An empty dated procedure list (morning 09:00-12:30 or afternoon 13:30-17:00 by default). */
export async function createProcedureList(db: Db, options: ProcedureListOptions = {}) {
  const date = options.date ?? DEFAULT_DATE;
  const sessionPart = options.sessionPart ?? 'MORNING';
  const startTime = options.startTime ?? (sessionPart === 'MORNING' ? '09:00' : '13:30');
  const endTime = options.endTime ?? (sessionPart === 'MORNING' ? '12:30' : '17:00');
  const [session] = sessionsInRange(
    { isoWeekday: DateTime.fromISO(date).weekday, startTime, endTime },
    { from: date, to: date },
    UNIT_TIME_ZONE,
  );
  const siteId = options.siteId ?? (await createSite(db, { hasInterventionalSuite: true })).id;
  const operatorId = options.operatorId ?? (await createStaff(db, { role: 'DOCTOR' })).id;
  return db.procedureList.create({
    data: {
      siteId,
      operatorId,
      templateId: options.templateId ?? null,
      date: dbDate(date),
      sessionPart,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      modality: options.modality ?? 'XRAY',
      capacityMinutes: options.capacityMinutes ?? 180,
    },
  });
}

/**
 * A waiting-list entry for a procedure (by `procedureCode`, default FACET_JOINT_INJECTION), with the
 * type's first allowed guidance and default minutes; makes the patient unless `patientId` is given.
 */
export async function createProcedureRequest(
  db: Db,
  overrides: Partial<Prisma.ProcedureRequestUncheckedCreateInput> & { procedureCode?: ProcedureCode } = {},
) {
  const { procedureCode, ...rest } = overrides;
  const type = rest.procedureTypeId
    ? await db.procedureType.findUniqueOrThrow({ where: { id: rest.procedureTypeId } })
    : await createProcedureType(db, { code: procedureCode ?? 'FACET_JOINT_INJECTION' });
  const patientId = rest.patientId ?? (await createPatient(db)).id;
  return db.procedureRequest.create({
    data: {
      guidance: type.allowedGuidance[0],
      minutes: type.defaultMinutes,
      listedOn: dbDate(DEFAULT_DATE),
      ...rest,
      patientId,
      procedureTypeId: type.id,
    },
  });
}

/**
 * A telephone consultation booked into a slot, taking the slot's times; makes a referral (and patient)
 * unless given. A fixture shortcut: it trusts the database constraints, not the booking rules.
 */
export async function createConsultation(
  db: Db,
  overrides: Partial<Prisma.AppointmentUncheckedCreateInput> & { slotId: string },
) {
  const slot = await db.slot.findUniqueOrThrow({ where: { id: overrides.slotId } });
  const referral = overrides.referralId
    ? await db.referral.findUniqueOrThrow({ where: { id: overrides.referralId } })
    : await createReferral(db, overrides.patientId ? { patientId: overrides.patientId } : {});
  return db.appointment.create({
    data: {
      kind: 'CONSULTATION',
      patientId: referral.patientId,
      referralId: referral.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      minutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
      ...overrides,
    },
  });
}

/**
 * Puts a waiting-list request on a list as the next case: planned after the minutes already booked, the
 * list's bookedMinutes raised by a conditional update (so the capacity check still bites), the request
 * marked BOOKED. A fixture shortcut for setting up state, not the clerk's booking use case.
 */
export async function createProcedureBooking(
  db: Db,
  options: { procedureListId: string; procedureRequestId: string; bookedById?: string },
) {
  return inTransaction(db, async (tx) => {
    const request = await tx.procedureRequest.findUniqueOrThrow({ where: { id: options.procedureRequestId } });
    const list = await tx.procedureList.findUniqueOrThrow({ where: { id: options.procedureListId } });
    const claimed = await tx.procedureList.updateMany({
      where: { id: list.id, bookedMinutes: { lte: list.capacityMinutes - request.minutes } },
      data: { bookedMinutes: { increment: request.minutes } },
    });
    if (claimed.count !== 1) throw new Error('the list has no room for this case');
    const position = (await tx.appointment.count({ where: { procedureListId: list.id } })) + 1;
    const startsAfter = new Date(list.startsAt.getTime() + list.bookedMinutes * 60_000);
    const [planned] = planListTimes(startsAfter, [{ minutes: request.minutes }]);
    await tx.procedureRequest.update({ where: { id: request.id }, data: { status: 'BOOKED' } });
    return tx.appointment.create({
      data: {
        ...procedureCaseData(request, list.id, planned),
        listPosition: position,
        bookedById: options.bookedById ?? null,
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Blood-thinner rules
// ---------------------------------------------------------------------------------------------

/** The seeded blood-thinner rule rows (clinical-facts.md), or the one matching the key, as create data. */
export function bloodThinnerRuleData(
  overrides: Partial<BloodThinnerRuleData> & Pick<BloodThinnerRuleData, 'bloodThinnerClass' | 'bleedingRisk'>,
): BloodThinnerRuleData {
  const seeded = BLOOD_THINNER_RULES.find(
    (r) =>
      r.bloodThinnerClass === overrides.bloodThinnerClass &&
      r.bleedingRisk === overrides.bleedingRisk &&
      r.medicineGenericName === (overrides.medicineGenericName ?? null) &&
      r.variant === (overrides.variant ?? ''),
  );
  return {
    medicineGenericName: null,
    variant: '',
    action: 'SHARED_DECISION',
    stopBeforeHours: null,
    restartAfterHours: null,
    inrCheck: false,
    note: 'Test rule',
    source: null,
    ...seeded,
    ...overrides,
  };
}

/** One blood-thinner rule row (the medicine, if named, is made from the catalogue when missing). */
export async function createBloodThinnerRule(
  db: Db,
  overrides: Partial<BloodThinnerRuleData> & Pick<BloodThinnerRuleData, 'bloodThinnerClass' | 'bleedingRisk'>,
) {
  const { medicineGenericName, ...data } = bloodThinnerRuleData(overrides);
  const medicineId = medicineGenericName ? (await createMedicine(db, { genericName: medicineGenericName })).id : null;
  return db.bloodThinnerRule.create({ data: { ...data, medicineId } });
}

// ---------------------------------------------------------------------------------------------
// Leaflet approvals
// ---------------------------------------------------------------------------------------------

/** The fixed day test approvals are made on. */
export const TEST_APPROVAL_AT = new Date('2026-11-23T09:00:00.000Z');

const APPROVER_EMAIL = 'leaflet-approver@staff.paindesk.test';

/**
 * Approves every leaflet part as its file is now (hashes computed from leaflets/ at test time, never written
 * down), by the given doctor or the tests' approving doctor: what a unit's clinicians would have done before
 * leaflets are sent. Parts already approved, or whose approval was withdrawn, are left as they are. Returns the
 * approving doctor's id.
 */
export async function approveCurrentLeafletParts(
  db: Db,
  doctorId?: string,
  options: { parts?: Pick<LeafletPart, 'key' | 'contentHash'>[]; demo?: boolean } = {},
): Promise<string> {
  const approvedById =
    doctorId ??
    (await db.staffUser.findUnique({ where: { email: APPROVER_EMAIL }, select: { id: true } }))?.id ??
    (await createStaff(db, { role: 'DOCTOR', name: 'Dr Leaflet Approver', email: APPROVER_EMAIL })).id;
  await approveLeafletParts(db, options.parts ?? loadLeafletParts(), { approvedById, approvedAt: TEST_APPROVAL_AT, demo: options.demo ?? false });
  return approvedById;
}
