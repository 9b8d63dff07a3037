import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { planFormSchema, ruleFormSchema } from './blood-thinner-forms';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('blood-thinner plan form', () => {
  it('parses one plan per blood thinner, with hours as numbers and the INR box as a boolean', () => {
    const result = parseWithZod(
      form({
        intent: 'confirm',
        'plans[0].medicineId': 'm1',
        'plans[0].variant': 'CrCl > 30 ml/min',
        'plans[0].action': 'STOP',
        'plans[0].stopBeforeHours': '48',
        'plans[0].restartAfterHours': '24',
        'plans[1].medicineId': 'm2',
        'plans[1].action': 'STOP',
        'plans[1].stopBeforeHours': '120',
        'plans[1].restartAfterHours': '6',
        'plans[1].inrCheck': 'on',
      }),
      { schema: planFormSchema },
    );
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(result.value.plans).toEqual([
      { medicineId: 'm1', variant: 'CrCl > 30 ml/min', action: 'STOP', stopBeforeHours: 48, restartAfterHours: 24 },
      { medicineId: 'm2', action: 'STOP', stopBeforeHours: 120, restartAfterHours: 6, inrCheck: true },
    ]);
  });

  it.each([
    [{ 'plans[0].stopBeforeHours': '' }, 'plans[0].stopBeforeHours', 'Enter how many hours before the procedure to stop'],
    [{ 'plans[0].stopBeforeHours': '1.5' }, 'plans[0].stopBeforeHours', 'Stop before must be a whole number of hours'],
    [{ 'plans[0].stopBeforeHours': 'five' }, 'plans[0].stopBeforeHours', 'Stop before must be a whole number of hours'],
    [{ 'plans[0].restartAfterHours': '-2' }, 'plans[0].restartAfterHours', 'Restart after cannot be negative'],
    [{ 'plans[0].stopBeforeHours': '900' }, 'plans[0].stopBeforeHours', 'Stop before must be 720 hours (30 days) or less'],
    [{ 'plans[0].restartAfterHours': '' }, 'plans[0].restartAfterHours', 'Enter how many hours after the procedure to restart'],
    [{ 'plans[0].action': 'PAUSE' }, 'plans[0].action', 'Choose whether to stop, continue or decide with the prescriber'],
  ])('refuses %o with a clear message', (override, field, message) => {
    const result = parseWithZod(
      form({ intent: 'confirm', 'plans[0].medicineId': 'm1', 'plans[0].action': 'STOP', 'plans[0].stopBeforeHours': '48', ...override }),
      { schema: planFormSchema },
    );
    expect(result.status).toBe('error');
    expect(result.reply().error?.[field]).toEqual([message]);
  });

  it('lets CONTINUE and SHARED_DECISION go without hours', () => {
    for (const action of ['CONTINUE', 'SHARED_DECISION']) {
      const result = parseWithZod(form({ intent: 'confirm', 'plans[0].medicineId': 'm1', 'plans[0].action': action }), { schema: planFormSchema });
      expect(result.status).toBe('success');
    }
  });
});

describe('blood-thinner rule form', () => {
  it('parses an edit and requires hours for STOP', () => {
    expect(parseWithZod(form({ ruleId: 'r1', action: 'STOP', stopBeforeHours: '120', note: ' local ' }), { schema: ruleFormSchema }).status).toBe('success');
    const missing = parseWithZod(form({ ruleId: 'r1', action: 'STOP' }), { schema: ruleFormSchema });
    expect(missing.reply().error?.stopBeforeHours).toEqual(['Enter how many hours before the procedure to stop']);
  });
});
