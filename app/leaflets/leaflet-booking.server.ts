// Reads everything the leaflet model needs for one procedure booking and turns it into the model's input.
// Only a blood-thinner plan that counts reaches the leaflet (DESIGN rules 4 and 10): confirmed by a doctor and,
// if it departs from the rule table, by a second clinician. A proposal, a deviation awaiting its second
// confirmation, or a plan for a medicine the patient no longer takes is left out, and the model then tells the
// patient to keep taking the medicine until the unit contacts them. Diabetes-medicine plans are the clinician's
// words, passed as recorded.
import { DateTime } from 'luxon';
import { appointmentFactsSelect, loadProcedureCase, patientSummarySelect } from '~/appointments/appointment-repo.server';
import { DomainError } from '~/errors';
import type { Prisma, PrismaClient } from '~/generated/prisma/client';
import { planCounts } from '~/medicines/blood-thinner-plan';
import { planInstructionSelect } from '~/medicines/blood-thinner-plan-status.server';
import { needsPlanAroundFast } from '~/medicines/catalogue';
import { CANCELLED_STATUSES } from '~/appointments/appointment-status';
import { classifyMedicine, type ClassifiedMedicine, type LeafletInputRaw } from './leaflet-input';

type Db = PrismaClient | Prisma.TransactionClient;

/** How an allergy reads inside the leaflet's sentence "We have a note that you are allergic to: ...". */
const ALLERGY_TEXT: Record<string, string> = {
  IODINE_CONTRAST: 'X-ray dye (iodine contrast)',
  LATEX: 'latex',
  LOCAL_ANAESTHETIC: 'local anaesthetic',
  STEROID: 'steroid',
  ANTISEPTIC: 'skin-cleaning liquid (antiseptic)',
  OTHER: 'another substance',
};

export type LeafletBooking = {
  appointmentId: string;
  patientId: string;
  /** The leaflet model's input (validated by the model itself). */
  input: LeafletInputRaw;
  /** Large print is chosen automatically from the patient's recorded communication needs. */
  largePrint: boolean;
  /**
   * Blood thinners on record without a doctor-confirmed plan for this booking: the leaflet tells the patient
   * to keep taking them until contacted, and staff should see that before sending it. Generic names.
   */
  unconfirmedBloodThinners: string[];
  /** Diabetes medicines the fast affects with no clinician-recorded plan: the leaflet promises a call. */
  unplannedDiabetesMedicines: string[];
};

const bookingSelect = {
  ...appointmentFactsSelect,
  arrivalAt: true,
  patientId: true,
  patient: {
    select: {
      ...patientSummarySelect,
      communicationNeeds: true,
      diabetes: true,
      allergies: { orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }], select: { kind: true, detail: true } },
      medicines: {
        where: { stoppedAt: null },
        orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
        select: {
          freeTextName: true,
          medicine: {
            select: { id: true, genericName: true, drivingCategory: true, drivingLimitMcgPerL: true, bloodThinnerClass: true, diabetesClass: true },
          },
        },
      },
    },
  },
  procedureList: {
    select: { site: { select: { code: true, name: true, unitName: true, addressLines: true, postcode: true, phone: true, hasInterventionalSuite: true } } },
  },
  procedureRequest: {
    select: {
      side: true,
      levels: true,
      sedation: true,
      withSteroid: true,
      implantedDevice: true,
      procedureType: { select: { code: true } },
      plans: {
        where: { confirmedAt: { not: null } },
        orderBy: { id: 'asc' },
        select: {
          medicineId: true,
          ...planInstructionSelect,
          confirmedAt: true,
          deviatesFromRule: true,
          secondConfirmedAt: true,
          confirmedBy: { select: { name: true } },
          secondConfirmedBy: { select: { name: true } },
        },
      },
      diabetesPlans: {
        orderBy: { id: 'asc' },
        select: { medicineId: true, instruction: true, confirmedBy: { select: { name: true } } },
      },
    },
  },
} satisfies Prisma.AppointmentSelect;

function allergyText(allergy: { kind: string; detail: string | null }): string {
  const detail = allergy.detail?.trim();
  if (allergy.kind === 'OTHER' && detail) return detail;
  const text = ALLERGY_TEXT[allergy.kind] ?? allergy.kind.toLowerCase().replace(/_/g, ' ');
  return detail ? `${text} (${detail})` : text;
}

/**
 * The model input for one procedure booking. A consultation or an unknown id is NOT_FOUND (404); a cancelled
 * booking is APPOINTMENT_CANCELLED (409), as no leaflet may be made for an appointment that will not happen.
 */
export async function readLeafletBooking(db: Db, appointmentId: string): Promise<LeafletBooking> {
  const found = await loadProcedureCase(db, appointmentId, bookingSelect);
  if ((CANCELLED_STATUSES as readonly string[]).includes(found.status)) {
    throw new DomainError('APPOINTMENT_CANCELLED', 'This procedure booking is cancelled: there are no leaflets for it.');
  }
  const { patient, procedureRequest: request } = found;

  // Catalogue medicines go with the database's facts (an admin may have corrected them); free text goes by name.
  const medicines: (string | ClassifiedMedicine)[] = [];
  const seen = new Set<string>();
  const currentMedicineIds = new Map<string, string>();
  for (const row of patient.medicines) {
    const m = row.medicine;
    const name = (m?.genericName ?? row.freeTextName ?? '').trim().toLowerCase();
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    if (m) {
      currentMedicineIds.set(m.id, m.genericName);
      medicines.push({
        name: m.genericName,
        drivingCategory: m.drivingCategory,
        drivingLimitMcgPerL: m.drivingLimitMcgPerL,
        bloodThinnerClass: m.bloodThinnerClass,
        diabetesClass: m.diabetesClass,
      });
    } else {
      medicines.push(name);
    }
  }

  // Confirmed plans for medicines the patient still takes; a plan without the confirming doctor's name is not
  // an instruction the leaflet can attribute, so it is treated as unconfirmed.
  // A deviation from the rule table counts only once a second clinician has confirmed it.
  const bloodThinnerPlan = request.plans.flatMap((plan) => {
    const medicine = currentMedicineIds.get(plan.medicineId);
    const confirmedBy = plan.confirmedBy?.name?.trim();
    const secondConfirmedBy = plan.secondConfirmedBy?.name?.trim() || null;
    if (!medicine || !confirmedBy || !planCounts(plan)) return [];
    if (plan.deviatesFromRule && !secondConfirmedBy) return [];
    return [
      {
        medicine,
        action: plan.action,
        stopBeforeHours: plan.stopBeforeHours,
        restartAfterHours: plan.restartAfterHours,
        inrCheck: plan.inrCheck,
        confirmedBy,
        deviatesFromRule: plan.deviatesFromRule,
        ...(secondConfirmedBy ? { secondConfirmedBy } : {}),
      },
    ];
  });

  // Diabetes-medicine plans for medicines the patient still takes, with the recording clinician's name.
  const diabetesPlan = request.diabetesPlans.flatMap((plan) => {
    const medicine = currentMedicineIds.get(plan.medicineId);
    const confirmedBy = plan.confirmedBy.name?.trim();
    if (!medicine || !confirmedBy) return [];
    return [{ medicine, instruction: plan.instruction, confirmedBy }];
  });
  const diabetesPlanned = new Set(diabetesPlan.map((p) => p.medicine));
  const unplannedDiabetesMedicines = request.sedation
    ? medicines
        .map(classifyMedicine)
        .filter((m) => needsPlanAroundFast(m.diabetesClass) && !diabetesPlanned.has(m.name))
        .map((m) => m.name)
    : [];

  const planned = new Set(bloodThinnerPlan.filter((p) => p.action === 'CONTINUE' || (p.action === 'STOP' && p.stopBeforeHours != null)).map((p) => p.medicine));
  const unconfirmedBloodThinners = medicines
    .map(classifyMedicine)
    .filter((m) => m.bloodThinnerClass !== 'NONE' && !planned.has(m.name))
    .map((m) => m.name);

  const levels = request.levels?.trim();
  // The unit's current address and phone number come from the Site row.
  const { code: siteCode, ...site } = found.procedureList.site;
  const input: LeafletInputRaw = {
    patient: {
      firstName: patient.firstName,
      lastName: patient.lastName,
      nhsNumber: patient.nhsNumber,
      dateOfBirth: DateTime.fromJSDate(patient.dateOfBirth, { zone: 'utc' }).toISODate()!,
      needs: [...patient.communicationNeeds],
    },
    procedure: {
      code: request.procedureType.code,
      side: request.side,
      ...(levels ? { levels } : {}),
      sedation: request.sedation,
      ...(request.withSteroid !== null ? { withSteroid: request.withSteroid } : {}),
      implantedDevice: request.implantedDevice,
    },
    appointment: {
      start: found.startsAt,
      ...(found.arrivalAt ? { arrival: found.arrivalAt } : {}),
      siteCode,
      site,
    },
    medicines,
    bloodThinnerPlan,
    diabetesPlan,
    diabetes: patient.diabetes,
    allergies: patient.allergies.map(allergyText),
  };
  return {
    appointmentId: found.id,
    patientId: found.patientId,
    input,
    largePrint: patient.communicationNeeds.includes('LARGE_PRINT'),
    unconfirmedBloodThinners,
    unplannedDiabetesMedicines,
  };
}
