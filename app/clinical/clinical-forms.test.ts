import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { CLINICAL_FORM_SCHEMAS, isClinicalIntent } from './clinical-forms';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('clinical details forms', () => {
  it('knows its intents and nothing else', () => {
    expect(['add-medicine', 'stop-medicine', 'diabetes', 'add-allergy', 'remove-allergy'].every(isClinicalIntent)).toBe(true);
    expect(isClinicalIntent('toString')).toBe(false);
    expect(isClinicalIntent(null)).toBe(false);
  });

  it('trims a medicine name and refuses an empty one', () => {
    const ok = parseWithZod(form({ intent: 'add-medicine', name: '  Apixaban ', dose: '5 mg' }), { schema: CLINICAL_FORM_SCHEMAS['add-medicine'] });
    expect(ok.status === 'success' && ok.value).toEqual({ intent: 'add-medicine', name: 'Apixaban', dose: '5 mg' });
    const empty = parseWithZod(form({ intent: 'add-medicine', name: ' ' }), { schema: CLINICAL_FORM_SCHEMAS['add-medicine'] });
    expect(empty.reply().error?.name).toEqual(['Enter the name of the medicine']);
  });

  it('takes only the known diabetes statuses', () => {
    expect(parseWithZod(form({ intent: 'diabetes', diabetes: 'ON_MEDICATION' }), { schema: CLINICAL_FORM_SCHEMAS.diabetes }).status).toBe('success');
    const bad = parseWithZod(form({ intent: 'diabetes', diabetes: 'TYPE_3' }), { schema: CLINICAL_FORM_SCHEMAS.diabetes });
    expect(bad.reply().error?.diabetes).toEqual(['Select whether the patient has diabetes']);
  });

  it('requires detail for an "other" allergy, and a known kind', () => {
    const schema = CLINICAL_FORM_SCHEMAS['add-allergy'];
    expect(parseWithZod(form({ intent: 'add-allergy', kind: 'IODINE_CONTRAST' }), { schema }).status).toBe('success');
    expect(parseWithZod(form({ intent: 'add-allergy', kind: 'OTHER' }), { schema }).reply().error?.detail).toEqual(['Enter what the patient is allergic to']);
    expect(parseWithZod(form({ intent: 'add-allergy', kind: 'OTHER', detail: 'Plasters' }), { schema }).status).toBe('success');
    expect(parseWithZod(form({ intent: 'add-allergy' }), { schema }).reply().error?.kind).toEqual(['Select the allergy']);
  });
});
