import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, clinicAccess, hasCapability, ROLES, ROUTE_ACCESS, rolesAllowed } from './permissions';

const doctor = { id: 'doc-a', role: 'DOCTOR' as const };

describe('capabilities', () => {
  it('lets only doctors log calls and record outcomes, and only administrators read the audit trail', () => {
    const holders = (capability: keyof typeof CAPABILITIES) => ROLES.filter((role) => hasCapability(role, capability));
    expect(holders('consultation.log-call')).toEqual(['DOCTOR']);
    expect(holders('consultation.record-outcome')).toEqual(['DOCTOR']);
    expect(holders('audit.read')).toEqual(['ADMIN']);
  });

  it('a doctor acts freely in their own clinic', () => {
    expect(clinicAccess(doctor, 'consultation.record-outcome', 'doc-a')).toEqual({ kind: 'own' });
    expect(clinicAccess(doctor, 'consultation.log-call', 'doc-a', 'doc-b')).toEqual({ kind: 'own' });
  });

  it('in a colleague’s clinic only when covering that colleague, and then it is marked as covering', () => {
    expect(clinicAccess(doctor, 'consultation.record-outcome', 'doc-b')).toEqual({ kind: 'refused', reason: 'NOT_COVERING' });
    expect(clinicAccess(doctor, 'consultation.record-outcome', 'doc-b', '')).toEqual({ kind: 'refused', reason: 'NOT_COVERING' });
    expect(clinicAccess(doctor, 'consultation.log-call', 'doc-b', 'doc-c')).toEqual({ kind: 'refused', reason: 'NOT_COVERING' });
    expect(clinicAccess(doctor, 'consultation.log-call', 'doc-b', 'doc-b')).toEqual({ kind: 'covering', coveringForId: 'doc-b' });
  });

  it('refuses other roles whatever they declare', () => {
    for (const role of ['CLERK', 'ADMIN'] as const) {
      expect(clinicAccess({ id: 'doc-b', role }, 'consultation.record-outcome', 'doc-b')).toEqual({ kind: 'refused', reason: 'ROLE' });
      expect(clinicAccess({ id: 'x', role }, 'consultation.log-call', 'doc-b', 'doc-b')).toEqual({ kind: 'refused', reason: 'ROLE' });
    }
  });

  it('a consultation without a clinic has no doctor to cover for', () => {
    expect(clinicAccess(doctor, 'consultation.log-call', null)).toEqual({ kind: 'own' });
  });
});

describe('route access table', () => {
  const routeFiles = readdirSync(path.resolve(import.meta.dirname, '../routes'))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => f.replace(/\.tsx?$/, ''))
    .sort();

  it('has exactly one entry for every route module in app/routes', () => {
    expect(routeFiles.filter((f) => !(f in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !routeFiles.includes(k))).toEqual([]);
  });

  it('lists roles, never an empty set, and keeps the audit trail for administrators', () => {
    for (const [route, access] of Object.entries(ROUTE_ACCESS)) {
      for (const roles of [access.loader, access.action]) if (roles !== null) expect(rolesAllowed(roles).length, route).toBeGreaterThan(0);
    }
    expect(ROUTE_ACCESS['admin.audit'].loader).toEqual(['ADMIN']);
    expect(ROUTE_ACCESS['admin.audit_.csv'].loader).toEqual(['ADMIN']);
  });
});
