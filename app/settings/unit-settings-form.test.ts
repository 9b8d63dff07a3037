import { describe, expect, it } from 'vitest';
import { unitSettingsFormSchema } from './unit-settings-form';

const parse = (values: Record<string, string | string[]>) =>
  unitSettingsFormSchema.safeParse({ unansweredAttemptsBeforeDna: '2', dnasBeforeDischargeOffered: '2', reminderDaysBefore: '7, 2', ...values });

const messages = (values: Record<string, string>) => {
  const result = parse(values);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('unit settings form', () => {
  it('reads reminder days in any order and spacing, latest last, without repeats', () => {
    expect(parse({ reminderDaysBefore: '2,7 14, 7' })).toMatchObject({ success: true, data: { reminderDaysBefore: [14, 7, 2] } });
    expect(parse({ reminderDaysBefore: '' })).toMatchObject({ success: true, data: { reminderDaysBefore: [] } });
    expect(parse({})).toMatchObject({ success: true, data: { unansweredAttemptsBeforeDna: 2, dnasBeforeDischargeOffered: 2, reminderDaysBefore: [7, 2] } });
  });

  it('explains what is wrong', () => {
    expect(messages({ reminderDaysBefore: 'a week' })).toEqual(['Enter reminder days as whole numbers separated by commas, for example 7, 2']);
    expect(messages({ reminderDaysBefore: '0, 7' })).toEqual(['Each reminder must be between 1 and 60 days before the appointment']);
    expect(messages({ reminderDaysBefore: '1, 2, 3, 4, 5, 6' })).toEqual(['Enter no more than 5 reminders']);
    expect(messages({ unansweredAttemptsBeforeDna: '0' })).toEqual(['The number of unanswered calls must be at least 1']);
    expect(messages({ dnasBeforeDischargeOffered: '2.5' })).toEqual(['Enter the number of DNAs as a whole number']);
    expect(messages({ dnasBeforeDischargeOffered: '11' })).toEqual(['The number of DNAs must be 10 or fewer']);
  });

  it('reads the roles that need a second factor, always with administrators', () => {
    expect(parse({})).toMatchObject({ success: true, data: { secondFactorRoles: ['ADMIN'] } });
    expect(parse({ secondFactorRoles: 'DOCTOR' })).toMatchObject({ success: true, data: { secondFactorRoles: ['DOCTOR', 'ADMIN'] } });
    expect(parse({ secondFactorRoles: ['DOCTOR', 'CLERK'] })).toMatchObject({ success: true, data: { secondFactorRoles: ['CLERK', 'DOCTOR', 'ADMIN'] } });
    expect(parse({ secondFactorRoles: ['DOCTOR', 'PATIENT'] })).toMatchObject({ success: false });
  });
});
