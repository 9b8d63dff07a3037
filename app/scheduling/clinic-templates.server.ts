// Weekly clinic templates (admin): list, create, deactivate, and generate dated clinics ahead from them.
// Every change is audited in the same transaction. Dated clinics already generated are left alone by a
// deactivation: cancel them one by one (which moves their patients to "needs rebooking") if they must go.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import type { ClinicTemplateFormValue } from '~/scheduling/clinic-forms';
import { generateSessions, RECURRENCE_SELECT, type GenerateSessionsResult } from './generate-sessions.server';
import { addLocalDays, localDateOf, validateWeeklyTemplate } from './session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { dbDateOf } from '~/utils/db-date';

export async function listClinicTemplates() {
  const prisma = await getPrisma();
  return prisma.clinicTemplate.findMany({
    orderBy: [{ active: 'desc' }, { isoWeekday: 'asc' }, { startTime: 'asc' }, { id: 'asc' }],
    select: {
      ...RECURRENCE_SELECT,
      id: true,
      kind: true,
      slotMinutes: true,
      active: true,
      site: { select: { name: true } },
      clinician: { select: { name: true } },
      _count: { select: { clinics: true } },
    },
  });
}

/** Active doctors and active sites, for the admin forms. */
export async function clinicFormOptions() {
  const prisma = await getPrisma();
  const [clinicians, sites] = await Promise.all([
    prisma.staffUser.findMany({ where: { role: 'DOCTOR', active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.site.findMany({ where: { active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { clinicians, sites };
}

/** Checks the doctor and site may hold a clinic: an active doctor (not any member of staff) at an active site. */
export async function assertClinicianAndSite(clinicianId: string, siteId: string) {
  const prisma = await getPrisma();
  const [clinician, site] = await Promise.all([
    prisma.staffUser.findUnique({ where: { id: clinicianId }, select: { role: true, active: true } }),
    prisma.site.findUnique({ where: { id: siteId }, select: { active: true } }),
  ]);
  const fields: Record<string, string[]> = {};
  if (!clinician || clinician.role !== 'DOCTOR' || !clinician.active) fields.clinicianId = ['Select a doctor who works in the unit'];
  if (!site || !site.active) fields.siteId = ['Select one of the unit’s open sites'];
  if (Object.keys(fields).length > 0) throw new DomainError('INVALID_INPUT', 'Check the doctor and the site.', fields);
}

export async function createClinicTemplate(value: ClinicTemplateFormValue, actor: Actor, ipAddress: string | null) {
  // The schema checked the shape for the form's messages; the scheduling rules check it again (and the
  // database's check constraint a third time), so no other caller can store a template that cannot run.
  validateWeeklyTemplate(value);
  await assertClinicianAndSite(value.clinicianId, value.siteId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const template = await tx.clinicTemplate.create({
      data: {
        kind: 'TELEPHONE',
        clinicianId: value.clinicianId,
        siteId: value.siteId,
        isoWeekday: value.isoWeekday,
        startTime: value.startTime,
        endTime: value.endTime,
        slotMinutes: value.slotMinutes,
        validFrom: dbDateOf(value.validFrom),
        validUntil: value.validUntil ? dbDateOf(value.validUntil) : null,
      },
      select: { id: true },
    });
    const { clinicianId, siteId, isoWeekday, startTime, endTime, slotMinutes } = value;
    const details = { clinicianId, siteId, isoWeekday, startTime, endTime, slotMinutes };
    await recordAudit(tx, { actor, ipAddress, action: 'clinic-template.create', entityType: 'ClinicTemplate', entityId: template.id, details });
    return template;
  });
}

export async function deactivateClinicTemplate(templateId: string, actor: Actor, ipAddress: string | null) {
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const updated = await tx.clinicTemplate.updateMany({ where: { id: templateId, active: true }, data: { active: false } });
    if (updated.count !== 1) {
      const exists = await tx.clinicTemplate.count({ where: { id: templateId } });
      if (!exists) throw new DomainError('NOT_FOUND', 'There is no such clinic template.');
      throw new DomainError('STALE_FORM', 'This template has already been deactivated.');
    }
    await recordAudit(tx, { actor, action: 'clinic-template.deactivate', entityType: 'ClinicTemplate', entityId: templateId, ipAddress });
  });
}

/**
 * Generates the dated clinics (and procedure lists) that the active templates call for, from today for the
 * given number of weeks. Idempotent: clinics that already exist are left as they are.
 */
export async function generateClinicsAhead(
  weeks: number,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
  zone: string = UNIT_TIME_ZONE,
): Promise<GenerateSessionsResult & { from: string; to: string }> {
  const from = localDateOf(now, zone);
  const to = addLocalDays(from, weeks * 7 - 1, zone);
  const prisma = await getPrisma();
  return prisma.$transaction(
    async (tx) => {
      const result = await generateSessions(tx, { from, to }, zone);
      await recordAudit(tx, {
        actor,
        action: 'sessions.generate',
        entityType: 'ClinicTemplate',
        entityId: '-',
        ipAddress,
        details: { from, to, ...result },
      });
      return { ...result, from, to };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
