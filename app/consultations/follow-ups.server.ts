// Follow-up telephone consultations a doctor asked for in an outcome ("follow-up in N weeks"): each is an open
// REBOOK_CONSULTATION task with its due date, keyed by the consultation it came from. Clerks book them from
// the consultations page; one drops off the list once a later consultation is booked for the referral.
import { getPrisma } from '~/db.server';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { FOLLOW_UP_TASK_PREFIX } from './record-outcome.server';

export async function listFollowUpsToBook() {
  const prisma = await getPrisma();
  const tasks = await prisma.task.findMany({
    where: { kind: 'REBOOK_CONSULTATION', status: 'OPEN', dedupeKey: { startsWith: FOLLOW_UP_TASK_PREFIX } },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    take: 300,
    select: { id: true, dueOn: true, dedupeKey: true, patient: { select: { id: true, nhsNumber: true, firstName: true, lastName: true } } },
  });
  const fromIds = tasks.map((t) => t.dedupeKey!.slice(FOLLOW_UP_TASK_PREFIX.length));
  const origins = await prisma.appointment.findMany({
    where: { id: { in: fromIds } },
    select: {
      id: true,
      startsAt: true,
      referral: {
        select: { id: true, status: true, priority: true, appointments: { where: { kind: 'CONSULTATION' }, select: { startsAt: true, status: true } } },
      },
    },
  });
  const originOf = new Map(origins.map((o) => [o.id, o]));
  return tasks.flatMap((task) => {
    const origin = originOf.get(task.dedupeKey!.slice(FOLLOW_UP_TASK_PREFIX.length));
    const referral = origin?.referral;
    if (!origin || !referral || !task.patient || referral.status === 'DISCHARGED') return [];
    const booked = referral.appointments.some((a) => a.startsAt > origin.startsAt && !(CANCELLED_STATUSES as readonly string[]).includes(a.status));
    if (booked) return [];
    return [{ taskId: task.id, dueOn: task.dueOn, patient: task.patient, referralId: referral.id, priority: referral.priority, fromAppointmentId: origin.id }];
  });
}
