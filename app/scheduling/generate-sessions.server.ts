// Makes the dated clinics (with their slots) and procedure lists that the active weekly templates call for
// in a range of local dates. Safe to run again, from several instances at once: the unique
// (templateId, date) keys decide what already exists, and inserts skip rows that do (ON CONFLICT DO
// NOTHING), so there is no read-then-write window. A dated session that was cancelled, or edited after it
// was generated, is never recreated or overwritten.
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { sessionsInRange, validateDateRange, type DateRange, type TimeRange } from './session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { dbDateOf, isoDateOf } from '~/utils/db-date';

export type DbClient = PrismaClient | Prisma.TransactionClient;

export type GenerateSessionsResult = { clinics: number; slots: number; procedureLists: number };

/** The fields that say when a weekly template (clinic or procedure list) repeats: every page and job that shows or runs one reads them. */
export const RECURRENCE_SELECT = { isoWeekday: true, startTime: true, endTime: true, validFrom: true, validUntil: true } as const;

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];


/** The part of the range in which a template is valid, or null if none is. */
function clip(range: DateRange, validFrom: Date, validUntil: Date | null): DateRange | null {
  const start = isoDateOf(validFrom);
  const from = start > range.from ? start : range.from;
  const end = validUntil ? isoDateOf(validUntil) : range.to;
  const to = end < range.to ? end : range.to;
  return from <= to ? { from, to } : null;
}

/**
 * Generates sessions for the inclusive range of local dates `from`..`to` (yyyy-MM-dd).
 * Runs in one transaction (or inside the caller's, if given a transaction client): a clinic never
 * exists without its slots. Throws a SITE_HAS_NO_SUITE DomainError, creating nothing, if an active
 * procedure-list template is at a site without an interventional suite.
 */
export async function generateSessions(
  db: DbClient,
  range: DateRange,
  zone: string = UNIT_TIME_ZONE,
): Promise<GenerateSessionsResult> {
  validateDateRange(range, zone);
  // A transaction client also has $transaction at run time (nested savepoints, which the PGlite adapter
  // lacks), so tell the two apart by $connect, which only the full client has.
  if ('$connect' in db) {
    return db.$transaction((tx) => generateWithin(tx, range, zone), { maxWait: 10_000, timeout: 60_000 });
  }
  return generateWithin(db, range, zone);
}

async function generateWithin(
  tx: Prisma.TransactionClient,
  range: DateRange,
  zone: string,
): Promise<GenerateSessionsResult> {
  // Templates at a closed site, or for a clinician who has left, stop producing sessions without anyone
  // having to remember to end them.
  const inForce = {
    active: true,
    validFrom: { lte: dbDateOf(range.to) },
    OR: [{ validUntil: null }, { validUntil: { gte: dbDateOf(range.from) } }],
    site: { active: true },
  };

  const listTemplates = await tx.procedureListTemplate.findMany({
    where: { ...inForce, operator: { active: true } },
    orderBy: { id: 'asc' },
    select: {
      ...RECURRENCE_SELECT,
      id: true,
      siteId: true,
      operatorId: true,
      sessionPart: true,
      modality: true,
      capacityMinutes: true,
      site: { select: { name: true, hasInterventionalSuite: true } },
    },
  });
  const misplaced = listTemplates.find((template) => !template.site.hasInterventionalSuite);
  if (misplaced) {
    throw new DomainError(
      'SITE_HAS_NO_SUITE',
      `Procedure lists can only be held at a site with an interventional suite. ${misplaced.site.name} has none, ` +
        `so the ${WEEKDAYS[misplaced.isoWeekday]} ${misplaced.sessionPart.toLowerCase()} list template there ` +
        `must be moved or ended before sessions can be generated.`,
    );
  }

  const clinicTemplates = await tx.clinicTemplate.findMany({
    where: { ...inForce, clinician: { active: true } },
    orderBy: { id: 'asc' },
    select: {
      ...RECURRENCE_SELECT,
      id: true,
      kind: true,
      siteId: true,
      clinicianId: true,
      slotMinutes: true,
    },
  });

  const clinicRows: Prisma.ClinicCreateManyInput[] = [];
  const slotsBySession = new Map<string, TimeRange[]>();
  for (const template of clinicTemplates) {
    const within = clip(range, template.validFrom, template.validUntil);
    if (!within) continue;
    for (const session of sessionsInRange(template, within, zone)) {
      clinicRows.push({
        kind: template.kind,
        siteId: template.siteId,
        clinicianId: template.clinicianId,
        templateId: template.id,
        date: dbDateOf(session.date),
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        slotMinutes: template.slotMinutes,
      });
      slotsBySession.set(`${template.id}|${session.date}`, session.slots);
    }
  }

  const listRows: Prisma.ProcedureListCreateManyInput[] = [];
  for (const template of listTemplates) {
    const within = clip(range, template.validFrom, template.validUntil);
    if (!within) continue;
    for (const session of sessionsInRange(template, within, zone)) {
      listRows.push({
        siteId: template.siteId,
        operatorId: template.operatorId,
        templateId: template.id,
        date: dbDateOf(session.date),
        sessionPart: template.sessionPart,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        modality: template.modality,
        capacityMinutes: template.capacityMinutes,
      });
    }
  }

  // Only the clinics inserted now come back, so slots are added to new clinics only, never to a clinic
  // generated earlier (whose template may have changed since).
  const created =
    clinicRows.length === 0
      ? []
      : await tx.clinic.createManyAndReturn({
          data: clinicRows,
          skipDuplicates: true,
          select: { id: true, templateId: true, date: true },
        });
  const slotRows = created.flatMap((clinic) =>
    (slotsBySession.get(`${clinic.templateId}|${isoDateOf(clinic.date)}`) ?? []).map((slot) => ({
      clinicId: clinic.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    })),
  );
  const slots = slotRows.length === 0 ? 0 : (await tx.slot.createMany({ data: slotRows, skipDuplicates: true })).count;
  const lists =
    listRows.length === 0 ? 0 : (await tx.procedureList.createMany({ data: listRows, skipDuplicates: true })).count;

  return { clinics: created.length, slots, procedureLists: lists };
}
