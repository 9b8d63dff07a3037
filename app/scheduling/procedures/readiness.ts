// Is a procedure case ready to go ahead? One rule, used by the case page, the day list (page, PDF, CSV),
// the waiting list and the backfill suggestions, so they never disagree. Pure.
//
// Not ready when (DESIGN.md rules 10 and 11, clinical-facts.md):
//   - the patient is sedated and no adult escort home is confirmed;
//   - the patient takes a blood thinner and no plan for it counts (a plan counts only once a doctor confirmed
//     it and, where it departs from the unit's rule, a second clinician confirmed it too);
//   - the patient is fasting (sedation) and takes a diabetes medicine that needs a clinician's plan around
//     the fast, and there is none;
//   - radiofrequency denervation, and nobody has asked about a pacemaker, ICD or stimulator.
// A booking a clinician agreed to make too soon for a planned stop is not "unready", but it is always shown.
import { DateTime } from 'luxon';
import { planCounts } from '~/medicines/blood-thinner-plan';
import { needsPlanAroundFast, type BloodThinnerClass, type DiabetesMedicineClass } from '~/medicines/catalogue';
import { leavesTimeToStop } from '~/medicines/stop-dates';

export type ReadinessPlan = {
  medicineId: string;
  action: string;
  stopBeforeHours: number | null;
  confirmedAt: Date | null;
  deviatesFromRule: boolean;
  secondConfirmedAt: Date | null;
};

export type ReadinessSource = {
  sedation: boolean;
  escortArranged: boolean;
  procedureCode: string;
  implantedDevice: string | null;
  /** The patient's current medicines (not stopped), catalogue ones only. */
  medicines: { medicineId: string; displayName: string; bloodThinnerClass: BloodThinnerClass; diabetesClass: DiabetesMedicineClass }[];
  plans: readonly ReadinessPlan[];
  /** Medicines with a clinician's diabetes plan for this request. */
  diabetesPlanMedicineIds: readonly string[];
  /** Set when a clinician agreed to a list too soon for a planned stop. */
  timingOverrideReason?: string | null;
  /** A booked case: when it starts and when it was booked (to tell whether the patient heard of a stop in time). */
  booking?: { startsAt: Date; bookedAt: Date } | null;
};

export type NotReadyCode =
  | 'NO_ESCORT'
  | 'BLOOD_THINNER_NO_PLAN'
  | 'AWAITING_SECOND_CLINICIAN'
  | 'PLAN_TOO_LATE_TO_STOP'
  | 'DIABETES_NO_PLAN'
  | 'DEVICE_NOT_ASKED';

export type Readiness = {
  ready: boolean;
  /** Why not, each in words a clerk can act on; empty when ready. */
  reasons: { code: NotReadyCode; text: string }[];
  /** Shown whether ready or not: a recorded timing override. */
  warnings: string[];
};

export const RADIOFREQUENCY_DENERVATION = 'RADIOFREQUENCY_DENERVATION';

/** The shared definition (app/medicines): a plan counts once confirmed, and second-confirmed if it departs from the rule. */
export { planCounts };

/** Whether the pacemaker/ICD/stimulator question applies to this procedure. */
export function asksAboutImplantedDevice(procedureCode: string): boolean {
  return procedureCode === RADIOFREQUENCY_DENERVATION;
}

export const IMPLANTED_DEVICE_LABEL: Record<string, string> = {
  NONE: 'None',
  PACEMAKER: 'Pacemaker',
  ICD: 'ICD (implanted defibrillator)',
  SPINAL_CORD_STIMULATOR: 'Spinal cord stimulator',
  OTHER: 'Other implanted device',
};

/** What the day list and case page show for the device question: '' where it does not apply. */
export function implantedDeviceText(procedureCode: string, device: string | null): string {
  if (!asksAboutImplantedDevice(procedureCode)) return '';
  return device === null ? 'Not asked yet' : (IMPLANTED_DEVICE_LABEL[device] ?? device);
}

export function assessReadiness(source: ReadinessSource): Readiness {
  const reasons: Readiness['reasons'] = [];
  if (source.sedation && !source.escortArranged) {
    reasons.push({ code: 'NO_ESCORT', text: 'Sedation: no adult escort home confirmed. Confirm an escort with the patient.' });
  }
  const seen = new Set<string>();
  for (const medicine of source.medicines) {
    if (seen.has(medicine.medicineId)) continue;
    seen.add(medicine.medicineId);
    if (medicine.bloodThinnerClass !== 'NONE') {
      const plan = source.plans.find((p) => p.medicineId === medicine.medicineId);
      if (plan && plan.confirmedAt !== null && plan.deviatesFromRule && plan.secondConfirmedAt === null) {
        reasons.push({
          code: 'AWAITING_SECOND_CLINICIAN',
          text: `Blood thinner: the plan for ${medicine.displayName} differs from the unit's rule and is waiting for a second clinician to confirm it.`,
        });
      } else if (!plan || !planCounts(plan)) {
        reasons.push({
          code: 'BLOOD_THINNER_NO_PLAN',
          text: `Blood thinner: no confirmed plan for ${medicine.displayName}. Ask a doctor to confirm whether to stop it.`,
        });
      } else if (!(plan.action === 'CONTINUE' || (plan.action === 'STOP' && plan.stopBeforeHours !== null))) {
        // A confirmed "shared decision" tells the patient nothing yet: the leaflet still says we will contact them.
        reasons.push({
          code: 'BLOOD_THINNER_NO_PLAN',
          text: `Blood thinner: the plan for ${medicine.displayName} is a decision still to be made with the prescriber. Ask a doctor to record whether to stop or continue it.`,
        });
      } else if (source.booking && !source.timingOverrideReason && plan.action === 'STOP' && plan.stopBeforeHours !== null) {
        // A stop confirmed (or a case booked) too close to the date: the leaflet cannot give a last dose that
        // is not already past, so the patient cannot follow the plan (DESIGN rule 11).
        const toldAt = Math.max(source.booking.bookedAt.getTime(), plan.confirmedAt?.getTime() ?? 0, plan.secondConfirmedAt?.getTime() ?? 0);
        const start = DateTime.fromJSDate(source.booking.startsAt);
        if (!leavesTimeToStop(DateTime.fromMillis(toldAt), start, plan.stopBeforeHours)) {
          reasons.push({
            code: 'PLAN_TOO_LATE_TO_STOP',
            text: `Blood thinner: the plan to stop ${medicine.displayName} was made too late for this date, so the patient cannot stop it in time. Move the case to a later list, or record a clinician's reason to go ahead.`,
          });
        }
      }
    }
    if (source.sedation && needsPlanAroundFast(medicine.diabetesClass) && !source.diabetesPlanMedicineIds.includes(medicine.medicineId)) {
      reasons.push({
        code: 'DIABETES_NO_PLAN',
        text: `Diabetes: no plan for ${medicine.displayName} around the fast. Ask a doctor to write one.`,
      });
    }
  }
  if (asksAboutImplantedDevice(source.procedureCode) && source.implantedDevice === null) {
    reasons.push({
      code: 'DEVICE_NOT_ASKED',
      text: 'Implanted device: nobody has asked whether the patient has a pacemaker, ICD or spinal cord stimulator. Ask a doctor to record the answer.',
    });
  }
  const warnings = source.timingOverrideReason
    ? [`Booked too soon for a planned medicine stop, agreed by a clinician: ${source.timingOverrideReason}`]
    : [];
  return { ready: reasons.length === 0, reasons, warnings };
}

/** "2 of 6 cases not ready" for a list's header; null when every case is ready. */
export function notReadySummary(readiness: readonly Readiness[]): string | null {
  const notReady = readiness.filter((r) => !r.ready).length;
  if (notReady === 0) return null;
  return `${notReady} of ${readiness.length} ${readiness.length === 1 ? 'case' : 'cases'} not ready`;
}

// The one read that feeds the rule: spread these into a Prisma select (request, and the patient's medicines).
export const readinessRequestSelect = {
  sedation: true,
  escortArranged: true,
  implantedDevice: true,
  procedureType: { select: { code: true } },
  plans: {
    orderBy: { id: 'asc' },
    select: {
      medicineId: true,
      action: true,
      stopBeforeHours: true,
      confirmedAt: true,
      deviatesFromRule: true,
      secondConfirmedAt: true,
      medicine: { select: { displayName: true } },
    },
  },
  diabetesPlans: { select: { medicineId: true } },
} as const;

/** The patient's current medicines, as the rule needs them. */
export const readinessMedicinesSelect = {
  where: { stoppedAt: null },
  orderBy: { recordedAt: 'asc' },
  select: { medicine: { select: { id: true, displayName: true, bloodThinnerClass: true, diabetesClass: true } } },
} as const;

type ReadinessRequestRow = {
  sedation: boolean;
  escortArranged: boolean;
  implantedDevice: string | null;
  procedureType: { code: string };
  plans: readonly ReadinessPlan[];
  diabetesPlans: readonly { medicineId: string }[];
};
type ReadinessMedicineRow = {
  medicine: { id: string; displayName: string; bloodThinnerClass: BloodThinnerClass; diabetesClass: DiabetesMedicineClass } | null;
};

/** The rule's input from the rows the selects above read. */
export function readinessSourceOf(
  request: ReadinessRequestRow,
  medicines: readonly ReadinessMedicineRow[],
  timingOverrideReason: string | null = null,
  booking: ReadinessSource['booking'] = null,
): ReadinessSource {
  return {
    sedation: request.sedation,
    escortArranged: request.escortArranged,
    procedureCode: request.procedureType.code,
    implantedDevice: request.implantedDevice,
    medicines: medicines.flatMap((m) =>
      m.medicine
        ? [{ medicineId: m.medicine.id, displayName: m.medicine.displayName, bloodThinnerClass: m.medicine.bloodThinnerClass, diabetesClass: m.medicine.diabetesClass }]
        : [],
    ),
    plans: request.plans,
    diabetesPlanMedicineIds: request.diabetesPlans.map((p) => p.medicineId),
    timingOverrideReason,
    booking,
  };
}
