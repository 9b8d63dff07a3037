import { describe, expect, it } from 'vitest';
import { dateOfBirthField, nhsNumberField } from './patient-form';

describe('patient form fields', () => {
  const dob = dateOfBirthField('2027-03-28');

  it('reads a date of birth as a calendar date', () => {
    expect(dob.parse({ day: '27', month: '3', year: '1956' })).toBe('1956-03-27');
  });

  it('says which part of a date of birth is missing', () => {
    const message = (value: unknown) => dob.safeParse(value).error?.issues[0]?.message;
    expect(message({})).toBe('Enter a date of birth');
    expect(message({ month: '3', year: '1956' })).toBe('Date of birth must include a day');
    expect(message({ day: '1', year: '1956' })).toBe('Date of birth must include a month');
    expect(message({ day: '31', month: '2', year: '1956' })).toBe('Date of birth must be a real date, for example 27 3 1956');
    expect(message({ day: '1', month: '1', year: '56' })).toBe('Date of birth must be a real date, for example 27 3 1956');
    expect(message({ day: '29', month: '3', year: '2027' })).toBe('Date of birth must be in the past');
  });

  it('normalises a valid NHS number and explains an invalid one', () => {
    expect(nhsNumberField.parse('943-476-5919')).toBe('9434765919');
    expect(nhsNumberField.safeParse('9434765918').error?.issues[0]?.message).toBe('This is not a valid NHS number. Check it and try again');
  });
});
