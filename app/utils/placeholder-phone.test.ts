import { describe, expect, it } from 'vitest';
import { SITES } from '~/scheduling/reference-data';
import { isPlaceholderPhone } from './placeholder-phone';

describe('placeholder telephone numbers', () => {
  it('every demo site number is a drama-range placeholder, so it can be recognised before it reaches a patient', () => {
    for (const site of SITES) expect(isPlaceholderPhone(site.phone), site.code).toBe(true);
  });

  it.each(['01632 960100', '+44 1632 960 999', '07700 900123', '020 7946 0000', ''])('%s is a placeholder', (phone) => {
    expect(isPlaceholderPhone(phone)).toBe(true);
  });

  it.each(['01622 729000', '01892 823535', '01732 470200', '+44 20 7188 7188'])('%s is a real-looking number', (phone) => {
    expect(isPlaceholderPhone(phone)).toBe(false);
  });
});
