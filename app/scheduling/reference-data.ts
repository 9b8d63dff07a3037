// Reference data for the unit's sites and procedure types: loaded into the database by the seed and by
// test factories, and then owned by the database (admins may edit it). Kept free of Prisma so that any
// module, including pure ones and the browser bundle, can read the stable codes.
//
// The string unions below mirror the Prisma enums of the same names; the seed passes these values
// straight to Prisma, so a mismatch is a type error there.

export type Guidance = 'XRAY' | 'ULTRASOUND';
export type BleedingRisk = 'LOW' | 'INTERMEDIATE' | 'HIGH';

export const SITE_CODES = ['MAIDSTONE', 'TUNBRIDGE_WELLS', 'SEVENOAKS'] as const;
export type SiteCode = (typeof SITE_CODES)[number];

export type SiteReference = {
  code: SiteCode;
  name: string;
  unitName: string | null;
  addressLines: string[];
  postcode: string;
  phone: string;
  /** Procedures may only be listed at a site with an interventional suite (DESIGN.md, rule 2). */
  hasInterventionalSuite: boolean;
};

// Demo values. The telephone numbers are from Ofcom's range reserved for drama (01632 960xxx), so a demo
// leaflet can never send a patient to a real ward; a trust replaces all of these through the admin pages.
export const SITES: readonly SiteReference[] = [
  {
    code: 'MAIDSTONE',
    name: 'Maidstone Hospital',
    unitName: 'Chronic Pain Unit, Hutchinson Suite, level 1',
    addressLines: ['Hermitage Lane', 'Maidstone', 'Kent'],
    postcode: 'ME16 9QQ',
    phone: '01632 960100',
    hasInterventionalSuite: true,
  },
  {
    code: 'TUNBRIDGE_WELLS',
    name: 'Tunbridge Wells Hospital',
    unitName: 'Pain Clinic, Outpatients',
    addressLines: ['Tonbridge Road', 'Pembury', 'Tunbridge Wells', 'Kent'],
    postcode: 'TN2 4QJ',
    phone: '01632 960200',
    hasInterventionalSuite: false,
  },
  {
    code: 'SEVENOAKS',
    name: 'Sevenoaks Community Hospital',
    unitName: 'Pain Clinic, Outpatients',
    addressLines: ['Hospital Road', 'Sevenoaks', 'Kent'],
    postcode: 'TN13 3PG',
    phone: '01632 960300',
    hasInterventionalSuite: false,
  },
];

export const PROCEDURE_CODES = [
  'FACET_JOINT_INJECTION',
  'MEDIAL_BRANCH_BLOCK',
  'RADIOFREQUENCY_DENERVATION',
  'SI_JOINT_INJECTION',
  'CAUDAL_EPIDURAL',
  'INTERLAMINAR_EPIDURAL',
  'TRANSFORAMINAL_EPIDURAL',
  'NERVE_ROOT_BLOCK',
  'PLEXUS_BLOCK',
] as const;
export type ProcedureCode = (typeof PROCEDURE_CODES)[number];

export type ProcedureTypeReference = {
  code: ProcedureCode;
  name: string;
  /** Planned minutes on a list, including set-up; the doctor may change it per request. */
  defaultMinutes: number;
  allowedGuidance: Guidance[];
  /** ASRA/ESRA 2018 category (clinical-facts.md) at lumbar, thoracic or sacral levels: drives the proposed stop dates. */
  bleedingRisk: BleedingRisk;
  /** The category when the recorded levels are cervical; null when the level does not change it. */
  cervicalBleedingRisk: BleedingRisk | null;
  /** Whether the injection normally includes a steroid; the doctor's outcome may say otherwise per request. */
  usesSteroid: boolean;
  /** Folder under leaflets/ holding this procedure's leaflet parts. */
  leafletSet: string;
};

function leafletSetFor(code: ProcedureCode): string {
  return code.toLowerCase().replace(/_/g, '-');
}

function procedure(entry: Omit<ProcedureTypeReference, 'leafletSet'>): ProcedureTypeReference {
  return { ...entry, leafletSet: leafletSetFor(entry.code) };
}

// Bleeding-risk categories (ASRA 2018, 2019 update): thoracic and lumbar facet procedures are low risk, cervical
// facet injections, medial branch blocks and RF intermediate (cervicalBleedingRisk; the level is read from the
// request by procedureBleedingRisk in ~/medicines/bleeding-risk). Caudal epidural is not categorised by ASRA;
// clinical-facts.md says treat it as intermediate. Plexus blocks are listed as intermediate because deep plexus
// blocks are treated as higher risk than peripheral nerve blocks. Medial branch blocks and RF use no steroid.
export const PROCEDURE_TYPES: readonly ProcedureTypeReference[] = [
  procedure({
    code: 'FACET_JOINT_INJECTION',
    name: 'Facet joint injection',
    defaultMinutes: 30,
    allowedGuidance: ['XRAY', 'ULTRASOUND'],
    bleedingRisk: 'LOW',
    cervicalBleedingRisk: 'INTERMEDIATE',
    usesSteroid: true,
  }),
  procedure({
    code: 'MEDIAL_BRANCH_BLOCK',
    name: 'Medial branch block',
    defaultMinutes: 30,
    allowedGuidance: ['XRAY', 'ULTRASOUND'],
    bleedingRisk: 'LOW',
    cervicalBleedingRisk: 'INTERMEDIATE',
    usesSteroid: false,
  }),
  procedure({
    code: 'RADIOFREQUENCY_DENERVATION',
    name: 'Radiofrequency denervation',
    defaultMinutes: 45,
    allowedGuidance: ['XRAY'],
    bleedingRisk: 'LOW',
    cervicalBleedingRisk: 'INTERMEDIATE',
    usesSteroid: false,
  }),
  procedure({
    code: 'SI_JOINT_INJECTION',
    name: 'Sacroiliac (SI) joint injection',
    defaultMinutes: 20,
    allowedGuidance: ['XRAY', 'ULTRASOUND'],
    bleedingRisk: 'LOW',
    cervicalBleedingRisk: null,
    usesSteroid: true,
  }),
  procedure({
    code: 'CAUDAL_EPIDURAL',
    name: 'Caudal epidural injection',
    defaultMinutes: 20,
    allowedGuidance: ['XRAY', 'ULTRASOUND'],
    bleedingRisk: 'INTERMEDIATE',
    cervicalBleedingRisk: null,
    usesSteroid: true,
  }),
  procedure({
    code: 'INTERLAMINAR_EPIDURAL',
    name: 'Interlaminar epidural injection',
    defaultMinutes: 30,
    allowedGuidance: ['XRAY'],
    bleedingRisk: 'INTERMEDIATE',
    cervicalBleedingRisk: null,
    usesSteroid: true,
  }),
  procedure({
    code: 'TRANSFORAMINAL_EPIDURAL',
    name: 'Transforaminal epidural injection',
    defaultMinutes: 30,
    allowedGuidance: ['XRAY'],
    bleedingRisk: 'INTERMEDIATE',
    cervicalBleedingRisk: null,
    usesSteroid: true,
  }),
  procedure({
    code: 'NERVE_ROOT_BLOCK',
    name: 'Nerve root block',
    defaultMinutes: 30,
    allowedGuidance: ['XRAY'],
    bleedingRisk: 'INTERMEDIATE',
    cervicalBleedingRisk: null,
    usesSteroid: true,
  }),
  procedure({
    code: 'PLEXUS_BLOCK',
    name: 'Plexus block',
    defaultMinutes: 30,
    allowedGuidance: ['ULTRASOUND'],
    bleedingRisk: 'INTERMEDIATE',
    cervicalBleedingRisk: null,
    usesSteroid: true,
  }),
];

export function findSiteReference(code: string): SiteReference | undefined {
  return SITES.find((site) => site.code === code);
}

export function findProcedureTypeReference(code: string): ProcedureTypeReference | undefined {
  return PROCEDURE_TYPES.find((type) => type.code === code);
}

/** Whether this request's injection includes a steroid: the doctor's choice where recorded, else the type's default. */
export function steroidUsed(code: string, withSteroid?: boolean | null): boolean {
  if (withSteroid === true || withSteroid === false) return withSteroid;
  return findProcedureTypeReference(code)?.usesSteroid ?? true;
}
