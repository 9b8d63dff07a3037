import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { spinalRegions, type SpinalRegion } from '~/medicines/bleeding-risk';
import { formatNhsNumber } from '~/utils/nhs-number';
import { findProcedureTypeReference, findSiteReference, steroidUsed } from '~/scheduling/reference-data';
import { escapeMarkdown, markdownToBlocks, type LeafletBlock } from './leaflet-blocks';
import { bloodThinnerContext } from './leaflet-blood-thinners';
import { diabetesContext } from './leaflet-diabetes';
import { drivingContext } from './leaflet-driving';
import { formatLondonDate, formatLondonTime, formatLondonTimeOnDate, list } from './leaflet-format';
import { classifyMedicine, parseLeafletInput, type LeafletInput } from './leaflet-input';
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
  /** The day this copy was made (yyyy-MM-dd), printed on every page; null for a draft preview. */
  generatedOn: string | null;
  /** For a replacement copy, what it replaces, e.g. "the leaflet made on 3 June 2027". */
  replaces: string | null;
};

export { formatLondonDate, formatLondonTime, formatLondonTimeOnDate } from './leaflet-format';

export type LeafletPair = { before: LeafletDocument; after: LeafletDocument };

const DEFAULT_ARRIVAL_MINUTES = 30;
const FOOD_FAST_HOURS = 6;
const CLEAR_FLUID_FAST_HOURS = 2;

const SIDE_TEXT: Record<string, string> = { LEFT: 'left side', RIGHT: 'right side', BOTH: 'both sides' };

/** Procedures that inject next to a nerve root as it leaves the spine (the transforaminal route). */
const TRANSFORAMINAL_CODES = new Set(['TRANSFORAMINAL_EPIDURAL', 'NERVE_ROOT_BLOCK']);

const DEVICE_TEXT: Record<string, string> = {
  PACEMAKER: 'a pacemaker',
  ICD: 'an ICD (implanted defibrillator)',
  SPINAL_CORD_STIMULATOR: 'a spinal cord stimulator',
  OTHER: 'an implanted electrical device',
};

/**
 * The body words for the recorded levels: a cervical level is about the neck and arms, a lumbar or sacral one
 * about the back and legs, a thoracic one about the chest and trunk. With no level recorded (or one that names
 * no vertebra) the wording covers both, so nothing is left out.
 */
export function regionContext(code: string, levels: string | null | undefined) {
  const regions = spinalRegions(code, levels);
  const has = (region: SpinalRegion) => regions.includes(region);
  const cervical = has('CERVICAL');
  const thoracic = has('THORACIC');
  const low = has('LUMBAR') || has('SACRAL');
  const known = regions.length > 0;
  const arm = cervical || !known;
  const leg = low || !known;
  const limb = arm && leg ? 'arm or leg' : arm ? 'arm' : leg ? 'leg' : '';
  const areas = [cervical && 'neck', thoracic && (cervical || low ? 'upper back' : 'chest or upper back'), low && (has('LUMBAR') ? 'lower back' : 'lower back or buttock')];
  const area = known ? areas.filter((a): a is string => Boolean(a)).join(' or ') : 'neck or back';
  // Spinal-cord warning signs: a problem at neck level can weaken the legs as well as the arms.
  const weaknessLimbs = cervical || !known ? 'arms or legs' : 'legs';
  return {
    cervical,
    thoracic,
    lumbar: low,
    known,
    /** "arm", "leg", "arm or leg", or "" for thoracic levels only (chest and trunk wording instead). */
    limb,
    limbs: limb === 'arm or leg' ? 'arms or legs' : limb ? `${limb}s` : '',
    hasLimb: limb !== '',
    /** Where spreading numbness is felt: "your arm", "your leg", or the chest or tummy for thoracic levels. */
    numbPart: limb ? `your ${limb}` : 'the skin of your chest or tummy',
    numbParts: limb ? `your ${limb === 'arm or leg' ? 'arms or legs' : `${limb}s`}` : 'the skin of your chest or tummy',
    area,
    weaknessLimbs,
    /** Thoracic levels only: numbness of the chest or tummy rather than a limb. */
    trunkOnly: thoracic && !cervical && !low,
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
  const region = regionContext(procedure.code, input.procedure.levels);
  const plexus = procedure.code === 'PLEXUS_BLOCK';
  const device = input.procedure.implantedDevice ?? null;
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
      region,
      steroid: steroidUsed(procedure.code, input.procedure.withSteroid),
      sedation: input.procedure.sedation,
      transforaminal: TRANSFORAMINAL_CODES.has(procedure.code),
      plexus,
      radiofrequency: procedure.code === 'RADIOFREQUENCY_DENERVATION',
      // Breathing can be affected after a block near the lungs or the nerves to the breathing muscles.
      nearChestOrNeck: plexus || region.cervical || region.thoracic || !region.known,
      device: {
        asked: device !== null,
        none: device === 'NONE',
        has: device !== null && device !== 'NONE',
        text: device && device !== 'NONE' ? DEVICE_TEXT[device] : '',
      },
      bloodThinners: bloodThinnerContext(input, medicines),
      driving: drivingContext(medicines),
      diabetes: diabetesContext(input, medicines),
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
  // Steroid and blood sugar advice: anyone with diabetes, only when the injection includes a steroid. The
  // diabetes medicines around a fast are in the fasting part (before only).
  const steroidAdvice = template.diabetes.steroidAdvice;
  const keys = {
    before: [
      'shared/appointment',
      `${procedure.leafletSet}/about`,
      'shared/prepare',
      'shared/allergies-pregnancy',
      template.bloodThinners.any && 'shared/blood-thinners',
      steroidAdvice && 'shared/diabetes-steroid',
      input.procedure.sedation && 'shared/fasting',
      'shared/on-the-day',
      'shared/driving-and-medicines',
      'shared/contacts',
    ],
    after: [
      'shared/afterwards',
      `${procedure.leafletSet}/afterwards`,
      'shared/red-flags',
      template.bloodThinners.stop.length > 0 && 'shared/blood-thinners-restart',
      steroidAdvice && 'shared/diabetes-steroid',
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
      generatedOn: input.generatedOn ?? null,
      replaces: input.replaces ?? null,
    };
  };
  return {
    before: document('BEFORE_PROCEDURE', 'Before your procedure', keys.before),
    after: document('AFTER_PROCEDURE', 'After your procedure', keys.after),
  };
}
