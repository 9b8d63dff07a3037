import fs from 'node:fs';
import { DateTime } from 'luxon';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCEDURE_TYPES } from '~/scheduling/reference-data';
import { caseToLeafletInput } from './leaflet-case';
import { loadLeafletParts } from './leaflet-content.server';
import { LeafletInputError } from './leaflet-input';
import { buildLeaflets, formatLondonTime, formatLondonTimeOnDate, type LeafletDocument } from './leaflet-model';

const parts = loadLeafletParts();

function booking(overrides: Record<string, unknown> = {}) {
  return {
    patient: { firstName: 'Anna', lastName: 'Dąbrowska', nhsNumber: '943 476 5919', dateOfBirth: '1960-02-03', needs: [] },
    procedure: { code: 'INTERLAMINAR_EPIDURAL', side: 'LEFT', levels: 'L4/5', sedation: false },
    // 8:45am BST on Thursday 1 April 2027.
    appointment: { start: '2027-04-01T07:45:00Z', siteCode: 'MAIDSTONE' },
    medicines: [] as unknown[],
    ...overrides,
  };
}

function textOf(document: LeafletDocument): string {
  return document.sections
    .flatMap((section) => [
      section.heading,
      ...section.blocks.map((block) => (block.kind === 'list' ? block.items.join('\n') : block.text)),
    ])
    .join('\n');
}

const keysOf = (document: LeafletDocument) => document.sections.map((section) => section.key);

describe('every procedure type', () => {
  it.each(PROCEDURE_TYPES.map((type) => [type.code, type] as const))('%s builds both leaflets with its own "what it is"', (code, type) => {
    const { before, after } = buildLeaflets(booking({ procedure: { code, sedation: false } }), parts);
    expect(before.title).toBe('Before your procedure');
    expect(after.title).toBe('After your procedure');
    const about = before.sections.filter((section) => section.key.endsWith('/about'));
    expect(about.map((section) => section.key)).toEqual([`${type.leafletSet}/about`]);
    expect(about[0]!.heading.toLowerCase()).toContain(type.name.toLowerCase());
    expect(about[0]!.blocks.some((block) => block.kind === 'heading' && block.text === 'Risks and side effects')).toBe(true);
    expect(textOf(after).toLowerCase()).toContain(type.name.toLowerCase());
    expect(keysOf(after).filter((key) => key.endsWith('/afterwards'))).toEqual(['shared/afterwards', `${type.leafletSet}/afterwards`]);
    // Both documents end with how to reach us and the offer of other formats.
    expect(keysOf(before).at(-1)).toBe('shared/contacts');
    expect(keysOf(after).at(-1)).toBe('shared/contacts');
  });

  it('leaves no placeholder unfilled in any document', () => {
    for (const type of PROCEDURE_TYPES) {
      const { before, after } = buildLeaflets(booking({ procedure: { code: type.code, sedation: true }, diabetic: true, medicines: ['apixaban', 'morphine'] }), parts);
      expect(textOf(before) + textOf(after)).not.toMatch(/\{\{|\}\}|undefined|null|NaN/);
    }
  });

  it('fails loudly on a misspelt placeholder instead of printing a blank', () => {
    const broken = parts.map((part) => (part.key === 'shared/appointment' ? { ...part, body: 'Dear {{firstNmae}},' } : part));
    expect(() => buildLeaflets(booking(), broken)).toThrow(/firstNmae/);
  });

  it('has a different "what it is" text for each procedure', () => {
    const bodies = PROCEDURE_TYPES.map((type) => parts.find((part) => part.key === `${type.leafletSet}/about`)!.body);
    expect(new Set(bodies).size).toBe(PROCEDURE_TYPES.length);
  });
});

describe('example cases in leaflets/cases', () => {
  const dir = path.resolve('leaflets/cases');
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.json'));

  it('cover every procedure type', () => {
    const codes = files.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).procedure.code);
    expect(new Set(codes)).toEqual(new Set(PROCEDURE_TYPES.map((type) => type.code)));
  });

  it.each(files)('%s builds', (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const { before, after } = buildLeaflets(caseToLeafletInput(json), parts);
    expect(before.sections.length).toBeGreaterThan(5);
    expect(after.sections.length).toBeGreaterThan(1);
  });
});

describe('appointment', () => {
  it('gives date, weekday and arrival 30 minutes before the start in Europe/London', () => {
    const text = textOf(buildLeaflets(booking(), parts).before);
    expect(text).toContain('When: Thursday 1 April 2027, arrive 8:15am');
    expect(text).toContain('Your procedure is planned to start at 8:45am');
    expect(text).toContain('You are booked for an interlaminar epidural injection (left side, level L4/5).');
  });

  it('uses a given arrival time and accepts a Date', () => {
    const text = textOf(
      buildLeaflets(
        booking({ appointment: { start: new Date('2027-04-01T12:30:00Z'), arrival: '2027-04-01T13:00:00+01:00', siteCode: 'MAIDSTONE' } }),
        parts,
      ).before,
    );
    expect(text).toContain('When: Thursday 1 April 2027, arrive 1pm');
    expect(text).toContain('start at 1:30pm');
  });

  it('puts the patient on every page header and keeps names literal', () => {
    const { before } = buildLeaflets(booking({ patient: { firstName: 'J*n', lastName: 'Nguyễn', nhsNumber: '9434765919', dateOfBirth: '1960-02-03' } }), parts);
    expect(before.patient).toEqual({ name: 'J*n Nguyễn', nhsNumber: '943 476 5919', dateOfBirth: '3 February 1960' });
    expect(textOf(before)).toContain('Dear J*n Nguyễn,');
  });
});

describe('driving and medicines', () => {
  const drivingText = (medicines: unknown[]) => {
    const section = buildLeaflets(booking({ medicines }), parts).before.sections.find((s) => s.key === 'shared/driving-and-medicines')!;
    return section.blocks.map((block) => (block.kind === 'list' ? block.items.join('\n') : block.text)).join('\n');
  };
  const HEADINGS = {
    SPECIFIED_LIMIT: 'Medicines with a legal limit for driving',
    CANNABIS_BASED: 'Cannabis-based medicine',
    OTHER_OPIOID: 'Opioid painkillers',
    GABAPENTINOID: 'Gabapentin and pregabalin',
    SEDATING_ANTIDEPRESSANT: 'Medicines that can make you drowsy',
    OTHER_IMPAIRING: 'Other medicines that can affect driving',
  } as const;

  it('always gives the 24-hour rule, the escort and the impairment law, and nothing else with no such medicines', () => {
    const text = drivingText(['paracetamol']);
    expect(text).toContain('Do not drive for 24 hours after your procedure');
    expect(text).toContain('An adult must take you home');
    expect(text).toContain('against the law to drive if any medicine or drug makes you unsafe');
    for (const heading of Object.values(HEADINGS)) expect(text).not.toContain(heading);
    expect(text).not.toContain('Carry proof');
    expect(text).not.toContain('medical defence');
  });

  it.each([
    // Limits are never printed (the old text printed them in micrograms per litre).
    ['SPECIFIED_LIMIT', ['morphine', 'diazepam'], ['You take diazepam and morphine.', 'the law sets a blood limit', 'medical defence']],
    ['CANNABIS_BASED', ['nabiximols'], ['You take nabiximols.', 'blood limit for THC', 'medical defence']],
    ['OTHER_OPIOID', ['tramadol', 'oxycodone'], ['You take oxycodone and tramadol.', 'when your dose changes']],
    ['GABAPENTINOID', ['pregabalin'], ['You take pregabalin.', 'controlled drug']],
    ['SEDATING_ANTIDEPRESSANT', ['amitriptyline'], ['You take amitriptyline.', 'Do not drive if you feel drowsy']],
    [
      'OTHER_IMPAIRING',
      [{ name: 'zopiclone', drivingCategory: 'OTHER_IMPAIRING', bloodThinnerClass: 'NONE' }],
      ['You take zopiclone.', 'Do not drive when you first start it or when your dose changes'],
    ],
  ] as const)('%s: names the medicines and omits the other categories', (category, medicines, expected) => {
    const text = drivingText([...medicines].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(text).toContain(HEADINGS[category]);
    for (const phrase of expected) expect(text).toContain(phrase);
    for (const [other, heading] of Object.entries(HEADINGS)) if (other !== category) expect(text).not.toContain(heading);
    expect(text).toContain('Carry proof of your prescription');
    expect(text).not.toMatch(/microgram|mcg|µg/i);
  });

  it('takes the catalogue facts the caller passes for a medicine (the database row), over the starting catalogue', () => {
    const { before } = buildLeaflets(
      booking({ medicines: [{ name: 'newdrug', drivingCategory: 'SPECIFIED_LIMIT', drivingLimitMcgPerL: 42, bloodThinnerClass: 'NONE' }] }),
      parts,
    );
    expect(textOf(before)).toContain('You take newdrug. In England and Wales, the law sets a blood limit');
    expect(textOf(before)).not.toContain('42');
  });

  it('gives an unknown free-text medicine no driving paragraph', () => {
    expect(textOf(buildLeaflets(booking({ medicines: ['mysterium'] }), parts).before)).not.toContain('You take');
  });

  it('does not give the medical defence for medicines the law sets no limit for', () => {
    expect(drivingText(['tramadol', 'gabapentin', 'duloxetine'])).not.toContain('medical defence');
  });
});

describe('blood thinners', () => {
  const plan = (medicine: string, stopBeforeHours: number, restartAfterHours?: number) => [
    { medicine, action: 'STOP', stopBeforeHours, restartAfterHours, confirmedBy: 'Dr Priya Shah' },
  ];

  // Appointment 8:45am BST Thursday 1 April 2027; each interval is the one clinical-facts.md gives. Stops of
  // whole days are written by day (the last day to take it, then the days to take none); shorter ones by time.
  it.each([
    ['WARFARIN', 'warfarin', 120, 'on Friday 26 March. Do not take any from Saturday 27 March until after your procedure on Thursday 1 April.'],
    ['LMWH', 'enoxaparin', 24, 'no later than 8:45am on Wednesday 31 March 2027. Then do not take any more until after your procedure.'],
    ['ASPIRIN', 'aspirin', 144, 'on Thursday 25 March. Do not take any from Friday 26 March until after your procedure on Thursday 1 April.'],
    ['NSAID', 'naproxen', 96, 'on Saturday 27 March. Do not take any from Sunday 28 March until after your procedure on Thursday 1 April.'],
    ['P2Y12_INHIBITOR', 'clopidogrel', 168, 'on Wednesday 24 March. Do not take any from Thursday 25 March until after your procedure on Thursday 1 April.'],
    ['FACTOR_XA_INHIBITOR', 'apixaban', 120, 'on Friday 26 March. Do not take any from Saturday 27 March until after your procedure on Thursday 1 April.'],
    ['DABIGATRAN', 'dabigatran', 144, 'on Thursday 25 March. Do not take any from Friday 26 March until after your procedure on Thursday 1 April.'],
  ])('%s with a confirmed plan: the last dose day, then the days to take none', (_class, medicine, hours, lastDose) => {
    const { before, after } = buildLeaflets(booking({ medicines: [medicine], bloodThinnerPlan: plan(medicine, hours, 24) }), parts);
    const text = textOf(before);
    expect(text).toContain(`Take your last dose of ${medicine} ${lastDose}`);
    expect(text).toContain('check with the person who prescribes it');
    expect(text).toContain('Dr Priya Shah');
    expect(text).not.toContain('we will contact you');
    expect(textOf(after)).toContain(`Do not take ${medicine} again until at least 24 hours after your procedure.`);
  });

  it('lists the medicines in the order the patient stops them, not alphabetically', () => {
    const text = textOf(
      buildLeaflets(
        booking({
          medicines: ['apixaban', 'clopidogrel', 'naproxen'],
          bloodThinnerPlan: [plan('naproxen', 96, 24)[0], plan('apixaban', 120, 24)[0], plan('clopidogrel', 168, 24)[0]],
        }),
        parts,
      ).before,
    );
    const at = (name: string) => text.indexOf(`Take your last dose of ${name}`);
    expect(at('clopidogrel')).toBeGreaterThan(-1);
    expect(at('clopidogrel')).toBeLessThan(at('apixaban'));
    expect(at('apixaban')).toBeLessThan(at('naproxen'));
  });

  it('never prints a last dose already past on the day the copy is made: the unit phones instead', () => {
    // 120 h before Thursday 1 April: last dose day Friday 26 March.
    const made = (generatedOn: string) =>
      textOf(buildLeaflets(booking({ medicines: ['warfarin'], bloodThinnerPlan: plan('warfarin', 120, 6), generatedOn }), parts).before);
    expect(made('2027-03-25')).toContain('Take your last dose of warfarin on Friday 26 March.');
    for (const late of ['2027-03-26', '2027-03-30']) {
      const text = made(late);
      expect(text).not.toContain('last dose');
      expect(text).toContain('we will phone you about your warfarin before your procedure');
    }
    const after = buildLeaflets(booking({ medicines: ['warfarin'], bloodThinnerPlan: plan('warfarin', 120, 6), generatedOn: '2027-03-30' }), parts).after;
    expect(keysOf(after)).not.toContain('shared/blood-thinners-restart');
  });

  it('treats a plan that departs from the rule table as unplanned until a second clinician has confirmed it', () => {
    const deviating = { medicine: 'warfarin', action: 'STOP', stopBeforeHours: 48, restartAfterHours: 6, confirmedBy: 'Dr Priya Shah', deviatesFromRule: true };
    const unseconded = textOf(buildLeaflets(booking({ medicines: ['warfarin'], bloodThinnerPlan: [deviating] }), parts).before);
    expect(unseconded).not.toContain('last dose');
    expect(unseconded).toContain('we will contact you about your warfarin');
    const seconded = textOf(buildLeaflets(booking({ medicines: ['warfarin'], bloodThinnerPlan: [{ ...deviating, secondConfirmedBy: 'Dr Chidi Okafor' }] }), parts).before);
    expect(seconded).toContain('Take your last dose of warfarin on');
  });

  it('tells a patient restarting warfarin to tell the anticoagulant clinic and ask about the next INR test', () => {
    const after = textOf(buildLeaflets(booking({ medicines: ['warfarin'], bloodThinnerPlan: plan('warfarin', 120, 6) }), parts).after);
    expect(after).toContain('anticoagulant clinic');
    expect(after).toContain('INR');
    const apixaban = textOf(buildLeaflets(booking({ medicines: ['apixaban'], bloodThinnerPlan: plan('apixaban', 120, 24) }), parts).after);
    expect(apixaban).not.toContain('anticoagulant clinic');
  });

  it.each(['warfarin', 'enoxaparin', 'aspirin', 'ibuprofen', 'clopidogrel', 'rivaroxaban', 'dabigatran'])(
    '%s without a confirmed plan: no stop instruction at all',
    (medicine) => {
      const { before, after } = buildLeaflets(booking({ medicines: [medicine] }), parts);
      const text = textOf(before);
      expect(text).toContain(`we will contact you about your ${medicine} before your procedure. Do not stop taking it unless we tell you to.`);
      expect(text).not.toMatch(/last dose|Before you stop/);
      expect(keysOf(after)).not.toContain('shared/blood-thinners-restart');
    },
  );

  it('treats a shared decision or a stop without hours as no plan', () => {
    const text = textOf(
      buildLeaflets(
        booking({
          medicines: ['apixaban', 'aspirin'],
          bloodThinnerPlan: [
            { medicine: 'apixaban', action: 'STOP', stopBeforeHours: null, confirmedBy: 'Dr Shah' },
            { medicine: 'aspirin', action: 'SHARED_DECISION', confirmedBy: 'Dr Shah' },
          ],
        }),
        parts,
      ).before,
    );
    expect(text).not.toContain('last dose');
    expect(text).toContain('we will contact you about your apixaban');
    expect(text).toContain('we will contact you about your aspirin');
  });

  it('mentions the INR check only when the doctor asked for one', () => {
    const withCheck = buildLeaflets(
      booking({ medicines: ['warfarin'], bloodThinnerPlan: [{ medicine: 'warfarin', action: 'STOP', stopBeforeHours: 120, inrCheck: true, confirmedBy: 'Dr Shah' }] }),
      parts,
    );
    expect(textOf(withCheck.before)).toContain('an INR test');
    expect(textOf(buildLeaflets(booking({ medicines: ['warfarin'], bloodThinnerPlan: plan('warfarin', 120) }), parts).before)).not.toContain('INR');
  });

  it('says to keep taking a blood thinner the doctor chose to continue', () => {
    const text = textOf(
      buildLeaflets(booking({ medicines: ['aspirin'], bloodThinnerPlan: [{ medicine: 'aspirin', action: 'CONTINUE', confirmedBy: 'Dr Shah' }] }), parts).before,
    );
    expect(text).toContain('Aspirin: keep taking it as usual.');
    expect(text).not.toMatch(/last dose|we will contact you/);
  });

  it('leaves the section out for a patient on no blood thinner', () => {
    expect(keysOf(buildLeaflets(booking({ medicines: ['paracetamol'] }), parts).before)).not.toContain('shared/blood-thinners');
  });

  it('asks the team when to restart if the plan gives no restart interval', () => {
    const text = textOf(buildLeaflets(booking({ medicines: ['apixaban'], bloodThinnerPlan: plan('apixaban', 48) }), parts).after);
    expect(text).toContain('Before you go home, ask the team when to start taking apixaban again.');
  });
});

describe('clock-change days', () => {
  it('Sunday 28 March 2027, 9am BST, 24 h stop: last dose 8am GMT on Saturday, a full 24 hours before', () => {
    // Wall-clock arithmetic would say 9am, which leaves only 23 hours across the spring-forward night.
    const { before } = buildLeaflets(
      booking({
        appointment: { start: '2027-03-28T09:00:00+01:00', siteCode: 'MAIDSTONE' },
        medicines: ['enoxaparin'],
        bloodThinnerPlan: [{ medicine: 'enoxaparin', action: 'STOP', stopBeforeHours: 24, confirmedBy: 'Dr Shah' }],
      }),
      parts,
    );
    const text = textOf(before);
    expect(text).toContain('When: Sunday 28 March 2027, arrive 8:30am');
    expect(text).toContain('Take your last dose of enoxaparin no later than 8am on Saturday 27 March 2027.');
  });

  it('Sunday 31 October 2027, 1:30pm GMT, 24 h stop: last dose 2:30pm BST on Saturday', () => {
    const { before } = buildLeaflets(
      booking({
        appointment: { start: '2027-10-31T13:30:00Z', siteCode: 'MAIDSTONE' },
        procedure: { code: 'CAUDAL_EPIDURAL', sedation: true },
        medicines: ['enoxaparin'],
        bloodThinnerPlan: [{ medicine: 'enoxaparin', action: 'STOP', stopBeforeHours: 24, confirmedBy: 'Dr Shah' }],
      }),
      parts,
    );
    const text = textOf(before);
    expect(text).toContain('When: Sunday 31 October 2027, arrive 1pm');
    expect(text).toContain('Take your last dose of enoxaparin no later than 2:30pm on Saturday 30 October 2027.');
    expect(text).toContain('do not eat anything after 7:30am on Sunday 31 October 2027.');
    expect(text).toContain('until 11:30am on Sunday 31 October 2027.');
  });

  it('a 48 h stop before 9am on the spring-forward Sunday: last dose on Thursday, none from Friday', () => {
    // The cutoff is 8am GMT on Friday 26 March, so a dose at any time on Thursday keeps the full 48 hours.
    const { before } = buildLeaflets(
      booking({
        appointment: { start: '2027-03-28T09:00:00+01:00', siteCode: 'MAIDSTONE' },
        medicines: ['apixaban'],
        bloodThinnerPlan: [{ medicine: 'apixaban', action: 'STOP', stopBeforeHours: 48, confirmedBy: 'Dr Shah' }],
      }),
      parts,
    );
    expect(textOf(before)).toContain(
      'Take your last dose of apixaban on Thursday 25 March. Do not take any from Friday 26 March until after your procedure on Sunday 28 March.',
    );
  });
});

describe('sedation, diabetes and large print', () => {
  it('gives fasting times only with sedation', () => {
    const sedated = buildLeaflets(booking({ procedure: { code: 'NERVE_ROOT_BLOCK', sedation: true } }), parts).before;
    expect(textOf(sedated)).toContain('do not eat anything after 2:45am on Thursday 1 April 2027.');
    expect(textOf(sedated)).toContain('until 6:45am on Thursday 1 April 2027.');
    const awake = buildLeaflets(booking({ procedure: { code: 'NERVE_ROOT_BLOCK', sedation: false } }), parts).before;
    expect(keysOf(awake)).not.toContain('shared/fasting');
    expect(textOf(awake)).not.toMatch(/do not eat/i);
  });

  it('gives the steroid and blood sugar advice only to a diabetic patient, before and after', () => {
    const diabetic = buildLeaflets(booking({ diabetic: true }), parts);
    expect(textOf(diabetic.before)).toContain('blood sugar go up for about 2 to 3 days');
    expect(keysOf(diabetic.after)).toContain('shared/diabetes-steroid');
    const not = buildLeaflets(booking({ diabetic: false }), parts);
    expect(keysOf(not.before)).not.toContain('shared/diabetes-steroid');
    expect(keysOf(not.after)).not.toContain('shared/diabetes-steroid');
  });

  const sectionText = (document: LeafletDocument, key: string) =>
    textOf({ ...document, sections: document.sections.filter((section) => section.key === key) });

  it('diabetic on insulin with sedation: never "as usual" beside the fast; says we will phone by a date a week before', () => {
    // Thursday 1 April 2027: a week before is Thursday 25 March.
    const { before, after } = buildLeaflets(
      booking({ diabetes: 'ON_MEDICATION', medicines: ['insulin', 'paracetamol'], procedure: { code: 'INTERLAMINAR_EPIDURAL', sedation: true }, generatedOn: '2027-03-01' }),
      parts,
    );
    const fasting = sectionText(before, 'shared/fasting');
    const diabetes = sectionText(before, 'shared/diabetes-steroid');
    expect(fasting + diabetes).not.toMatch(/as usual/i);
    expect(fasting).not.toContain('usual morning medicines');
    expect(fasting).toContain('Insulin: we will phone you by Thursday 25 March 2027 to agree what to do with your insulin');
    expect(fasting).toContain('please phone us on');
    expect(fasting).toContain('but not the diabetes medicines named below');
    expect(diabetes).toContain('blood sugar go up for about 2 to 3 days');
    expect(textOf(after)).not.toContain('we will phone you');
  });

  it('promises a call "before your procedure" when a week before has already come on the day the copy is made', () => {
    const text = (generatedOn: string) =>
      sectionText(
        buildLeaflets(booking({ diabetes: 'ON_MEDICATION', medicines: ['gliclazide'], procedure: { code: 'INTERLAMINAR_EPIDURAL', sedation: true }, generatedOn }), parts).before,
        'shared/fasting',
      );
    expect(text('2027-03-24')).toContain('we will phone you by Thursday 25 March 2027');
    for (const late of ['2027-03-25', '2027-03-31']) {
      expect(text(late)).toContain('we will phone you before your procedure to agree what to do with your gliclazide');
      expect(text(late)).toContain('If we have not phoned you by the day before your procedure');
      expect(text(late)).not.toContain('25 March');
    }
  });

  it('an SGLT2 inhibitor with a fast gets no instruction until a clinician records one, then prints their words', () => {
    const input = { diabetes: 'ON_MEDICATION', medicines: ['dapagliflozin', 'metformin'], procedure: { code: 'CAUDAL_EPIDURAL', sedation: true } };
    const unplanned = sectionText(buildLeaflets(booking(input), parts).before, 'shared/fasting');
    expect(unplanned).toContain('Dapagliflozin: we will phone you');
    expect(unplanned).toContain('Metformin: we will phone you');
    const planned = sectionText(
      buildLeaflets(
        booking({ ...input, diabetesPlan: [{ medicine: 'dapagliflozin', instruction: 'Do not take it on the day before or the day of your procedure.', confirmedBy: 'Dr Priya Shah' }] }),
        parts,
      ).before,
      'shared/fasting',
    );
    expect(planned).toContain('Dapagliflozin: Do not take it on the day before or the day of your procedure. (Dr Priya Shah agreed this for your procedure.)');
    expect(planned).not.toContain('Dapagliflozin: we will phone you');
    expect(planned).toContain('Metformin: we will phone you');
  });

  it('without a fast says nothing about diabetes medicines; with no steroid gives no steroid advice', () => {
    const awake = buildLeaflets(booking({ diabetes: 'ON_MEDICATION', medicines: ['insulin'], procedure: { code: 'CAUDAL_EPIDURAL', sedation: false } }), parts);
    expect(keysOf(awake.before)).not.toContain('shared/fasting');
    expect(textOf(awake.before)).not.toContain('we will phone you');
    // A medial branch block uses no steroid: a diabetic patient gets no steroid or blood sugar advice.
    const mbb = buildLeaflets(booking({ diabetes: 'ON_MEDICATION', medicines: ['insulin'], procedure: { code: 'MEDIAL_BRANCH_BLOCK', sedation: false } }), parts);
    expect(keysOf(mbb.before)).not.toContain('shared/diabetes-steroid');
    expect(keysOf(mbb.after)).not.toContain('shared/diabetes-steroid');
    // ...unless the doctor recorded that this one includes a steroid.
    const mbbSteroid = buildLeaflets(booking({ diabetes: 'ON_MEDICATION', procedure: { code: 'MEDIAL_BRANCH_BLOCK', sedation: false, withSteroid: true } }), parts);
    expect(keysOf(mbbSteroid.after)).toContain('shared/diabetes-steroid');
  });

  it('diet-controlled diabetes with a steroid still gets the blood sugar advice, worded for someone without medicines', () => {
    const { before, after } = buildLeaflets(booking({ diabetes: 'DIET_CONTROLLED', procedure: { code: 'SI_JOINT_INJECTION', sedation: false } }), parts);
    const text = sectionText(after, 'shared/diabetes-steroid');
    expect(text).toContain('blood sugar go up for about 2 to 3 days');
    expect(text).toContain('If you have a blood sugar meter');
    expect(text).not.toContain('Bring your medicines');
    expect(keysOf(before)).toContain('shared/diabetes-steroid');
    const none = buildLeaflets(booking({ diabetes: 'NONE', procedure: { code: 'SI_JOINT_INJECTION', sedation: false } }), parts);
    expect(keysOf(none.after)).not.toContain('shared/diabetes-steroid');
  });

  it('with a fast and no diabetes medicine, says other medicines are fine with a sip of water and points blood thinners to their section', () => {
    const fasting = sectionText(
      buildLeaflets(booking({ medicines: ['apixaban', 'paracetamol'], procedure: { code: 'CAUDAL_EPIDURAL', sedation: true } }), parts).before,
      'shared/fasting',
    );
    expect(fasting).toContain('You can take your other medicines with a small sip of water.');
    expect(fasting).toContain('Your blood-thinning medicine');
    expect(fasting).not.toContain('diabetes');
  });

  it('chooses large print from the communication needs', () => {
    const needs = (list: string[]) => booking({ patient: { ...booking().patient, needs: list } });
    expect(buildLeaflets(needs(['LARGE_PRINT', 'INTERPRETER']), parts).before.largePrint).toBe(true);
    expect(buildLeaflets(needs(['LARGE_PRINT']), parts).after.largePrint).toBe(true);
    expect(buildLeaflets(needs(['INTERPRETER']), parts).before.largePrint).toBe(false);
  });

  it('repeats recorded allergies', () => {
    expect(textOf(buildLeaflets(booking({ allergies: ['latex', 'iodine contrast'] }), parts).before)).toContain(
      'We have a note that you are allergic to: latex and iodine contrast.',
    );
    expect(textOf(buildLeaflets(booking(), parts).before)).not.toContain('We have a note');
  });
});

describe('document history', () => {
  it('lists every part used with reference, version, updated and review dates', () => {
    const { before, after } = buildLeaflets(booking({ diabetic: true, procedure: { code: 'PLEXUS_BLOCK', sedation: true } }), parts);
    expect(before.parts.map((part) => part.key)).toEqual(keysOf(before));
    expect(after.parts.map((part) => part.key)).toEqual(keysOf(after));
    expect(before.parts.find((part) => part.key === 'plexus-block/about')).toMatchObject({
      reference: 'CPU/PROC/009',
      version: '2.0',
      updated: '2026-12-01',
      review: '2027-12-01',
      owner: 'Chronic Pain Unit, Maidstone',
    });
  });

  it('every part file has complete front matter (approval is recorded in the app, not in the file)', () => {
    expect(parts.length).toBeGreaterThanOrEqual(PROCEDURE_TYPES.length + 10);
    for (const part of parts) {
      expect(part.reference).toMatch(/^CPU\/(PROC|GEN)\/\d{3}$/);
      expect(part.review > part.updated).toBe(true);
      expect(part).not.toHaveProperty('signOff');
    }
    expect(new Set(parts.map((part) => part.reference)).size).toBe(parts.length);
    expect(parts.find((part) => part.key === 'plexus-block/about')!.unconfirmed.length).toBeGreaterThan(0);
  });
});

describe('invalid input', () => {
  const errorOf = (input: unknown) => {
    try {
      buildLeaflets(input, parts);
    } catch (error) {
      expect(error).toBeInstanceOf(LeafletInputError);
      return (error as Error).message;
    }
    throw new Error('expected an error');
  };

  it('rejects an unknown procedure code', () => {
    expect(errorOf(booking({ procedure: { code: 'KNEE_REPLACEMENT', sedation: false } }))).toContain('procedure.code: unknown procedure code');
  });

  it('rejects a site without an interventional suite and an unknown site', () => {
    expect(errorOf(booking({ appointment: { start: '2027-04-01T07:45:00Z', siteCode: 'SEVENOAKS' } }))).toContain(
      'Sevenoaks Community Hospital has no interventional suite',
    );
    expect(errorOf(booking({ appointment: { start: '2027-04-01T07:45:00Z', siteCode: 'LEEDS' } }))).toContain('unknown site code');
  });

  it('rejects an invalid NHS number', () => {
    expect(errorOf(booking({ patient: { ...booking().patient, nhsNumber: '943 476 5918' } }))).toContain(
      'patient.nhsNumber: This is not a valid NHS number',
    );
  });

  it.each([
    ['an impossible date', '2027-02-30T09:00:00Z'],
    ['a time without an offset', '2027-04-01T09:00:00'],
    ['text', 'next Thursday'],
  ])('rejects %s as the start', (_label, start) => {
    expect(errorOf(booking({ appointment: { start, siteCode: 'MAIDSTONE' } }))).toContain('appointment.start: must be an ISO-8601 instant');
  });

  it('rejects a bad date of birth and an arrival after the start', () => {
    expect(errorOf(booking({ patient: { ...booking().patient, dateOfBirth: '03/02/1960' } }))).toContain('patient.dateOfBirth');
    expect(errorOf(booking({ appointment: { start: '2027-04-01T07:45:00Z', arrival: '2027-04-01T08:00:00Z', siteCode: 'MAIDSTONE' } }))).toContain(
      'appointment.arrival',
    );
  });

  it('rejects a plan without the confirming doctor', () => {
    expect(
      errorOf(booking({ medicines: ['apixaban'], bloodThinnerPlan: [{ medicine: 'apixaban', action: 'STOP', stopBeforeHours: 48, confirmedBy: '' }] })),
    ).toContain('confirmed');
  });
});

describe('times as the patient reads them', () => {
  const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
  it('drops ":00", says midday, and never prints an ambiguous 12am', () => {
    expect(formatLondonTime(at('2027-04-01T08:15:00+01:00'))).toBe('8:15am');
    expect(formatLondonTime(at('2027-04-01T13:00:00+01:00'))).toBe('1pm');
    expect(formatLondonTime(at('2027-04-01T12:00:00+01:00'))).toBe('midday');
    expect(formatLondonTimeOnDate(at('2027-04-01T09:00:00+01:00'))).toBe('9am on Thursday 1 April 2027');
    // The midnight that starts Thursday 1 April is the end of Wednesday 31 March.
    expect(formatLondonTimeOnDate(at('2027-04-01T00:00:00+01:00'))).toBe('midnight at the end of Wednesday 31 March 2027');
  });

  it('a stop ending at midnight names the evening it ends', () => {
    const { before } = buildLeaflets(
      booking({
        appointment: { start: '2027-04-03T00:00:00+01:00', siteCode: 'MAIDSTONE' },
        medicines: ['enoxaparin'],
        bloodThinnerPlan: [{ medicine: 'enoxaparin', action: 'STOP', stopBeforeHours: 24, confirmedBy: 'Dr Shah' }],
      }),
      parts,
    );
    expect(textOf(before)).toContain('Take your last dose of enoxaparin no later than midnight at the end of Thursday 1 April 2027.');
  });
});
