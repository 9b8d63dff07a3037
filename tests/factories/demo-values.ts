// Made-up values for test and demo people. Names deliberately include apostrophes, accents and letters
// outside Latin-1 (Dąbrowska, Nguyễn, Siobhán) because they have broken NHS systems before: PDFs with
// built-in fonts, e-mail headers, CSV exports and case-sensitive search all have to cope with them.
// Contact details use ranges reserved for fiction: example.com/.org mail domains (RFC 2606) and Ofcom's
// drama telephone numbers, so demo data can never reach a real person.

export const FIRST_NAMES = [
  'Amelia', 'Oliver', 'Siobhán', 'Kwame', 'Priya', 'Mohammed', 'Zofia', 'Eilidh', 'Thi Hoa', 'George',
  'Margaret', 'Rhys', 'Aisha', 'Chidi', 'Gráinne', 'Tomasz', 'Fatima', 'Dylan', 'Bronwen', 'Ravi',
  'Ellie-Mae', 'José', 'Agnieszka', 'Harold', 'Leah', 'Oluwaseun', 'Zoë', 'Callum', 'Nadia', 'Seán', 'Mei',
] as const;

export const LAST_NAMES = [
  'Dąbrowska', 'Nguyễn', "O'Brien", 'Smith', 'Patel', 'Okonkwo', 'Williams', 'Jones', 'Khan', 'Kowalski',
  'MacDonald', 'Evans', 'Taylor', 'Brown', 'Ahmed', 'Singh', 'Murphy', 'Davies', 'Hughes', 'Wright',
  'Clarke', 'Begum', 'Chen', 'Ferreira', 'Ó Súilleabháin', 'ap Llywelyn', 'Smith-Jones', 'Mensah', 'Gürsoy',
] as const;

export const STREETS = [
  'Orchard Way', 'Hop Garden Close', 'Medway Street', 'Station Road', 'Oast View', 'Church Lane',
  'Bower Mount Road', 'Pilgrims Way', 'Weald Rise', 'Cherry Tree Avenue', 'Mill Lane',
] as const;

export const TOWNS: readonly { town: string; district: string }[] = [
  { town: 'Maidstone', district: 'ME15' },
  { town: 'Maidstone', district: 'ME16' },
  { town: 'Aylesford', district: 'ME20' },
  { town: 'Tonbridge', district: 'TN9' },
  { town: 'Tunbridge Wells', district: 'TN2' },
  { town: 'Paddock Wood', district: 'TN12' },
  { town: 'Sevenoaks', district: 'TN13' },
  { town: 'Westerham', district: 'TN16' },
];

export const GP_PRACTICES = [
  'Demo Medical Centre, Maidstone',
  'Weald Demo Surgery, Tonbridge',
  'Pantiles Demo Practice, Tunbridge Wells',
  'Vine Demo Surgery, Sevenoaks',
  'Medway Valley Demo Health Centre, Aylesford',
] as const;

export const INTERPRETER_LANGUAGES = [
  'Polish', 'Punjabi', 'Nepali', 'Romanian', 'Vietnamese', 'Portuguese', 'Turkish', 'Bengali', 'Lithuanian',
] as const;

export const REFERRAL_REASONS = [
  'Chronic low back pain for over a year, worse on standing; facet-mediated pain suspected',
  'Right-sided sciatica for 6 months despite physiotherapy; L5 nerve root compression on MRI',
  'Buttock and groin pain on the left, sacroiliac joint tenderness on examination',
  'Neck pain radiating to both shoulders for 2 years; medication not helping',
  'Persistent leg pain after lumbar surgery; request for epidural',
  'Widespread pain with poor sleep; asks for pain management programme',
  'Low back pain with good but short relief from previous medial branch blocks',
  'Complex regional pain syndrome of the right hand; request for sympathetic block',
  'Bilateral knee pain, not suitable for surgery; conservative options exhausted',
  'Chest wall pain after shingles, 9 months',
] as const;

/** A value from a list, cycling: deterministic for the same n. */
export function pick<T>(list: readonly T[], n: number): T {
  return list[((n % list.length) + list.length) % list.length];
}

/** Lower-case ASCII for making e-mail addresses from names such as "Ó Súilleabháin". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** An Ofcom drama-range mobile number (07700 900000 to 900999). */
export function dramaMobile(n: number): string {
  return `07700 900${String(((n % 1000) + 1000) % 1000).padStart(3, '0')}`;
}
