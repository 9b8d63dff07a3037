import { describe, expect, it } from 'vitest';
import { INT4_MAX, versionField, wholeNumberField } from './form-numbers';

describe('versionField', () => {
  const version = versionField('out of date');

  it('accepts a version the database can hold', () => {
    expect(version.parse('1')).toBe(1);
    expect(version.parse(String(INT4_MAX))).toBe(INT4_MAX);
  });

  it.each(['2147483648', '1e20', '1.5', '-1', '0', 'x', ''])('refuses %j with the form message', (value) => {
    const result = version.safeParse(value);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0].message).toBe('out of date');
  });

  it('allows 0 where asked (a record that does not exist yet)', () => {
    expect(versionField('m', { min: 0 }).parse('0')).toBe(0);
  });
});

describe('wholeNumberField', () => {
  it('never allows more than the database integer, whatever max is asked', () => {
    const field = wholeNumberField({ required: 'r', invalid: 'i' }, { max: Number.MAX_SAFE_INTEGER });
    expect(field.safeParse(String(INT4_MAX + 1)).success).toBe(false);
    expect(field.parse('12')).toBe(12);
  });
});
