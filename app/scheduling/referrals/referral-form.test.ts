import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { testNhsNumber } from '~/utils/nhs-number';
import { referralFormSchema } from './referral-form';

const TODAY = '2027-03-22';

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

const REFERRAL = {
  source: 'GP_VIA_MSK',
  'receivedOn.day': '15',
  'receivedOn.month': '3',
  'receivedOn.year': '2027',
  priority: 'SOON',
  reason: 'Low back pain for 2 years',
};

const parse = (fields: Record<string, string | string[]>) => parseWithZod(form(fields), { schema: referralFormSchema(TODAY) });

describe('referral form', () => {
  it('accepts a referral for an existing patient found by NHS number, with or without spaces', () => {
    const nhs = testNhsNumber(5);
    const result = parse({ ...REFERRAL, patient: 'existing', existingNhsNumber: `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` });
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(result.value).toEqual({
      patient: { kind: 'existing', nhsNumber: nhs },
      referral: { source: 'GP_VIA_MSK', receivedOn: '2027-03-15', priority: 'SOON', reason: 'Low back pain for 2 years' },
    });
  });

  it('checks a new patient with the patient form rules, and reports every problem at once', () => {
    const result = parse({
      patient: 'new',
      nhsNumber: '943 476 5918',
      firstName: '',
      'dateOfBirth.day': '31',
      'dateOfBirth.month': '2',
      'dateOfBirth.year': '1960',
      source: '',
      reason: '',
    });
    expect(result.status).toBe('error');
    const errors = result.reply().error ?? {};
    expect(errors.nhsNumber).toEqual(['This is not a valid NHS number. Check it and try again']);
    expect(errors.firstName).toEqual(['Enter a first name']);
    expect(errors.lastName).toEqual(['Enter a last name']);
    expect(errors.dateOfBirth).toEqual(['Date of birth must be a real date, for example 27 3 1956']);
    expect(errors.source).toEqual(['Select who referred the patient']);
    expect(errors.receivedOn).toEqual(['Enter the date the referral was received']);
    expect(errors.priority).toEqual(['Select the priority']);
    expect(errors.reason).toEqual(['Enter the reason for referral']);
  });

  it('accepts a new patient and returns their details in the patient form shape', () => {
    const result = parse({
      ...REFERRAL,
      patient: 'new',
      nhsNumber: testNhsNumber(6),
      firstName: 'Zofia',
      lastName: 'Dąbrowska',
      'dateOfBirth.day': '1',
      'dateOfBirth.month': '2',
      'dateOfBirth.year': '1950',
      communicationNeeds: ['INTERPRETER'],
      interpreterLanguage: 'Polish',
    });
    expect(result.status).toBe('success');
    if (result.status !== 'success' || result.value.patient.kind !== 'new') throw new Error('expected a new patient');
    expect(result.value.patient.details).toMatchObject({
      nhsNumber: testNhsNumber(6),
      firstName: 'Zofia',
      lastName: 'Dąbrowska',
      dateOfBirth: '1950-02-01',
      communicationNeeds: ['INTERPRETER'],
      interpreterLanguage: 'Polish',
      emailConsent: false,
    });
  });

  it('asks which kind of patient when neither is chosen, and for the NHS number of an existing one', () => {
    expect(parse(REFERRAL).reply().error?.patient).toEqual(['Select whether the patient is already registered']);
    expect(parse({ ...REFERRAL, patient: 'existing' }).reply().error?.existingNhsNumber).toEqual(["Enter the patient's NHS number"]);
  });

  it('refuses a received date in the future, one that is not a real date, one years ago, or one with a part missing', () => {
    const cases: [string, string, string, string][] = [
      ['23', '3', '2027', 'Date received must be today or in the past'],
      ['30', '2', '2027', 'Date received must be a real date, for example 15 3 2027'],
      ['1', '1', '2024', 'Date received must be within the last 2 years: check the year'],
      ['1', '', '2027', 'Date received must include a month'],
    ];
    for (const [day, month, year, message] of cases) {
      const result = parse({ ...REFERRAL, patient: 'existing', existingNhsNumber: testNhsNumber(5), 'receivedOn.day': day, 'receivedOn.month': month, 'receivedOn.year': year });
      expect(result.reply().error?.receivedOn, `${day}/${month}/${year}`).toEqual([message]);
    }
  });

  it('accepts today as the received date', () => {
    const result = parse({ ...REFERRAL, patient: 'existing', existingNhsNumber: testNhsNumber(5), 'receivedOn.day': '22' });
    expect(result.status).toBe('success');
  });
});
