// Demo data for a fresh PainDesk: sites, staff with the published demo password, 160 made-up patients
// with referrals, medicines and communication needs, eight weeks of telephone clinics and procedure lists,
// and some bookings, so every screen has something real to show. Loaded by the server on start-up when
// SEED_DEMO_DATA is on (never in production), or with `npm run db:seed`.
//
// Loaded once: if the database has any staff, nothing is done, so a restart never duplicates or wipes data.
// Everything goes in one transaction, so a crash part-way leaves nothing half-loaded. All dates are
// relative to the `now` passed in (so tests can fix it), in Europe/London.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_TOTP_SECRET } from '~/auth/demo-second-factor';
import { DEMO_PASSWORD, hashPassword } from '~/auth/password.server';
import { encryptSecret, secondFactorKey } from '~/auth/secret-box';
import { closeDatabase, getDatabase } from '~/db.server';
import { getEnv } from '~/env.server';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import type {
  AllergyKind,
  CommunicationNeed,
  DiabetesStatus,
  Guidance,
  Priority,
  ReferralSource,
  Role,
  Side,
} from '~/generated/prisma/enums';
import { approveLeafletParts } from '~/leaflets/leaflet-approval.server';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { seedBloodThinnerRules } from '~/medicines/blood-thinner-rule-repo.server';
import { MEDICINES } from '~/medicines/catalogue';
import { syncMedicinePlanTasks } from '~/medicines/medicine-plan-tasks.server';
import { generateSessions } from '~/scheduling/generate-sessions.server';
import { PROCEDURE_TYPES, SITES, type ProcedureCode, type SiteCode } from '~/scheduling/reference-data';
import { addLocalDays, localDateOf, parseLocalDate, planListTimes, sessionsInRange } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { describeErrorSafely } from '~/utils/safe-log';
import {
  INTERPRETER_LANGUAGES,
  REFERRAL_REASONS,
  dbDate,
  medicineData,
  patientData,
  patientEmail,
  pick,
  procedureTypeData,
  referralData,
  siteData,
  staffData,
} from '../tests/factories';

export const DEMO_PATIENT_COUNT = 160;
/** How far ahead clinics and lists are generated. */
export const DEMO_WEEKS = 8;

export type SeedOptions = {
  now: Date;
  /** A ready-made hash of DEMO_PASSWORD (tests pass a cheap one); hashed here if omitted. */
  passwordHash?: string;
  zone?: string;
};

const SEED_LOCK_KEY = 7_243_002; // arbitrary, constant: serialises instances seeding one database

type DemoStaff = { key: string; email: string; name: string; role: Role; gmcNumber?: string };

export const DEMO_STAFF: readonly DemoStaff[] = [
  { key: 'clerk', email: 'clerk@paindesk.test', name: 'Ellie-Mae Hughes', role: 'CLERK' },
  { key: 'clerk2', email: 'clerk2@paindesk.test', name: 'Tomasz Kowalski', role: 'CLERK' },
  { key: 'doctor', email: 'doctor@paindesk.test', name: "Dr Siobhán O'Brien", role: 'DOCTOR', gmcNumber: '7000001' },
  { key: 'doctor2', email: 'doctor2@paindesk.test', name: 'Dr Kwame Mensah', role: 'DOCTOR', gmcNumber: '7000002' },
  { key: 'doctor3', email: 'doctor3@paindesk.test', name: 'Dr Agnieszka Dąbrowska', role: 'DOCTOR', gmcNumber: '7000003' },
  { key: 'admin', email: 'admin@paindesk.test', name: 'Ravi Patel', role: 'ADMIN' },
  // Not enrolled in a second factor: shows setting one up at the first sign-in.
  { key: 'admin2', email: 'admin2@paindesk.test', name: 'Grace Adeyemi', role: 'ADMIN' },
];

/** Loads the demo data into an empty database; returns { seeded: false } and changes nothing otherwise. */
export async function seedDemoData(prisma: PrismaClient, options: SeedOptions): Promise<{ seeded: boolean }> {
  // Cheap check first, so a restart does not pay for a bcrypt hash; repeated under the lock below.
  if ((await prisma.staffUser.count()) > 0) return { seeded: false };
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const seeded = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if ((await tx.staffUser.count()) > 0) return false;
      await loadDemoData(tx, { now: options.now, zone: options.zone ?? UNIT_TIME_ZONE, passwordHash });
      return true;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return { seeded };
}

type Context = { now: Date; zone: string; passwordHash: string };

async function loadDemoData(tx: Prisma.TransactionClient, ctx: Context) {
  const today = localDateOf(ctx.now, ctx.zone);
  const daysAgo = (days: number) => dbDate(addLocalDays(today, -days, ctx.zone));

  const sites = await tx.site.createManyAndReturn({
    data: SITES.map((site) => siteData({ code: site.code })),
    select: { id: true, code: true },
  });
  const siteId = (code: SiteCode) => sites.find((s) => s.code === code)!.id;

  const staff = await tx.staffUser.createManyAndReturn({
    data: DEMO_STAFF.map(({ email, name, role, gmcNumber }) =>
      staffData({ email, name, role, gmcNumber: gmcNumber ?? null, passwordHash: ctx.passwordHash }),
    ),
    select: { id: true, email: true },
  });
  const staffId = (key: string) => staff.find((s) => s.email === DEMO_STAFF.find((d) => d.key === key)!.email)!.id;
  const clerk = staffId('clerk');
  // The demo administrator's second factor, with the secret README publishes (docs/decisions/0016).
  await tx.secondFactor.create({
    data: { userId: staffId('admin'), encryptedSecret: encryptSecret(DEMO_TOTP_SECRET, secondFactorKey(getEnv().SESSION_SECRET)), confirmedAt: ctx.now },
    select: { userId: true },
  });
  const doctors = [staffId('doctor'), staffId('doctor2'), staffId('doctor3')];
  // The shipped leaflet parts, as their files are now, approved as a demo (shown as such on the Leaflets page),
  // so the demo's leaflets can be sent. A real unit's database has no seed: nothing is approved until a doctor does.
  await approveLeafletParts(tx, loadLeafletParts(), { approvedById: staffId('doctor'), approvedAt: ctx.now, demo: true });

  const procedureTypes = await tx.procedureType.createManyAndReturn({
    data: PROCEDURE_TYPES.map((type) => procedureTypeData(type.code)),
    select: { id: true, code: true, defaultMinutes: true, allowedGuidance: true },
  });
  const medicines = await tx.medicine.createManyAndReturn({
    data: MEDICINES.map((medicine) => medicineData(medicine.genericName)),
    select: { id: true, genericName: true },
  });
  const medicineId = new Map(medicines.map((m) => [m.genericName, m.id]));
  await seedBloodThinnerRules(tx);

  // Patients: the n-th demo patient has the n-th test NHS number, so the data set is the same every time.
  const indexes = Array.from({ length: DEMO_PATIENT_COUNT }, (_, i) => i);
  const patients = await tx.patient.createManyAndReturn({
    data: indexes.map((i) => demoPatient(i, ctx.now)),
    select: { id: true, nhsNumber: true },
  });
  const patientId = new Map<number, string>();
  const byNhsNumber = new Map(patients.map((p) => [p.nhsNumber, p.id]));
  for (const i of indexes) patientId.set(i, byNhsNumber.get(patientData(i).nhsNumber)!);

  await tx.patientMedicine.createMany({
    data: indexes.flatMap((i) =>
      demoMedicines(i).map(([name, dose]) =>
        medicineId.has(name)
          ? { patientId: patientId.get(i)!, medicineId: medicineId.get(name)!, dose, recordedById: doctors[i % 3] }
          : // Not in the catalogue: kept as free text, as a doctor would type it, for review.
            { patientId: patientId.get(i)!, freeTextName: name, dose, recordedById: doctors[i % 3] },
      ),
    ),
  });
  await tx.patientAllergy.createMany({
    data: indexes.flatMap((i) =>
      demoAllergies(i).map(([kind, detail]) => ({ patientId: patientId.get(i)!, kind, detail, recordedById: doctors[i % 3] })),
    ),
  });

  // Every patient has one referral. Patients on the procedure pathway (i % 4 === 3) had their first
  // telephone consultation before the demo starts; a third of the rest have one booked; the others are
  // still to be booked, some close to or past the 18-week breach date.
  const onProcedurePathway = (i: number) => i % 4 === 3;
  // In days, up to 20 weeks; a patient already listed for a procedure was referred at least 8 weeks ago.
  const referralAge = (i: number) => (onProcedurePathway(i) ? 56 + ((i * 37) % 84) : ((i * 37) % 140) + 1);
  const hasConsultationBooked = (i: number) => !onProcedurePathway(i) && [0, 1, 5, 9].includes(i % 12);
  const referrals = await tx.referral.createManyAndReturn({
    data: indexes.map((i) =>
      referralData({
        patientId: patientId.get(i)!,
        source: pick<ReferralSource>(['GP_VIA_MSK', 'GP_VIA_MSK', 'CONSULTANT', 'GP_VIA_MSK', 'AHP', 'PAIN_CLINIC'], i),
        priority: demoPriority(i),
        receivedOn: daysAgo(referralAge(i)),
        clockStartOn: daysAgo(referralAge(i)),
        reason: pick(REFERRAL_REASONS, i),
        status: onProcedurePathway(i) ? 'UNDER_CARE' : 'AWAITING_FIRST_CONTACT',
        createdById: i % 2 === 0 ? clerk : staffId('clerk2'),
      }),
    ),
    select: { id: true, patientId: true, priority: true, receivedOn: true },
  });
  const referralOf = new Map(referrals.map((r) => [r.patientId, r]));

  await createTemplates(tx, today, siteId, doctors);
  await generateSessions(tx, { from: today, to: addLocalDays(today, DEMO_WEEKS * 7 - 1, ctx.zone) }, ctx.zone);

  await bookConsultations(tx, ctx, clerk, indexes.filter(hasConsultationBooked).map((i) => referralOf.get(patientId.get(i)!)!));
  // Three first consultations in the demo doctor's clinic today, so "My clinic" has work on the day the demo
  // starts; patients not on a blood thinner, so an outcome can be recorded without a plan.
  const bloodThinners = new Set(MEDICINES.filter((m) => m.bloodThinnerClass !== 'NONE').map((m) => m.genericName));
  const onBloodThinner = (i: number) => demoMedicines(i).some(([name]) => bloodThinners.has(name));
  await bookTodaysDemoClinic(
    tx,
    ctx,
    clerk,
    doctors[0],
    siteId('SEVENOAKS'),
    indexes
      .filter((i) => !onProcedurePathway(i) && !hasConsultationBooked(i) && !onBloodThinner(i))
      .slice(0, 3)
      .map((i) => referralOf.get(patientId.get(i)!)!),
  );

  const pathway = indexes.filter(onProcedurePathway);
  const requests = await tx.procedureRequest.createManyAndReturn({
    data: pathway.map((i) =>
      demoProcedureRequest(i, referralOf.get(patientId.get(i)!)!, procedureTypes, doctors, {
        // Listed after a consultation at least two weeks after the referral arrived.
        listedOn: daysAgo(1 + ((i * 13) % (referralAge(i) - 14))),
      }),
    ),
    select: { id: true, patientId: true, referralId: true, guidance: true, minutes: true, priority: true, listedOn: true },
  });
  await bookProcedures(tx, ctx, clerk, requests);
}

// ---------------------------------------------------------------------------------------------
// Patients
// ---------------------------------------------------------------------------------------------

function demoPriority(i: number): Priority {
  if (i % 10 === 0) return 'URGENT';
  if (i % 4 === 1) return 'SOON';
  return 'ROUTINE';
}

function demoPatient(i: number, now: Date): Prisma.PatientUncheckedCreateInput {
  const base = patientData(i);
  const needs: CommunicationNeed[] = [];
  if (i % 13 === 1) needs.push('LARGE_PRINT');
  if (i % 17 === 2) needs.push('EASY_READ');
  if (i % 11 === 4) needs.push('INTERPRETER');
  if (i % 23 === 6) needs.push('BSL');
  if (i % 53 === 9) needs.push('BRAILLE');
  if (i % 59 === 30) needs.push('AUDIO');

  // Six in ten have an e-mail address and consent to use it; one in ten gave an address but no consent,
  // so must get letters; the rest have no e-mail at all.
  const emailKind = i % 10 <= 5 ? 'consented' : i % 10 === 6 ? 'no-consent' : 'none';
  const diabetes: DiabetesStatus =
    i % 9 === 0 ? 'ON_MEDICATION' : i % 9 === 5 ? 'DIET_CONTROLLED' : i % 31 === 7 ? 'UNKNOWN' : 'NONE';

  return {
    ...base,
    email: emailKind === 'none' ? null : patientEmail(String(base.firstName), String(base.lastName), i),
    emailConsent: emailKind === 'consented',
    emailConsentRecordedAt: emailKind === 'consented' ? new Date(now.getTime() - ((i % 60) + 1) * 86_400_000) : null,
    preferredChannel: emailKind === 'consented' ? 'EMAIL' : 'LETTER',
    mobilePhone: i % 10 === 8 ? null : base.mobilePhone,
    smsConsent: i % 10 !== 8 && i % 3 === 0,
    communicationNeeds: needs,
    interpreterLanguage: needs.includes('INTERPRETER') ? pick(INTERPRETER_LANGUAGES, i) : null,
    communicationNotes: needs.includes('BSL')
      ? 'Deaf: book a BSL interpreter; contact by text message or e-mail, not by telephone'
      : needs.includes('EASY_READ')
        ? 'Learning disability: easy read information; carer helps with letters'
        : null,
    escortNotes: i % 7 === 2 ? 'Daughter will drive them home' : i % 11 === 6 ? 'Lives alone: check an escort is arranged' : null,
    transportNotes: i % 17 === 9 ? 'Wheelchair user: needs hospital transport' : null,
    diabetes,
  };
}

const DOSES: Record<string, string> = {
  paracetamol: '1 g four times a day',
  codeine: '30 mg up to four times a day',
  tramadol: '50 mg up to four times a day',
  morphine: '10 mg modified-release twice a day',
  oxycodone: '5 mg modified-release twice a day',
  buprenorphine: '10 micrograms/hour patch, weekly',
  pregabalin: '75 mg twice a day',
  gabapentin: '300 mg three times a day',
  amitriptyline: '10 mg at night',
  duloxetine: '60 mg once a day',
  diazepam: '2 mg at night',
  nabiximols: 'as prescribed by the specialist',
  aspirin: '75 mg once a day',
  apixaban: '5 mg twice a day',
  rivaroxaban: '20 mg once a day',
  warfarin: 'as per INR clinic',
  clopidogrel: '75 mg once a day',
  enoxaparin: '40 mg once a day',
  dabigatran: '150 mg twice a day',
  naproxen: '500 mg twice a day',
  ibuprofen: '400 mg three times a day',
  metformin: '500 mg twice a day',
  gliclazide: '80 mg once a day',
  insulin: 'as per diabetes team',
};

/** [generic name, dose] pairs: a realistic mix of painkillers, blood thinners and everyday medicines. */
function demoMedicines(i: number): [string, string | null][] {
  const names: string[] = [];
  if (i % 3 !== 0) names.push('paracetamol');
  if (i % 5 === 0) names.push('codeine');
  else if (i % 7 === 1) names.push('tramadol');
  else if (i % 19 === 3) names.push('morphine');
  else if (i % 29 === 4) names.push('oxycodone');
  else if (i % 37 === 8) names.push('buprenorphine');
  if (i % 4 === 1) names.push('pregabalin');
  else if (i % 6 === 2) names.push('gabapentin');
  if (i % 5 === 3) names.push('amitriptyline');
  else if (i % 14 === 6) names.push('duloxetine');
  if (i % 27 === 12) names.push('diazepam');
  if (i % 41 === 2) names.push('nabiximols');
  // Blood thinners, at most one anticoagulant each.
  if (i % 8 === 2) names.push('aspirin');
  if (i % 12 === 5) names.push('apixaban');
  else if (i % 15 === 7) names.push('warfarin');
  else if (i % 25 === 11) names.push('rivaroxaban');
  else if (i % 26 === 3) names.push('dabigatran');
  else if (i % 33 === 13) names.push('enoxaparin');
  if (i % 21 === 10) names.push('clopidogrel');
  if (i % 6 === 4) names.push(i % 12 === 4 ? 'naproxen' : 'ibuprofen');
  if (i % 9 === 0) names.push('metformin', ...(i % 18 === 0 ? ['insulin'] : ['gliclazide']));
  if (i % 6 === 0) names.push('atorvastatin');
  if (i % 10 === 3) names.push('ramipril');
  if (i % 16 === 9) names.push('levothyroxine');
  if (i % 8 === 2 || i % 6 === 4 || i % 7 === 0) names.push('omeprazole');
  if (i % 40 === 17) names.push('co-careldopa');
  return [...new Set(names)].map((name) => [name, DOSES[name] ?? null]);
}

function demoAllergies(i: number): [AllergyKind, string | null][] {
  const allergies: [AllergyKind, string | null][] = [];
  if (i % 14 === 3) allergies.push(['LATEX', null]);
  if (i % 19 === 11) allergies.push(['IODINE_CONTRAST', 'Rash after a CT scan with contrast']);
  if (i % 31 === 20) allergies.push(['LOCAL_ANAESTHETIC', 'Felt faint after lidocaine at the dentist']);
  if (i % 43 === 5) allergies.push(['OTHER', 'Penicillin: rash']);
  if (i % 47 === 33) allergies.push(['ANTISEPTIC', 'Skin reaction to chlorhexidine']);
  return allergies;
}

// ---------------------------------------------------------------------------------------------
// Templates and bookings
// ---------------------------------------------------------------------------------------------

async function createTemplates(
  tx: Prisma.TransactionClient,
  today: string,
  siteId: (code: SiteCode) => string,
  [doctor1, doctor2, doctor3]: string[],
) {
  const validFrom = dbDate(today);
  const morning = { startTime: '09:00', endTime: '12:00', slotMinutes: 20 };
  const afternoon = { startTime: '13:30', endTime: '17:00', slotMinutes: 30 };
  await tx.clinicTemplate.createMany({
    data: [
      { siteId: siteId('MAIDSTONE'), clinicianId: doctor1, isoWeekday: 1, ...morning, validFrom },
      { siteId: siteId('TUNBRIDGE_WELLS'), clinicianId: doctor1, isoWeekday: 4, ...afternoon, validFrom },
      { siteId: siteId('SEVENOAKS'), clinicianId: doctor2, isoWeekday: 2, ...morning, validFrom },
      { siteId: siteId('MAIDSTONE'), clinicianId: doctor2, isoWeekday: 5, ...afternoon, validFrom },
      { siteId: siteId('TUNBRIDGE_WELLS'), clinicianId: doctor3, isoWeekday: 3, ...morning, validFrom },
      { siteId: siteId('SEVENOAKS'), clinicianId: doctor3, isoWeekday: 1, ...afternoon, validFrom },
    ].map((template) => ({ ...template, kind: 'TELEPHONE' as const })),
  });
  // All procedures are done at Maidstone (clinical-facts.md); capacity leaves time to turn the room round.
  const maidstone = siteId('MAIDSTONE');
  await tx.procedureListTemplate.createMany({
    data: [
      { operatorId: doctor1, isoWeekday: 3, sessionPart: 'MORNING' as const, startTime: '08:30', endTime: '12:00', modality: 'XRAY' as const, capacityMinutes: 210 },
      { operatorId: doctor1, isoWeekday: 3, sessionPart: 'AFTERNOON' as const, startTime: '13:00', endTime: '16:30', modality: 'ULTRASOUND' as const, capacityMinutes: 180 },
      { operatorId: doctor3, isoWeekday: 2, sessionPart: 'AFTERNOON' as const, startTime: '13:30', endTime: '17:00', modality: 'ULTRASOUND' as const, capacityMinutes: 180 },
      { operatorId: doctor2, isoWeekday: 5, sessionPart: 'MORNING' as const, startTime: '09:00', endTime: '12:30', modality: 'XRAY' as const, capacityMinutes: 195 },
    ].map((template) => ({ ...template, siteId: maidstone, validFrom })),
  });
}

const PRIORITY_ORDER: Record<Priority, number> = { URGENT: 0, SOON: 1, ROUTINE: 2 };

function byPriorityThenWait<T extends { priority: Priority }>(date: (item: T) => Date) {
  return (a: T, b: T) =>
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || date(a).getTime() - date(b).getTime();
}

/** Books the referrals into future slots, most urgent and longest waiting first, spread over the weeks. */
async function bookConsultations(
  tx: Prisma.TransactionClient,
  ctx: Context,
  clerk: string,
  referrals: { id: string; patientId: string; priority: Priority; receivedOn: Date }[],
) {
  const slots = await tx.slot.findMany({
    where: { startsAt: { gt: ctx.now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { id: true, startsAt: true, endsAt: true },
  });
  const queue = [...referrals].sort(byPriorityThenWait((r) => r.receivedOn));
  // Use the first 60% of the horizon so the last weeks stay open for the clerk to book into.
  const span = Math.floor(slots.length * 0.6);
  if (queue.length > span) throw new Error('the demo clinics have too few slots for the demo consultations');
  await tx.appointment.createMany({
    data: queue.map((referral, k) => {
      const slot = slots[Math.floor((k * span) / queue.length)];
      return {
        kind: 'CONSULTATION' as const,
        patientId: referral.patientId,
        referralId: referral.id,
        slotId: slot.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        minutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
        bookedById: clerk,
        bookedAt: ctx.now,
      };
    }),
  });
}

/**
 * Books the referrals into the demo doctor's afternoon telephone clinic today: their own 13:30 clinic when
 * today has one, otherwise a one-off clinic (13:30 to 15:00) at the given site. The consultations may be
 * earlier than now: a doctor logs calls on the day of the consultation.
 */
async function bookTodaysDemoClinic(
  tx: Prisma.TransactionClient,
  ctx: Context,
  clerk: string,
  doctor: string,
  siteId: string,
  referrals: { id: string; patientId: string }[],
) {
  const today = localDateOf(ctx.now, ctx.zone);
  const [session] = sessionsInRange(
    { isoWeekday: parseLocalDate(today, ctx.zone).weekday, startTime: '13:30', endTime: '15:00', slotMinutes: 30 },
    { from: today, to: today },
    ctx.zone,
  );
  const clinic =
    (await tx.clinic.findFirst({ where: { clinicianId: doctor, date: dbDate(today), startsAt: session.startsAt }, select: { id: true } })) ??
    (await tx.clinic.create({
      data: {
        kind: 'TELEPHONE',
        siteId,
        clinicianId: doctor,
        date: dbDate(today),
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        slotMinutes: 30,
        slots: { createMany: { data: session.slots } },
      },
      select: { id: true },
    }));
  const free = await tx.slot.findMany({
    where: { clinicId: clinic.id, appointments: { none: {} } },
    orderBy: { startsAt: 'asc' },
    take: referrals.length,
    select: { id: true, startsAt: true, endsAt: true },
  });
  await tx.appointment.createMany({
    data: free.map((slot, k) => ({
      kind: 'CONSULTATION' as const,
      patientId: referrals[k].patientId,
      referralId: referrals[k].id,
      slotId: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      minutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
      bookedById: clerk,
      bookedAt: ctx.now,
    })),
  });
}

const SIDED: readonly Side[] = ['LEFT', 'RIGHT', 'BOTH'];
const LEVELS: Partial<Record<ProcedureCode, string>> = {
  FACET_JOINT_INJECTION: 'L4/5, L5/S1',
  MEDIAL_BRANCH_BLOCK: 'L3/4, L4/5',
  RADIOFREQUENCY_DENERVATION: 'L3/4, L4/5, L5/S1',
  INTERLAMINAR_EPIDURAL: 'L4/5',
  TRANSFORAMINAL_EPIDURAL: 'L5',
  NERVE_ROOT_BLOCK: 'S1',
};

function demoProcedureRequest(
  i: number,
  referral: { id: string; patientId: string; priority: Priority },
  types: { id: string; code: string; defaultMinutes: number; allowedGuidance: Guidance[] }[],
  doctors: string[],
  { listedOn }: { listedOn: Date },
): Prisma.ProcedureRequestCreateManyInput {
  const type = pick(types, i * 5 + Math.floor(i / 9));
  const code = type.code as ProcedureCode;
  const side: Side = code === 'CAUDAL_EPIDURAL' || code === 'INTERLAMINAR_EPIDURAL' ? 'NOT_APPLICABLE' : pick(SIDED, i);
  return {
    patientId: referral.patientId,
    referralId: referral.id,
    procedureTypeId: type.id,
    side,
    levels: LEVELS[code] ?? null,
    guidance: pick(type.allowedGuidance, i),
    sedation: i % 9 === 0,
    priority: referral.priority,
    clinicalNotes: i % 3 === 0 ? 'Discussed risks and benefits on the telephone; keen to go ahead' : null,
    escortArranged: i % 5 !== 0,
    minutes: type.defaultMinutes,
    listedOn,
    listedById: pick(doctors, i),
  };
}

/**
 * Books about half the waiting list onto the earliest future lists of the right modality, most urgent and
 * longest waiting first, filling each list only to about two thirds so clerks can still add cases.
 */
async function bookProcedures(
  tx: Prisma.TransactionClient,
  ctx: Context,
  clerk: string,
  requests: {
    id: string;
    patientId: string;
    referralId: string | null;
    guidance: Guidance;
    minutes: number;
    priority: Priority;
    listedOn: Date;
  }[],
) {
  const lists = await tx.procedureList.findMany({
    where: { startsAt: { gt: ctx.now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { id: true, startsAt: true, modality: true, capacityMinutes: true },
  });
  const queue = [...requests].sort(byPriorityThenWait((r) => r.listedOn)).slice(0, Math.ceil(requests.length / 2));
  const cases = new Map(lists.map((list) => [list.id, [] as typeof requests]));
  for (const request of queue) {
    const list = lists.find((l) => {
      const booked = cases.get(l.id)!.reduce((sum, c) => sum + c.minutes, 0);
      return l.modality === request.guidance && booked + request.minutes <= Math.floor(l.capacityMinutes * 0.65);
    });
    if (list) cases.get(list.id)!.push(request);
  }

  const appointments: Prisma.AppointmentCreateManyInput[] = [];
  for (const list of lists) {
    const onList = cases.get(list.id)!;
    if (onList.length === 0) continue;
    const planned = planListTimes(list.startsAt, onList);
    onList.forEach((request, index) =>
      appointments.push({
        kind: 'PROCEDURE',
        patientId: request.patientId,
        referralId: request.referralId,
        procedureListId: list.id,
        procedureRequestId: request.id,
        startsAt: planned[index].startsAt,
        endsAt: planned[index].endsAt,
        arrivalAt: planned[index].arrivalAt,
        minutes: request.minutes,
        listPosition: index + 1,
        bookedById: clerk,
        bookedAt: ctx.now,
      }),
    );
    // An increment, as bookings do, so the capacity check constraint has the final say.
    await tx.procedureList.update({
      where: { id: list.id },
      data: { bookedMinutes: { increment: onList.reduce((sum, c) => sum + c.minutes, 0) } },
    });
  }
  await tx.appointment.createMany({ data: appointments });
  await tx.procedureRequest.updateMany({
    where: { id: { in: appointments.map((a) => a.procedureRequestId!) } },
    data: { status: 'BOOKED' },
  });
  // As a booking through the app does: each booked case still missing a medicine plan gets its call task.
  for (const a of appointments) await syncMedicinePlanTasks(tx, a.procedureRequestId!, ctx.now);
}

// ---------------------------------------------------------------------------------------------
// `npm run db:seed` / `tsx prisma/seed.ts`
// ---------------------------------------------------------------------------------------------

async function main() {
  if (!getEnv().SEED_DEMO_DATA) {
    console.error('Demo data is switched off (SEED_DEMO_DATA=false, or NODE_ENV=production): nothing loaded.');
    process.exitCode = 1;
    return;
  }
  try {
    const db = await getDatabase();
    const started = Date.now();
    const { seeded } = await seedDemoData(db.prisma, { now: new Date() });
    console.log(
      seeded
        ? `Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${DEMO_PATIENT_COUNT} patients, ${DEMO_WEEKS} weeks of clinics and lists).`
        : 'The database already has staff: demo data not loaded, nothing changed.',
    );
  } finally {
    await closeDatabase();
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  main().catch((error: unknown) => {
    // Not the message: Prisma's can quote the values of the row that failed.
    console.error(`Seeding failed, nothing was loaded: ${describeErrorSafely(error)}`);
    process.exitCode = 1;
  });
}
