import { describe, expect, it } from 'vitest';
import { describeErrorSafely, describeRequestSafely } from './safe-log';

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

describe('describeRequestSafely', () => {
  const request = (url: string, method = 'GET') => new Request(`http://localhost${url}`, { method });

  it('gives the method and path with route parameters replaced by their names, never the query', () => {
    expect(describeRequestSafely(request('/patients/Smith?q=9990000018'), { patientId: 'Smith' })).toBe('GET /patients/:patientId');
    expect(describeRequestSafely(request('/lists/clx9/send', 'POST'), { listId: 'clx9' })).toBe('POST /lists/:listId/send');
    expect(describeRequestSafely(request('/patients/D%C4%85browska'), { patientId: 'Dąbrowska' })).toBe('GET /patients/:patientId');
  });

  it('replaces a splat parameter spanning several segments', () => {
    expect(describeRequestSafely(request('/admin/leaflets/shared/driving.md'), { '*': 'shared/driving.md' })).toBe('GET /admin/leaflets/:splat');
  });
});
