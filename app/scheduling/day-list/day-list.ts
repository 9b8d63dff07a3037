// The day list of a procedure list: every word and time the page, the printed PDF and the CSV show,
// decided once here. Pure: times are shown in Europe/London, ages on the day of the list; the clock is
// never read, so the same list always gives the same output.
import { COMMUNICATION_NEEDS } from '~/patients/patient-form';
import { formatNhsNumber } from '~/utils/nhs-number';
import { ageOn, formatLongDate, formatTime, formatTimeRange, titleCase } from '~/utils/format';
import { CASE_STATUS_LABEL, MODALITY_LABEL, SESSION_PART_LABEL, listName, sideAndLevels } from '../procedures/labels';
import { localDateOf } from '../session-times';
import { UNIT_TIME_ZONE } from '~/utils/time-zone';
import type { BloodThinnerClass, DiabetesMedicineClass } from '~/medicines/catalogue';
import { assessReadiness, implantedDeviceText, notReadySummary, readinessSourceOf, type Readiness, type ReadinessPlan } from '../procedures/readiness';

export type DayListSource = {
  list: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    sessionPart: string;
    modality: string;
    status: string;
    capacityMinutes: number;
    bookedMinutes: number;
    cancellationReason: string | null;
    site: { name: string; unitName: string | null };
    operator: { name: string };
  };
  cases: DayListCaseSource[];
};

export type DayListCaseSource = {
  id: string;
  status: string;
  listPosition: number | null;
  startsAt: Date;
  arrivalAt: Date | null;
  minutes: number;
  /** When the case was booked: a stop planned too late for the date makes it not ready. */
  bookedAt?: Date;
  /** A clinician agreed to this time although it is too soon for a planned medicine stop. */
  timingOverrideReason: string | null;
  patient: {
    firstName: string;
    lastName: string;
    nhsNumber: string;
    dateOfBirth: Date;
    diabetes: string;
    communicationNeeds: string[];
    interpreterLanguage: string | null;
    allergies: { kind: string; detail: string | null }[];
    /** Current medicines (not stopped). */
    medicines: {
      freeTextName: string | null;
      medicine: { id: string; displayName: string; bloodThinnerClass: BloodThinnerClass; diabetesClass: DiabetesMedicineClass } | null;
    }[];
  };
  request: {
    side: string;
    levels: string | null;
    sedation: boolean;
    escortArranged: boolean;
    possiblePregnancy: boolean;
    recentInfection: boolean;
    implantedDevice: string | null;
    procedureType: { name: string; code: string };
    plans: (ReadinessPlan & {
      restartAfterHours: number | null;
      inrCheck: boolean;
      medicine: { displayName: string };
    })[];
    diabetesPlans: { medicineId: string }[];
  };
};

export type DayListRow = {
  appointmentId: string;
  position: number;
  arrival: string;
  start: string;
  patient: string;
  nhsNumber: string;
  age: string;
  procedure: string;
  sideAndLevels: string;
  sedation: string;
  escort: string;
  /** Pacemaker/ICD/stimulator answer for radiofrequency denervation; '' for other procedures. */
  implantedDevice: string;
  /** '' for an ordinary booked case. */
  status: string;
  /** The readiness rule's verdict (readiness.ts): why the case is not ready, and any timing override. */
  readiness: Readiness;
  /** What the printed list and CSV show in the flags column: not-ready reasons and warnings first. */
  printedFlags: string[];
  flags: string[];
};

export type DayList = {
  listId: string;
  title: string;
  site: string;
  date: string;
  session: string;
  operator: string;
  modality: string;
  booked: string;
  /** "2 of 6 cases not ready"; null when every case is ready. */
  notReady: string | null;
  cancelled: string | null;
  /** For downloads: "procedure-list-2027-03-28-morning". */
  fileName: string;
  rows: DayListRow[];
  /** Cancelled cases, for the page (not printed): their time may be offered to someone else. */
  cancelledCases: { appointmentId: string; patient: string; start: string; status: string }[];
};

const CANCELLED = new Set(['CANCELLED_BY_PATIENT', 'CANCELLED_BY_HOSPITAL']);


const NEED_LABEL: Record<string, string> = Object.fromEntries(COMMUNICATION_NEEDS.map((n) => [n.value, n.label]));

const ALLERGY_LABEL: Record<string, string> = {
  IODINE_CONTRAST: 'Iodine contrast',
  LATEX: 'Latex',
  LOCAL_ANAESTHETIC: 'Local anaesthetic',
  STEROID: 'Steroid',
  ANTISEPTIC: 'Antiseptic',
  OTHER: 'Other',
};


function planText(plan: DayListCaseSource['request']['plans'][number]): string {
  const drug = plan.medicine.displayName;
  let what: string;
  if (plan.action === 'STOP') {
    what = `stop${plan.stopBeforeHours !== null ? ` ${plan.stopBeforeHours} h before` : ''}`;
    if (plan.restartAfterHours !== null) what += `, restart ${plan.restartAfterHours} h after`;
  } else if (plan.action === 'CONTINUE') {
    what = 'continue';
  } else {
    what = 'shared decision';
  }
  if (plan.inrCheck) what += ', INR check on the day';
  return `Blood thinner: ${drug} ${what}${plan.confirmedAt ? '' : ' (plan not confirmed by a doctor)'}`;
}

/** The flags the suite needs to see before the patient arrives (DESIGN.md rule 6: interpreter flagged). */
export function caseFlags(c: DayListCaseSource): string[] {
  const flags: string[] = [];
  if (c.request.plans.length > 0) {
    flags.push(...c.request.plans.map(planText));
  } else {
    const thinners = c.patient.medicines
      .filter((m) => m.medicine && m.medicine.bloodThinnerClass !== 'NONE')
      .map((m) => m.medicine!.displayName);
    if (thinners.length > 0) flags.push(`Blood thinner: takes ${thinners.join(', ')}; no plan recorded`);
  }
  if (c.patient.diabetes === 'ON_MEDICATION') flags.push('Diabetes on medication');
  if (c.patient.allergies.length > 0) {
    flags.push(
      `Allergy: ${c.patient.allergies.map((a) => `${ALLERGY_LABEL[a.kind] ?? titleCase(a.kind)}${a.detail ? ` (${a.detail})` : ''}`).join('; ')}`,
    );
  }
  for (const need of c.patient.communicationNeeds) {
    if (need === 'INTERPRETER') {
      flags.push(`Interpreter needed${c.patient.interpreterLanguage ? `: ${c.patient.interpreterLanguage}` : ''}`);
    } else {
      flags.push(`Communication: ${NEED_LABEL[need] ?? titleCase(need)}`);
    }
  }
  if (c.request.possiblePregnancy) flags.push('Possible pregnancy');
  if (c.request.recentInfection) flags.push('Recent infection');
  return flags;
}

function rowOf(c: DayListCaseSource, index: number, listStartsAt: Date): DayListRow {
  const readiness = assessReadiness(
    readinessSourceOf(c.request, c.patient.medicines, c.timingOverrideReason, c.bookedAt ? { startsAt: c.startsAt, bookedAt: c.bookedAt } : null),
  );
  const device = implantedDeviceText(c.request.procedureType.code, c.request.implantedDevice);
  const flags = [...(device ? [`Implanted device: ${device}`] : []), ...caseFlags(c)];
  return {
    appointmentId: c.id,
    position: c.listPosition ?? index + 1,
    arrival: c.arrivalAt ? formatTime(c.arrivalAt) : '',
    start: formatTime(c.startsAt),
    patient: listName(c.patient),
    nhsNumber: formatNhsNumber(c.patient.nhsNumber),
    age: String(ageOn(c.patient.dateOfBirth, listStartsAt)),
    procedure: c.request.procedureType.name,
    sideAndLevels: sideAndLevels(c.request.side, c.request.levels),
    sedation: c.request.sedation ? 'Yes' : 'No',
    escort: c.request.escortArranged ? 'Confirmed' : 'Not confirmed',
    implantedDevice: device,
    status: c.status === 'BOOKED' ? '' : (CASE_STATUS_LABEL[c.status] ?? titleCase(c.status)),
    readiness,
    printedFlags: [...readiness.reasons.map((r) => `NOT READY: ${r.text}`), ...readiness.warnings, ...flags],
    flags,
  };
}

export function buildDayList(source: DayListSource): DayList {
  const { list } = source;
  const active = source.cases
    .filter((c) => !CANCELLED.has(c.status))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const rows = active.map((c, index) => rowOf(c, index, list.startsAt));
  const part = SESSION_PART_LABEL[list.sessionPart] ?? titleCase(list.sessionPart);
  const date = formatLongDate(list.startsAt);
  const caseCount = `${rows.length} ${rows.length === 1 ? 'case' : 'cases'}`;
  return {
    listId: list.id,
    title: `Procedure list: ${list.site.name}, ${date}, ${part.toLowerCase()}`,
    site: [list.site.name, list.site.unitName].filter(Boolean).join(', '),
    date,
    session: `${part}, ${formatTimeRange(list.startsAt, list.endsAt)}`,
    operator: list.operator.name,
    modality: MODALITY_LABEL[list.modality] ?? titleCase(list.modality),
    booked: `${list.bookedMinutes} of ${list.capacityMinutes} minutes booked, ${caseCount}`,
    notReady: notReadySummary(rows.map((r) => r.readiness)),
    fileName: `procedure-list-${localDateOf(list.startsAt, UNIT_TIME_ZONE)}-${list.sessionPart.toLowerCase()}`,
    cancelled: list.status === 'CANCELLED' ? `This list has been cancelled${list.cancellationReason ? `: ${list.cancellationReason}` : ''}.` : null,
    rows,
    cancelledCases: source.cases
      .filter((c) => CANCELLED.has(c.status))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((c) => ({ appointmentId: c.id, patient: listName(c.patient), start: formatTime(c.startsAt), status: CASE_STATUS_LABEL[c.status] })),
  };
}

