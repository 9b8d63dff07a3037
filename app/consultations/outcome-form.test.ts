import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { becomesDna, dischargeOffered, dnaResetsClock } from './dna-policy';
import { describeOutcomeItem, formValuesFromItems, listForProcedureDetails, outcomeFormSchema, outcomeItemsFromForm, type ListForProcedureDetails } from './outcome-form';

function parse(fields: Record<string, string | string[]>) {
  const formData = new FormData();
  for (const [key, value] of Object.entries({ idempotencyKey: 'key-12345678', expectedVersion: '0', ...fields })) {
    for (const v of Array.isArray(value) ? value : [value]) formData.append(key, v);
  }
  return parseWithZod(formData, { schema: outcomeFormSchema });
}

const EPIDURAL = { kinds: 'LIST_FOR_PROCEDURE', procedureCode: 'INTERLAMINAR_EPIDURAL', side: 'LEFT', guidance: 'XRAY', sedation: 'yes', priority: 'ROUTINE' };

describe('outcome form', () => {
  it('needs at least one outcome', () => {
    const result = parse({});
    expect(result.status).toBe('error');
    expect(result.reply().error).toMatchObject({ kinds: ['Choose at least one outcome'] });
  });

  it('turns a list-for-procedure form into structured details', () => {
    const result = parse({ ...EPIDURAL, levels: ' L4/5 ', recentInfection: 'on' });
    if (result.status !== 'success') throw new Error('expected success');
    expect(outcomeItemsFromForm(result.value)).toEqual([
      {
        kind: 'LIST_FOR_PROCEDURE',
        details: {
          procedureCode: 'INTERLAMINAR_EPIDURAL',
          side: 'LEFT',
          levels: 'L4/5',
          guidance: 'XRAY',
          sedation: true,
          priority: 'ROUTINE',
          notes: null,
          possiblePregnancy: false,
          recentInfection: true,
          escortArranged: false,
          withSteroid: null,
          implantedDevice: null,
        },
      },
    ]);
  });

  it('with steroid: yes, no or the default; the implanted device kept only for radiofrequency; both read back into the form', () => {
    const details = (fields: Record<string, string>) => {
      const result = parse({ ...EPIDURAL, ...fields });
      if (result.status !== 'success') throw new Error('expected success');
      return (outcomeItemsFromForm(result.value)[0] as { details: ListForProcedureDetails }).details;
    };
    expect(details({ withSteroid: 'yes' }).withSteroid).toBe(true);
    expect(details({ withSteroid: 'no' }).withSteroid).toBe(false);
    expect(details({ withSteroid: 'default' }).withSteroid).toBeNull();
    expect(details({ implantedDevice: 'ICD' }).implantedDevice).toBeNull(); // an epidural does not ask
    const rf = details({ procedureCode: 'RADIOFREQUENCY_DENERVATION', withSteroid: 'no', implantedDevice: 'SPINAL_CORD_STIMULATOR' });
    expect(rf).toMatchObject({ withSteroid: false, implantedDevice: 'SPINAL_CORD_STIMULATOR' });
    expect(details({ procedureCode: 'RADIOFREQUENCY_DENERVATION', implantedDevice: 'NOT_ASKED' }).implantedDevice).toBeNull();
    const item = { kind: 'LIST_FOR_PROCEDURE', details: rf };
    expect(formValuesFromItems([item])).toMatchObject({ withSteroid: 'no', implantedDevice: 'SPINAL_CORD_STIMULATOR' });
    expect(describeOutcomeItem(item)).toContain('without steroid, implanted device: spinal cord stimulator');
    // Details recorded before these questions existed still read: the default and "not yet asked".
    const old = listForProcedureDetails.parse({ ...rf, withSteroid: undefined, implantedDevice: undefined });
    expect(formValuesFromItems([{ kind: 'LIST_FOR_PROCEDURE', details: old }])).toMatchObject({ withSteroid: 'default', implantedDevice: 'NOT_ASKED' });
    expect(parse({ ...EPIDURAL, withSteroid: 'maybe' }).reply().error?.withSteroid?.[0]).toContain('Choose with or without steroid');
  });

  it('refuses guidance the procedure type does not allow (plexus block is ultrasound only)', () => {
    const result = parse({ ...EPIDURAL, procedureCode: 'PLEXUS_BLOCK', guidance: 'XRAY' });
    expect(result.reply().error?.guidance?.[0]).toBe('Plexus block cannot be done with this guidance');
  });

  it('ignores the fields of kinds that were not ticked', () => {
    const result = parse({ kinds: 'PSYCHOLOGY', procedureCode: 'PLEXUS_BLOCK', guidance: 'XRAY', followUpWeeks: '3' });
    if (result.status !== 'success') throw new Error('expected success');
    expect(outcomeItemsFromForm(result.value)).toEqual([{ kind: 'PSYCHOLOGY', details: {} }]);
  });

  it('follow-up needs 1 to 52 weeks; discharge cannot go with a follow-up or a listing', () => {
    expect(parse({ kinds: 'FOLLOW_UP' }).reply().error?.followUpWeeks).toBeTruthy();
    expect(parse({ kinds: 'FOLLOW_UP', followUpWeeks: '53' }).reply().error?.followUpWeeks).toBeTruthy();
    expect(parse({ kinds: 'FOLLOW_UP', followUpWeeks: '2.5' }).reply().error?.followUpWeeks).toBeTruthy();
    expect(parse({ kinds: ['DISCHARGE_TO_GP', 'FOLLOW_UP'], followUpWeeks: '4' }).reply().error?.kinds).toBeTruthy();
    expect(parse({ ...EPIDURAL, kinds: ['LIST_FOR_PROCEDURE', 'DISCHARGE_TO_GP'] }).reply().error?.kinds).toBeTruthy();
  });

  it('round-trips stored items into form values, and describes them in words', () => {
    const result = parse({ ...EPIDURAL, kinds: ['LIST_FOR_PROCEDURE', 'CONSERVATIVE_MANAGEMENT', 'FOLLOW_UP'], conservative: ['PACING'], followUpWeeks: '6', levels: 'L4/5' });
    if (result.status !== 'success') throw new Error('expected success');
    const items = outcomeItemsFromForm(result.value);
    const again = parse(Object.fromEntries(Object.entries(formValuesFromItems(items)).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>);
    if (again.status !== 'success') throw new Error('expected success');
    expect(outcomeItemsFromForm(again.value)).toEqual(items);
    expect(items.map(describeOutcomeItem)).toEqual([
      'List for a procedure: Interlaminar epidural injection, left, levels L4/5, X-ray guided, with sedation, priority routine',
      'Conservative management: Pacing',
      'Follow-up telephone consultation in 6 weeks',
    ]);
  });
});

describe('DNA policy', () => {
  it('a consultation becomes DNA at the configured number of unanswered calls, never after an answered one', () => {
    expect(becomesDna(1, 0, 2)).toBe(false);
    expect(becomesDna(2, 0, 2)).toBe(true);
    expect(becomesDna(2, 0, 3)).toBe(false);
    expect(becomesDna(3, 1, 2)).toBe(false);
  });
  it('discharge is offered at the configured number of DNAs', () => {
    expect(dischargeOffered(1, 2)).toBe(false);
    expect(dischargeOffered(2, 2)).toBe(true);
  });
  it('only a first-appointment DNA resets the RTT clock', () => {
    expect(dnaResetsClock({ status: 'AWAITING_FIRST_CONTACT', completedConsultations: 0 })).toBe(true);
    expect(dnaResetsClock({ status: 'UNDER_CARE', completedConsultations: 1 })).toBe(false);
  });
});
