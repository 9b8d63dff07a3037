import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { formatNhsNumber } from '~/patients/nhs-number';
import { formatTime } from '~/utils/format';
import { findProcedureTypeReference, findSiteReference } from '~/scheduling/reference-data';
import { escapeMarkdown, markdownToBlocks, type LeafletBlock } from './leaflet-blocks';
import { classifyMedicine, parseLeafletInput, type ClassifiedMedicine, type LeafletInput } from './leaflet-input';
import type { LeafletPart, LeafletPartHistory } from './leaflet-part';

export type LeafletSection = { key: string; heading: string; blocks: LeafletBlock[] };

export type LeafletDocumentKind = 'BEFORE_PROCEDURE' | 'AFTER_PROCEDURE';

export type LeafletDocument = {
  kind: LeafletDocumentKind;
  title: string;
  /** The procedure's name as a subtitle, e.g. "Facet joint injection". */
  procedureName: string;
  /** Who the leaflet is from, for the page banner and the history box. */
  unit: { name: string; site: string; phone: string };
  largePrint: boolean;
  /** Shown on every page so a loose page can be matched to its patient. */
  patient: { name: string; nhsNumber: string; dateOfBirth: string };
  sections: LeafletSection[];
  /** For the document history box and the record of what was sent. */
  parts: LeafletPartHistory[];
};

export type LeafletPair = { before: LeafletDocument; after: LeafletDocument };

const DEFAULT_ARRIVAL_MINUTES = 30;
const FOOD_FAST_HOURS = 6;
const CLEAR_FLUID_FAST_HOURS = 2;

export function formatLondonDate(at: DateTime): string {
  return at.setZone('Europe/London').setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** The app's "8:15am" / "1pm" (formatTime), but "midday" and "midnight": a leaflet never says "12am". */
export function formatLondonTime(at: DateTime): string {
  const local = at.setZone('Europe/London');
  if (local.minute === 0 && local.hour === 12) return 'midday';
  if (local.minute === 0 && local.hour === 0) return 'midnight';
  return formatTime(at.toJSDate());
}

/** "8:30am on Monday 29 March 2027" */
export function formatLondonTimeOnDate(at: DateTime): string {
  const local = at.setZone('Europe/London');
  // "Midnight on Friday" is read both ways; name the evening it ends instead.
  if (local.hour === 0 && local.minute === 0) return `midnight at the end of ${formatLondonDate(local.minus({ days: 1 }))}`;
  return `${formatLondonTime(at)} on ${formatLondonDate(at)}`;
}

const SIDE_TEXT: Record<string, string> = { LEFT: 'left side', RIGHT: 'right side', BOTH: 'both sides' };

type BloodThinnerEntry = { name: string; label: string; inrCheck: boolean; confirmedBy: string; lastDoseSentence: string; restartSentence: string };

function bloodThinnerContext(input: LeafletInput, medicines: ClassifiedMedicine[]) {
  const plan = input.bloodThinnerPlan ?? [];
  const names = new Set<string>(medicines.filter((m) => m.bloodThinnerClass !== 'NONE').map((m) => m.name));
  for (const entry of plan) names.add(entry.medicine.trim().toLowerCase());
  const stop: BloodThinnerEntry[] = [];
  const cont: { name: string; label: string; confirmedBy: string }[] = [];
  const unplanned: { name: string; label: string }[] = [];
  for (const name of [...names].sort()) {
    const entry = plan.find((p) => p.medicine.trim().toLowerCase() === name);
    const shown = escapeMarkdown(name);
    const label = capitalise(shown);
    // Only a doctor's explicit STOP with hours becomes an instruction to stop (DESIGN.md rule 4); anything
    // less certain tells the patient to keep taking it until we contact them.
    if (entry?.action === 'STOP' && entry.stopBeforeHours != null) {
      // Elapsed hours, not wall-clock days: across a clock change this keeps the gap at least the hours the
      // doctor set (a 48 h stop before a 9am Sunday 28 March 2027 appointment ends at 8am on Friday).
      const lastDose = input.appointment.start.minus({ hours: entry.stopBeforeHours });
      stop.push({
        name: shown,
        label,
        inrCheck: entry.inrCheck,
        confirmedBy: escapeMarkdown(entry.confirmedBy),
        lastDoseSentence: `Take your last dose of ${shown} no later than ${formatLondonTimeOnDate(lastDose)}. Then do not take any more until after your procedure.`,
        restartSentence:
          entry.restartAfterHours != null
            ? `Do not take ${shown} again until at least ${entry.restartAfterHours} hours after your procedure. Then go back to taking it as usual.`
            : `Before you go home, ask the team when to start taking ${shown} again.`,
      });
    } else if (entry?.action === 'CONTINUE') {
      cont.push({ name: shown, label, confirmedBy: escapeMarkdown(entry.confirmedBy) });
    } else {
      unplanned.push({ name: shown, label });
    }
  }
  return { stop, continue: cont, unplanned, any: names.size > 0 };
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function drivingContext(medicines: ClassifiedMedicine[]) {
  const named = (category: ClassifiedMedicine['drivingCategory']) =>
    medicines.filter((m) => m.drivingCategory === category).map((m) => ({ name: escapeMarkdown(m.name), limit: m.drivingLimitMcgPerL }));
  const specified = named('SPECIFIED_LIMIT');
  const cannabis = named('CANNABIS_BASED');
  const otherOpioids = named('OTHER_OPIOID');
  const gabapentinoids = named('GABAPENTINOID');
  const antidepressants = named('SEDATING_ANTIDEPRESSANT');
  const any = [specified, cannabis, otherOpioids, gabapentinoids, antidepressants].some((group) => group.length > 0);
  const names = (group: { name: string }[]) => list(group.map((m) => m.name));
  return {
    specified,
    cannabis,
    otherOpioids,
    gabapentinoids,
    antidepressants,
    any,
    needsEvidence: any,
    cannabisList: names(cannabis),
    otherOpioidList: names(otherOpioids),
    gabapentinoidList: names(gabapentinoids),
    antidepressantList: names(antidepressants),
  };
}

function buildContext(input: LeafletInput) {
  const procedure = findProcedureTypeReference(input.procedure.code)!;
  const site = input.appointment.site ?? findSiteReference(input.appointment.siteCode)!;
  const start = input.appointment.start;
  const arrival = input.appointment.arrival ?? start.minus({ minutes: DEFAULT_ARRIVAL_MINUTES });
  const medicines = input.medicines.map(classifyMedicine);
  const side = input.procedure.side ? SIDE_TEXT[input.procedure.side] : undefined;
  const sideAndLevels = [side, input.procedure.levels && `level ${escapeMarkdown(input.procedure.levels)}`].filter(Boolean).join(', ');
  // Lower-cased so it reads inside a sentence ("a sacroiliac (SI) joint injection").
  const procedureName = procedure.name.charAt(0).toLowerCase() + procedure.name.slice(1);
  const allergies = (input.allergies ?? []).map(escapeMarkdown);
  return {
    procedure,
    site,
    medicines,
    template: {
      firstName: escapeMarkdown(input.patient.firstName),
      lastName: escapeMarkdown(input.patient.lastName),
      procedureName,
      procedureWithArticle: `${/^[aeiou]/.test(procedureName) ? 'an' : 'a'} ${procedureName}`,
      procedureMinutes: procedure.defaultMinutes,
      sideAndLevels,
      appointmentDate: formatLondonDate(start),
      appointmentLine: `${formatLondonDate(arrival)}, arrive ${formatLondonTime(arrival)}`,
      startTime: formatLondonTime(start),
      arrivalTime: formatLondonTime(arrival),
      siteName: site.name,
      siteUnit: site.unitName ?? 'Chronic Pain Unit',
      siteAddress: [...site.addressLines, site.postcode].join(', '),
      sitePhone: site.phone,
      foodUntil: formatLondonTimeOnDate(start.minus({ hours: FOOD_FAST_HOURS })),
      clearFluidsUntil: formatLondonTimeOnDate(start.minus({ hours: CLEAR_FLUID_FAST_HOURS })),
      allergies,
      allergyList: list(allergies),
      bloodThinners: bloodThinnerContext(input, medicines),
      driving: drivingContext(medicines),
    },
  };
}

function findPart(parts: readonly LeafletPart[], key: string): LeafletPart {
  const part = parts.find((p) => p.key === key);
  if (!part) throw new Error(`Leaflet part "${key}" is missing from leaflets/`);
  return part;
}

function section(part: LeafletPart, context: object): LeafletSection {
  // noEscape: the output is Markdown, not HTML; values are Markdown-escaped when the context is built.
  // strict: a misspelt placeholder in an edited part fails loudly instead of printing a blank for a patient.
  const markdown = Handlebars.compile(part.body, { noEscape: true, strict: true })(context);
  return { key: part.key, heading: part.title, blocks: markdownToBlocks(markdown) };
}

function history(part: LeafletPart): LeafletPartHistory {
  const { key, title, reference, version, updated, review, owner } = part;
  return { key, title, reference, version, updated, review, owner };
}

/** Decides both leaflets for one booking. Throws LeafletInputError for invalid input. */
export function buildLeaflets(raw: unknown, parts: readonly LeafletPart[]): LeafletPair {
  const input = parseLeafletInput(raw);
  const { procedure, site, template } = buildContext(input);
  const diabetic = input.diabetic === true;
  const keys = {
    before: [
      'shared/appointment',
      `${procedure.leafletSet}/about`,
      'shared/prepare',
      'shared/allergies-pregnancy',
      template.bloodThinners.any && 'shared/blood-thinners',
      diabetic && 'shared/diabetes-steroid',
      input.procedure.sedation && 'shared/fasting',
      'shared/on-the-day',
      'shared/driving-and-medicines',
      'shared/contacts',
    ],
    after: [
      'shared/afterwards',
      `${procedure.leafletSet}/afterwards`,
      template.bloodThinners.stop.length > 0 && 'shared/blood-thinners-restart',
      diabetic && 'shared/diabetes-steroid',
      'shared/contacts',
    ],
  };
  const patient = {
    name: `${input.patient.firstName} ${input.patient.lastName}`,
    nhsNumber: formatNhsNumber(input.patient.nhsNumber),
    dateOfBirth: DateTime.fromISO(input.patient.dateOfBirth).setLocale('en-GB').toFormat('d LLLL yyyy'),
  };
  const largePrint = input.patient.needs.includes('LARGE_PRINT');
  const document = (kind: LeafletDocumentKind, title: string, partKeys: (string | false)[]): LeafletDocument => {
    const used = partKeys.filter((key): key is string => key !== false).map((key) => findPart(parts, key));
    return {
      kind,
      title,
      procedureName: procedure.name,
      unit: { name: 'Chronic Pain Unit', site: site.name, phone: site.phone },
      largePrint,
      patient,
      sections: used.map((part) => section(part, template)),
      parts: used.map(history),
    };
  };
  return {
    before: document('BEFORE_PROCEDURE', 'Before your procedure', keys.before),
    after: document('AFTER_PROCEDURE', 'After your procedure', keys.after),
  };
}
