// A one-off clinic (an extra session, a locum's day): a dated clinic with its slots, laid out in Europe/London
// wall-clock time exactly as template clinics are, created with its audit event in one transaction.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { DomainError } from '~/errors';
import { assertClinicianAndSite } from '~/scheduling/clinic-templates.server';
import { parseLocalDate, sessionsInRange } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import type { OneOffClinicFormValue } from '~/scheduling/clinic-forms';
import { dbDateOf } from '~/utils/db-date';

export async function createOneOffClinic(
  value: Omit<OneOffClinicFormValue, 'intent'>,
  actor: Actor,
  ipAddress: string | null,
  now: Date,
  zone: string = UNIT_TIME_ZONE,
) {
  const isoWeekday = parseLocalDate(value.date, zone).weekday;
  // Throws INVALID_INPUT for an end before the start, a slot that does not fit, or a time the clocks skip.
  const [session] = sessionsInRange(
    { isoWeekday, startTime: value.startTime, endTime: value.endTime, slotMinutes: value.slotMinutes },
    { from: value.date, to: value.date },
    zone,
  );
  if (session.startsAt.getTime() <= now.getTime()) {
    throw new DomainError('PAST_DATE', 'The clinic must start later than now.', { startTime: ['The clinic must start later than now'] });
  }
  await assertClinicianAndSite(value.clinicianId, value.siteId);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const clinic = await tx.clinic.create({
      data: {
        kind: 'TELEPHONE',
        siteId: value.siteId,
        clinicianId: value.clinicianId,
        date: dbDateOf(session.date),
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        slotMinutes: value.slotMinutes,
        slots: { createMany: { data: session.slots } },
      },
      select: { id: true, date: true, siteId: true },
    });
    await recordAudit(tx, {
      actor,
      action: 'clinic.create',
      entityType: 'Clinic',
      entityId: clinic.id,
      ipAddress,
      details: { oneOff: true, date: session.date, clinicianId: value.clinicianId, siteId: value.siteId, slots: session.slots.length },
    });
    return { id: clinic.id, date: session.date, siteId: clinic.siteId, slots: session.slots.length };
  });
}
