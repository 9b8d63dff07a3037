// The next free consultation slots: in the future (and from a chosen date), in clinics that are not cancelled,
// at active sites, with no booking that is not cancelled; optionally at one site or with one doctor.
// A read for showing choices only: whether a chosen slot can still be booked is decided when booking.
import { getPrisma } from '~/db.server';
import { parseLocalDate } from '~/scheduling/session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import type { SlotSearch } from './consultation-forms';

export const SLOTS_PER_PAGE = 20;

export type FreeSlot = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  clinicId: string;
  siteName: string;
  clinicianName: string;
};

export async function findFreeSlots(
  search: SlotSearch,
  now: Date,
  zone: string = UNIT_TIME_ZONE,
): Promise<{ slots: FreeSlot[]; page: number; hasMore: boolean }> {
  const prisma = await getPrisma();
  const page = search.page ?? 1;
  const fromDay = search.from ? parseLocalDate(search.from, zone).toJSDate() : null;
  const after = fromDay && fromDay > now ? fromDay : now;
  const rows = await prisma.slot.findMany({
    where: {
      startsAt: fromDay && fromDay > now ? { gte: after } : { gt: after },
      clinic: {
        status: 'ACTIVE',
        site: { active: true },
        ...(search.siteId ? { siteId: search.siteId } : {}),
        ...(search.clinicianId ? { clinicianId: search.clinicianId } : {}),
      },
      appointments: { none: { status: { notIn: [...CANCELLED_STATUSES] } } },
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * SLOTS_PER_PAGE,
    take: SLOTS_PER_PAGE + 1,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      clinic: { select: { id: true, site: { select: { name: true } }, clinician: { select: { name: true } } } },
    },
  });
  return {
    page,
    hasMore: rows.length > SLOTS_PER_PAGE,
    slots: rows.slice(0, SLOTS_PER_PAGE).map((row) => ({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      clinicId: row.clinic.id,
      siteName: row.clinic.site.name,
      clinicianName: row.clinic.clinician.name,
    })),
  };
}

/** Sites and doctors to search by. */
export async function slotSearchOptions() {
  const prisma = await getPrisma();
  const [sites, clinicians] = await Promise.all([
    prisma.site.findMany({ where: { active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    prisma.staffUser.findMany({
      where: { active: true, role: 'DOCTOR' },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
  ]);
  return { sites, clinicians };
}
