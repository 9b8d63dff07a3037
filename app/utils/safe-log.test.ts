import { describe, expect, it } from 'vitest';
import { describeErrorSafely } from './safe-log';

describe('describeErrorSafely', () => {
  it('keeps the error name, code and frames but never the message', () => {
    const error = Object.assign(new Error('Unique constraint failed: { nhsNumber: "9990000018", lastName: "Dąbrowska" }'), {
      code: 'P2002',
    });
    const text = describeErrorSafely(error);
    expect(text).toContain('Error [P2002]');
    expect(text).toContain('    at ');
    expect(text).not.toContain('9990000018');
    expect(text).not.toContain('Dąbrowska');
  });
});
