// Every action the code records has a human label: this reads the source of app/ and prisma/seed.ts for
// `action: ...` and fails when someone records a new action without adding its label to labels.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS, auditActionLabel, auditActionOptions, auditEntityLabel, isKnownAuditAction } from './labels';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACTION_CODE = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The action codes and code prefixes (from template literals like `leaflet.${use}`) written in the source. */
function recordedActions() {
  const codes = new Set<string>();
  const prefixes = new Set<string>();
  const files = [...sourceFiles(path.join(ROOT, 'app')), path.join(ROOT, 'prisma/seed.ts')].filter((f) => !f.endsWith(path.join('audit', 'labels.ts')));
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    // The expression after `action:` up to the end of the property (a comma or the end of the line).
    for (const match of source.matchAll(/\baction:\s*([^,\n]+)/g)) {
      const expression = match[1];
      for (const literal of expression.matchAll(/'([^']*)'|"([^"]*)"/g)) {
        const value = literal[1] ?? literal[2];
        if (ACTION_CODE.test(value)) codes.add(value);
      }
      for (const template of expression.matchAll(/`([a-z][a-z.-]*\.)\$\{/g)) prefixes.add(template[1]);
    }
  }
  return { codes: [...codes].sort(), prefixes: [...prefixes].sort() };
}

describe('audit action labels', () => {
  const { codes, prefixes } = recordedActions();

  it('finds the actions the code records (the scan itself works)', () => {
    expect(codes).toEqual(expect.arrayContaining(['patient.view', 'session.sign-in', 'outcome.record', 'outcome.edit', 'appointment.rebook', 'mailbox.view-message']));
    expect(prefixes).toEqual(expect.arrayContaining(['leaflet.', 'procedure-list.']));
  });

  it('has a label for every action string recorded in app/ and prisma/seed.ts', () => {
    expect(codes.filter((code) => !isKnownAuditAction(code))).toEqual([]);
  });

  it('has labels for actions built from a template (leaflet.preview/download, procedure-list.view/print/export)', () => {
    for (const prefix of prefixes) expect(Object.keys(AUDIT_ACTIONS).some((k) => k.startsWith(prefix)), prefix).toBe(true);
    for (const code of ['leaflet.preview', 'leaflet.download', 'procedure-list.view', 'procedure-list.print', 'procedure-list.export']) {
      expect(isKnownAuditAction(code), code).toBe(true);
    }
  });

  it('covers the account and second-factor actions being added elsewhere', () => {
    for (const code of [
      'session.sign-in-failed',
      'staff.create',
      'staff.role-change',
      'staff.deactivate',
      'staff.reactivate',
      'staff.unlock',
      'staff.password-reset-issued',
      'staff.password-reset-used',
      'staff.password-change',
      'second-factor.enrol',
      'second-factor.verify-failed',
      'second-factor.recovery-used',
      'second-factor.disable',
      'second-factor.reset',
    ]) {
      expect(isKnownAuditAction(code), code).toBe(true);
    }
  });

  it('shows an unknown action with its code rather than hiding it', () => {
    expect(auditActionLabel('patient.view')).toBe('Viewed the patient record');
    expect(auditActionLabel('widget.frobnicate')).toBe('Other action (widget.frobnicate)');
    expect(auditActionLabel('constructor')).toBe('Other action (constructor)');
    expect(auditEntityLabel('Appointment')).toBe('Appointment');
    expect(auditEntityLabel('Gadget')).toBe('Gadget');
  });

  it('groups every labelled action exactly once for the filter, with distinct labels in each group', () => {
    const options = auditActionOptions();
    expect(options.map((g) => g.group)).toEqual(AUDIT_ACTION_GROUPS);
    const values = options.flatMap((g) => g.options.map((o) => o.value));
    expect(values.sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    for (const group of options) expect(new Set(group.options.map((o) => o.label)).size).toBe(group.options.length);
  });
});
