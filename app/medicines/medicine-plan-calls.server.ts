// The calls staff owe patients: every booked procedure whose blood-thinner or diabetes-medicine plan is still
// missing (the open AGREE_MEDICINE_PLAN tasks kept by syncMedicinePlanTasks), soonest due first, with what is
// missing. The leaflet has promised these patients a call by the due day, so the list is where the promise is
// kept. Viewing is audited.
import { DateTime } from 'luxon';
import { recordAudit, type Actor } from '~/audit/audit.server';
import { getPrisma } from '~/db.server';
import { londonToday } from '~/utils/format';
import { missingMedicinePlans } from './medicine-plan-tasks.server';


export type MedicinePlanCall = {
  taskId: string;
  /** yyyy-MM-dd, Europe/London. */
  dueOn: string;
  overdue: boolean;
  patient: { id: string; firstName: string; lastName: string; nhsNumber: string; mobilePhone: string | null };
  appointmentId: string;
  procedureRequestId: string;
  procedure: string;
  startsAt: Date;
  /** Display names of the medicines that still need a plan. */
  bloodThinners: string[];
  diabetes: string[];
};

export async function listMedicinePlanCalls({ actor, ipAddress }: { actor: NonNullable<Actor>; ipAddress: string | null }, now: Date): Promise<MedicinePlanCall[]> {
  const prisma = await getPrisma();
  const tasks = await prisma.task.findMany({
    where: { kind: 'AGREE_MEDICINE_PLAN', status: 'OPEN', appointmentId: { not: null } },
    orderBy: [{ dueOn: 'asc' }, { createdAt: 'asc' }],
    take: 500,
    select: {
      id: true,
      dueOn: true,
      appointment: {
        select: {
          id: true,
          startsAt: true,
          procedureRequestId: true,
          patient: { select: { id: true, firstName: true, lastName: true, nhsNumber: true, mobilePhone: true } },
          procedureRequest: { select: { procedureType: { select: { name: true } } } },
        },
      },
    },
  });
  const today = londonToday(now);
  const calls: MedicinePlanCall[] = [];
  for (const task of tasks) {
    const appointment = task.appointment;
    if (!appointment?.procedureRequestId || !appointment.procedureRequest) continue;
    const missing = await missingMedicinePlans(prisma, appointment.procedureRequestId);
    if (!missing) continue;
    const ids = [...missing.bloodThinners, ...missing.diabetes];
    const names = new Map(
      (await prisma.medicine.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]),
    );
    const dueOn = task.dueOn ? DateTime.fromJSDate(task.dueOn, { zone: 'utc' }).toISODate()! : today;
    calls.push({
      taskId: task.id,
      dueOn,
      overdue: dueOn < today,
      patient: appointment.patient,
      appointmentId: appointment.id,
      procedureRequestId: appointment.procedureRequestId,
      procedure: appointment.procedureRequest.procedureType.name,
      startsAt: appointment.startsAt,
      bloodThinners: missing.bloodThinners.map((id) => names.get(id) ?? id),
      diabetes: missing.diabetes.map((id) => names.get(id) ?? id),
    });
  }
  await recordAudit(prisma, {
    actor,
    action: 'medicine-plan-calls.view',
    entityType: 'Task',
    entityId: '-',
    ipAddress,
    details: { calls: calls.length },
  });
  return calls;
}
