// The clinics of one local day (at one site or all), each with its slots and who is booked in them.
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { dbDateOf } from '~/utils/db-date';

export async function clinicsOn(date: string, siteId: string | undefined, actor: Actor) {
  const prisma = await getPrisma();
  const clinics = await prisma.clinic.findMany({
    where: { date: dbDateOf(date), ...(siteId ? { siteId } : {}) },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      slotMinutes: true,
      cancellationReason: true,
      site: { select: { id: true, name: true } },
      clinician: { select: { id: true, name: true } },
      slots: {
        orderBy: { startsAt: 'asc' },
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          // The slot's booking, and any cancelled ones (shown so a cancelled clinic still says who was in it).
          appointments: {
            orderBy: { bookedAt: 'desc' },
            select: {
              id: true,
              status: true,
              patient: {
                select: {
                  id: true,
                  firstName: true,
                  lastName: true,
                  nhsNumber: true,
                  // For the phone-route flags (phone-route.ts).
                  mobilePhone: true,
                  communicationNeeds: true,
                  interpreterLanguage: true,
                },
              },
            },
          },
        },
      },
    },
  });
  const patients = new Set(clinics.flatMap((c) => c.slots.flatMap((s) => s.appointments.map((a) => a.patient.id))));
  await recordAudit(prisma, {
    actor,
    action: 'clinic.day.view',
    entityType: 'Clinic',
    entityId: '-',
    details: { date, siteId: siteId ?? null, clinics: clinics.length, patients: patients.size },
  });
  return clinics.map((clinic) => ({
    ...clinic,
    slots: clinic.slots.map((slot) => {
      const current = slot.appointments.find((a) => !(CANCELLED_STATUSES as readonly string[]).includes(a.status));
      return { ...slot, booking: current ?? null, cancelled: slot.appointments.filter((a) => a !== current) };
    }),
  }));
}

export async function listActiveSites() {
  const prisma = await getPrisma();
  return prisma.site.findMany({ where: { active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}
