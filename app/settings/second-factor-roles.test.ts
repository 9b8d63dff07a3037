import { describe, expect, it } from 'vitest';
import { withRequiredRoles } from './second-factor-roles';

describe('roles that need a second factor', () => {
  it('always includes administrators, in a stable order without repeats', () => {
    expect(withRequiredRoles([])).toEqual(['ADMIN']);
    expect(withRequiredRoles(['DOCTOR', 'CLERK', 'DOCTOR'])).toEqual(['CLERK', 'DOCTOR', 'ADMIN']);
    expect(withRequiredRoles(['ADMIN', 'DOCTOR'])).toEqual(['DOCTOR', 'ADMIN']);
  });
});
