// Issue 10 (clinical safety), leaflet content: what a patient reads before and after, built by the pure model
// from the parts in leaflets/.
import { describe, expect, it } from 'vitest';
import { PROCEDURE_TYPES } from '~/scheduling/reference-data';
import { loadLeafletParts } from './leaflet-content.server';
import { buildLeaflets, regionContext, type LeafletDocument, type LeafletSection } from './leaflet-model';

const parts = loadLeafletParts();

type Procedure = { code: string; levels?: string; sedation?: boolean; withSteroid?: boolean; implantedDevice?: string | null };

function booking(procedure: Procedure, extra: Record<string, unknown> = {}) {
  return {
    patient: { firstName: 'Anna', lastName: 'Smith', nhsNumber: '943 476 5919', dateOfBirth: '1960-02-03', needs: [] },
    procedure: { side: 'LEFT', sedation: false, ...procedure },
    appointment: { start: '2027-04-01T07:45:00Z', siteCode: 'MAIDSTONE' },
    medicines: [] as unknown[],
    ...extra,
  };
}

const sectionText = (section: LeafletSection) =>
  [section.heading, ...section.blocks.map((block) => (block.kind === 'list' ? block.items.join('\n') : block.text))].join('\n');
const textOf = (document: LeafletDocument, except: (section: LeafletSection) => boolean = () => false) =>
  document.sections
    .filter((s) => !except(s))
    .map(sectionText)
    .join('\n');
const build = (procedure: Procedure, extra?: Record<string, unknown>) => buildLeaflets(booking(procedure, extra), parts);
const about = (document: LeafletDocument) => document.sections.find((s) => s.key.endsWith('/about'))!;
const headings = (section: LeafletSection) => section.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);

const STEROID_TYPES = PROCEDURE_TYPES.filter((type) => type.usesSteroid).map((type) => type.code);
const TRANSFORAMINAL = ['TRANSFORAMINAL_EPIDURAL', 'NERVE_ROOT_BLOCK'];

describe('material risks, before the day (item 1)', () => {
  it.each(PROCEDURE_TYPES.map((type) => type.code))('%s: what it is, benefits, common and rare serious risks, alternatives, before "On the day"', (code) => {
    const { before } = build({ code });
    const keys = before.sections.map((s) => s.key);
    const aboutIndex = keys.findIndex((k) => k.endsWith('/about'));
    expect(aboutIndex).toBeGreaterThan(-1);
    expect(aboutIndex).toBeLessThan(keys.indexOf('shared/on-the-day'));
    const section = about(before);
    expect(headings(section)).toEqual(expect.arrayContaining(['How it may help (benefits)', 'Risks and side effects', 'Rare but serious risks', 'Other options']));
    const text = sectionText(section);
    expect(section.blocks[0]!.kind).toBe('paragraph'); // what it is comes first
    expect(text).toMatch(/helps many people.*but not everyone|mainly a test/s);
    expect(text).toContain('Common side effects:');
    expect(text).toContain('These are rare, but you should know about them before you decide');
    for (const option of ['carrying on as you are now', 'physiotherapy', 'pain medicines', 'pain management programme']) expect(text).toContain(option);
    expect(text).toContain('go through the benefits, risks and other options with you again on the day');
  });

  it.each(STEROID_TYPES)('%s with steroid: says the steroid use is off-label and explains the word', (code) => {
    const text = sectionText(about(build({ code }).before));
    expect(text).toContain('"off-label"');
    expect(text).toContain('a licensed medicine in a way its licence does not list');
  });

  it.each(TRANSFORAMINAL)('%s at a cervical level: stroke, spinal cord injury and paralysis before the day', (code) => {
    const text = sectionText(about(build({ code, levels: 'C6/7' }).before));
    expect(text).toMatch(/Stroke, spinal cord injury and paralysis/);
    expect(text).toContain('caused strokes, injury to the spinal cord and paralysis');
  });

  it.each(TRANSFORAMINAL)('%s below the neck: spinal cord injury and paralysis, weighted as lower risk, no stroke for this level', (code) => {
    const text = sectionText(about(build({ code, levels: 'L5/S1' }).before));
    expect(text).toContain('Spinal cord injury and paralysis');
    expect(text).toContain('very low lower down the spine');
    expect(text).not.toMatch(/stroke/i);
  });

  it.each(TRANSFORAMINAL)('%s with no level recorded: names every reported serious risk', (code) => {
    const text = sectionText(about(build({ code }).before));
    expect(text).toContain('paralysis');
    expect(text).toContain('strokes have also been reported');
  });

  it('names the breathing risk of a plexus block before the day', () => {
    expect(sectionText(about(build({ code: 'PLEXUS_BLOCK' }).before))).toMatch(/air leak around a lung.*breathless/s);
  });
});

describe('region from the recorded levels (item 2)', () => {
  it('reads cervical, thoracic, lumbar and sacral levels', () => {
    expect(regionContext('NERVE_ROOT_BLOCK', 'C6')).toMatchObject({ cervical: true, limb: 'arm', area: 'neck', weaknessLimbs: 'arms or legs' });
    expect(regionContext('FACET_JOINT_INJECTION', 'L4/5, L5/S1')).toMatchObject({ cervical: false, limb: 'leg', area: 'lower back', weaknessLimbs: 'legs' });
    expect(regionContext('MEDIAL_BRANCH_BLOCK', 'T6/7')).toMatchObject({ limb: '', trunkOnly: true, area: 'chest or upper back', numbPart: 'the skin of your chest or tummy' });
    expect(regionContext('TRANSFORAMINAL_EPIDURAL', 'C7/T1')).toMatchObject({ limb: 'arm', area: 'neck or upper back' });
    expect(regionContext('CAUDAL_EPIDURAL', null)).toMatchObject({ limb: 'leg', lumbar: true });
    // No level recorded: both, so nothing is left out.
    expect(regionContext('INTERLAMINAR_EPIDURAL', undefined)).toMatchObject({ known: false, limb: 'arm or leg', area: 'neck or back' });
  });

  // The red-flag list is the exception: a spinal cord problem at neck level can weaken the legs as well.
  const notRedFlags = (s: LeafletSection) => s.key === 'shared/red-flags';
  const LEG = /\blegs?\b|sciatica|lower back/i;
  const ARM = /\barms?\b|\bneck\b/i;

  it.each(['FACET_JOINT_INJECTION', 'MEDIAL_BRANCH_BLOCK', 'RADIOFREQUENCY_DENERVATION', 'INTERLAMINAR_EPIDURAL', 'TRANSFORAMINAL_EPIDURAL', 'NERVE_ROOT_BLOCK'])(
    '%s: a cervical level gives arm and neck wording and no leg wording; a lumbar level the opposite',
    (code) => {
      const cervical = build({ code, levels: 'C5/6' });
      const cervicalText = textOf(cervical.before, notRedFlags) + textOf(cervical.after, notRedFlags);
      expect(cervicalText).toMatch(/\bneck\b/);
      expect(cervicalText).not.toMatch(LEG);
      if (code !== 'RADIOFREQUENCY_DENERVATION' && code !== 'MEDIAL_BRANCH_BLOCK') expect(cervicalText).toMatch(/\barms?\b/);
      const lumbar = build({ code, levels: 'L4/5' });
      const lumbarText = textOf(lumbar.before, notRedFlags) + textOf(lumbar.after, notRedFlags);
      expect(lumbarText).toMatch(/\blegs?\b|lower back/);
      // "neck" may appear only in the transforaminal risk weighting ("highest for injections in the neck").
      expect(lumbarText.replace(/injections in (the neck|the\s+neck)/g, '')).not.toMatch(ARM);
    },
  );

  it('a thoracic level speaks of the chest and trunk, not of a limb', () => {
    const { before, after } = build({ code: 'TRANSFORAMINAL_EPIDURAL', levels: 'T8/9' });
    const text = sectionText(about(before)) + sectionText(after.sections.find((s) => s.key === 'transforaminal-epidural/afterwards')!);
    expect(text).toContain('chest or tummy');
    expect(text).not.toMatch(/\b(arm|leg)s?\b/);
  });

  it('red flags: weakness of the arms or legs at a cervical level, the legs at a lumbar level; breathlessness near the chest or neck only', () => {
    const redFlags = (procedure: Procedure) => sectionText(build(procedure).after.sections.find((s) => s.key === 'shared/red-flags')!);
    expect(redFlags({ code: 'NERVE_ROOT_BLOCK', levels: 'C6' })).toContain('new weakness or numbness in your arms or legs');
    expect(redFlags({ code: 'NERVE_ROOT_BLOCK', levels: 'C6' })).toContain('breathlessness');
    expect(redFlags({ code: 'MEDIAL_BRANCH_BLOCK', levels: 'T6/7' })).toContain('breathlessness');
    expect(redFlags({ code: 'PLEXUS_BLOCK' })).toContain('breathlessness');
    const lumbar = redFlags({ code: 'FACET_JOINT_INJECTION', levels: 'L4/5' });
    expect(lumbar).toContain('new weakness or numbness in your legs that does not wear off');
    expect(lumbar).not.toMatch(/\barms?\b|breathless/);
    expect(redFlags({ code: 'SI_JOINT_INJECTION' })).not.toMatch(/breathless/);
  });
});

describe('driving (item 3)', () => {
  const drivingText = (medicines: unknown[]) =>
    sectionText(build({ code: 'FACET_JOINT_INJECTION', levels: 'L4/5' }, { medicines }).before.sections.find((s) => s.key === 'shared/driving-and-medicines')!);
  const START = 'Do not drive when you first start it or when your dose changes';

  it.each(['codeine', 'dihydrocodeine', 'tramadol', 'oxycodone', 'tapentadol', 'buprenorphine', 'fentanyl', 'morphine', 'methadone'])(
    '%s: the start and dose-change sentence, and no strong or weak label',
    (medicine) => {
      const text = drivingText([medicine]);
      expect(text).toContain(`You take ${medicine}.`);
      expect(text).toContain(START);
      expect(text).not.toMatch(/(strong|weak) (painkiller|opioid)/i);
    },
  );

  it('calls codeine and tramadol opioid painkillers', () => {
    const text = drivingText(['codeine', 'tramadol']);
    expect(text).toContain('You take codeine and tramadol. This is an opioid painkiller.');
    expect(text).not.toMatch(/strong/i);
  });

  it('gives other impairing medicines their own paragraph with the start and dose-change sentence', () => {
    const text = drivingText(['zopiclone', 'baclofen', 'methylphenidate', 'ketamine'].map((name) => ({ name, drivingCategory: 'OTHER_IMPAIRING', bloodThinnerClass: 'NONE' })));
    expect(text).toContain('Other medicines that can affect driving');
    expect(text).toContain('You take zopiclone, baclofen, methylphenidate and ketamine.');
    expect(text).toContain(START);
    expect(text).toContain('It is an offence to drive if it makes you unsafe');
  });

  it('describes the medical defence with all its conditions, only where the law sets a limit', () => {
    const text = drivingText(['morphine']);
    expect(text).toContain('the medicine was prescribed for you');
    expect(text).toContain('you took it as the person who prescribed it told you, and as the leaflet in the box says');
    expect(text).toContain('it did not make you unsafe to drive');
    expect(text).toContain('You lose this defence if you ignore advice');
    expect(text).toContain('how long to wait');
    expect(text).toContain('You may have to show that the medicine was prescribed for you');
    expect(text).toContain('carry proof that your medicine was prescribed');
    expect(drivingText(['tramadol'])).not.toContain('medical defence');
  });

  it('gives the penalties and when to tell the DVLA to anyone on a medicine that affects driving', () => {
    const text = drivingText(['pregabalin']);
    for (const phrase of ['at least 1 year', 'a fine with no upper limit', 'up to 6 months', 'criminal record', 'licence for 11 years', 'tell the DVLA', '£1,000']) {
      expect(text).toContain(phrase);
    }
    expect(drivingText([])).not.toContain('DVLA');
  });

  it('always gives the 24-hour rule and the adult escort', () => {
    const text = drivingText([]);
    expect(text).toContain('Do not drive for 24 hours after your procedure');
    expect(text).toContain('An adult must take you home');
  });

  it('prints no blood limit for any medicine, procedure or case: no "micrograms" anywhere', () => {
    const everyDrivingMedicine = ['clonazepam', 'diazepam', 'lorazepam', 'methadone', 'morphine', 'temazepam', 'nabiximols', 'tramadol', 'gabapentin', 'amitriptyline'];
    for (const type of PROCEDURE_TYPES) {
      const { before, after } = build({ code: type.code, sedation: true }, { medicines: everyDrivingMedicine, diabetic: true });
      expect(textOf(before) + textOf(after)).not.toMatch(/microgram|mcg|µg|per litre/i);
    }
  });

  it('marks the disputed DVLA wording unconfirmed', () => {
    expect(parts.find((p) => p.key === 'shared/driving-and-medicines')!.unconfirmed.join(' ')).toMatch(/DVLA/);
  });
});

describe('sedation (item 4)', () => {
  const SEDATION_LIST = ['drink alcohol', 'drive', 'use machinery or power tools', 'cook on a hob', 'sign legal documents or make important decisions'];

  it.each(PROCEDURE_TYPES.map((type) => type.code))('%s with sedation: never "you stay awake"; an adult for 24 hours and the 24-hour list, before and after', (code) => {
    const { before, after } = build({ code, sedation: true });
    expect(textOf(before) + textOf(after)).not.toMatch(/stay awake/i);
    for (const document of [before, after]) {
      const text = textOf(document);
      expect(text).toMatch(/an adult must stay with you/i);
      expect(text).toMatch(/24 hours/);
      for (const item of SEDATION_LIST) expect(text).toContain(item);
    }
  });

  it('without sedation: "you stay awake" and no sedation list', () => {
    const { before, after } = build({ code: 'FACET_JOINT_INJECTION', sedation: false });
    expect(textOf(before)).toContain('You stay awake.');
    expect(textOf(before) + textOf(after)).not.toContain('cook on a hob');
  });
});

describe('steroid wording only where a steroid is used (item 5)', () => {
  // The Steroid Emergency Card question is for patients already on steroids, whatever the procedure.
  const withoutCard = (document: LeafletDocument) =>
    textOf(document).replace(/If you take steroid tablets for a long time\n[^\n]*Steroid Emergency Card[^\n]*/g, '');

  it.each(['MEDIAL_BRANCH_BLOCK', 'RADIOFREQUENCY_DENERVATION'])('%s by default: no steroid wording before or after', (code) => {
    const { before, after } = build({ code, levels: 'L4/5' });
    expect(withoutCard(before) + withoutCard(after)).not.toMatch(/steroid|off-label/i);
  });

  it.each(['MEDIAL_BRANCH_BLOCK', 'RADIOFREQUENCY_DENERVATION'])('%s with steroid recorded: steroid wording and off-label', (code) => {
    const { before, after } = build({ code, levels: 'L4/5', withSteroid: true });
    expect(withoutCard(before)).toMatch(/and steroid|some steroid/);
    expect(withoutCard(before)).toContain('"off-label"');
    expect(withoutCard(after)).toContain('The steroid can take some days to start working');
  });

  it('a steroid procedure recorded without steroid: no steroid wording', () => {
    const { before, after } = build({ code: 'CAUDAL_EPIDURAL', withSteroid: false });
    expect(withoutCard(before) + withoutCard(after)).not.toMatch(/steroid|off-label/i);
  });

  it.each(PROCEDURE_TYPES.map((type) => type.code))('%s: the before-leaflet asks about long-term steroids and the Steroid Emergency Card', (code) => {
    const text = textOf(build({ code }).before);
    expect(text).toContain('If you take steroid medicine every day for a long time');
    expect(text).toContain('Bring your Steroid Emergency Card');
  });
});

describe('radiofrequency: implanted devices (item 6)', () => {
  const deviceText = (implantedDevice?: string | null) => textOf(build({ code: 'RADIOFREQUENCY_DENERVATION', levels: 'L4/5', implantedDevice }).before);

  it('not yet asked: asks about a pacemaker, ICD or spinal cord stimulator before the day', () => {
    for (const text of [deviceText(undefined), deviceText(null)]) {
      expect(text).toContain('Phone us before the day if you have a pacemaker, an ICD (implanted defibrillator), a spinal cord stimulator');
    }
  });

  it('repeats a recorded device, and a recorded "none"', () => {
    expect(deviceText('PACEMAKER')).toContain('We have a note that you have a pacemaker.');
    expect(deviceText('SPINAL_CORD_STIMULATOR')).toContain('We have a note that you have a spinal cord stimulator.');
    expect(deviceText('NONE')).toContain('you told us you do not have a pacemaker');
  });

  it('other procedures do not ask', () => {
    expect(textOf(build({ code: 'MEDIAL_BRANCH_BLOCK' }).before)).not.toContain('Pacemakers and other implanted devices');
  });
});

describe('aftercare red flags (item 7)', () => {
  it.each(PROCEDURE_TYPES.map((type) => type.code))('%s: one red-flag section with the 999 and the NHS 111 routes and the unit phone', (code) => {
    const { before, after } = build({ code, sedation: true });
    const flags = after.sections.filter((s) => s.key === 'shared/red-flags');
    expect(flags).toHaveLength(1);
    const text = sectionText(flags[0]!);
    for (const phrase of [
      'Call 999 or go to A&E straight away',
      'numbness around your bottom, your genitals',
      'loss of control of your bladder or bowels',
      'new weakness or numbness in your',
      'Phone us or NHS 111',
      'a high temperature (fever)',
      'pain that keeps getting worse',
      'redness',
      'days or weeks',
      'Phone us on 01632 960100',
      'When we are closed, call NHS 111',
    ]) {
      expect(text).toContain(phrase);
    }
    // No other part gives its own list of when to get help.
    const all = textOf(after);
    expect(all.match(/Call 999 or go to A&E straight away/g)).toHaveLength(1);
    expect(textOf(before)).not.toContain('When to get help');
  });

  it.each(PROCEDURE_TYPES.map((type) => type.code))('%s: "cannot pass urine" only ever sends the patient to 999 or A&E', (code) => {
    const { before, after } = build({ code, sedation: true });
    const cannotPass = (line: string) => /pass (any )?urine/i.test(line) && /cannot|not been able/i.test(line);
    let seen = 0;
    for (const section of [...before.sections, ...after.sections]) {
      let heading = section.heading;
      for (const block of section.blocks) {
        if (block.kind === 'heading') heading = block.text;
        const lines = block.kind === 'list' ? block.items : block.kind === 'paragraph' ? [block.text] : [];
        for (const line of lines.filter(cannotPass)) {
          seen++;
          // Either the line itself names the route, or it sits in the "Call 999 or go to A&E" list.
          expect(/999|A&E/.test(line) || heading.startsWith('Call 999 or go to A&E'), `${section.key}: ${line}`).toBe(true);
          expect(line).not.toMatch(/tell us|phone us|call us/i);
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(textOf(before) + textOf(after)).not.toMatch(/Tell us if you cannot pass urine/);
  });

  it('marks the placeholder opening hours unconfirmed', () => {
    expect(parts.find((p) => p.key === 'shared/red-flags')!.unconfirmed.join(' ')).toMatch(/opening hours/);
  });
});

describe('no "keep taking your medicines" beside a fast without the exceptions', () => {
  const insulin = { name: 'insulin', drivingCategory: 'NONE', drivingLimitMcgPerL: null, bloodThinnerClass: 'NONE', diabetesClass: 'INSULIN' };
  const apixaban = { name: 'apixaban', drivingCategory: 'NONE', drivingLimitMcgPerL: null, bloodThinnerClass: 'FACTOR_XA_INHIBITOR', diabetesClass: 'NONE' };

  it('a patient on insulin with sedation is pointed from "Getting ready" to the diabetes instructions, not told to carry on as usual', () => {
    const { before } = build({ code: 'INTERLAMINAR_EPIDURAL', levels: 'L4/5', sedation: true }, { medicines: [insulin, apixaban], diabetes: 'ON_MEDICATION' });
    const prepare = sectionText(before.sections.find((s) => s.key === 'shared/prepare')!);
    expect(prepare).toContain('Your diabetes medicines are different too');
    expect(prepare).toContain('Your blood-thinning medicine is different');
    expect(textOf(before)).not.toMatch(/usual medicines/i);
    const fasting = sectionText(before.sections.find((s) => s.key === 'shared/fasting')!);
    expect(fasting).not.toMatch(/as usual/i);
    expect(fasting).toMatch(/we will phone you by \w+day \d+ \w+ 2027 to agree what to do with your insulin/);
  });

  it('without a fast or those medicines the sentence stands alone', () => {
    const prepare = sectionText(build({ code: 'FACET_JOINT_INJECTION', levels: 'L4/5' }).before.sections.find((s) => s.key === 'shared/prepare')!);
    expect(prepare).toContain('Keep taking your painkillers and your other medicines as prescribed');
    expect(prepare).not.toContain('are different');
  });
});
