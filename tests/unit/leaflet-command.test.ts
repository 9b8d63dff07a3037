// `npm run leaflet -- <case.json> <out-dir>`: run as a clinician would, through the real script.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaflet-command-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/leaflet.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function caseWith(name: string, change: (json: Record<string, any>) => void): string {
  const json = JSON.parse(fs.readFileSync('leaflets/cases/facet-joint-injection.json', 'utf8'));
  change(json);
  const file = path.join(tmp, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('npm run leaflet', () => {
  it('writes both PDFs for a case file', () => {
    const out = path.join(tmp, 'ok');
    const result = run('leaflets/cases/caudal-epidural.json', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The caudal epidural case asks for large print.
    expect(fs.readdirSync(out).sort()).toEqual(['after-your-procedure-large-print.pdf', 'before-your-procedure-large-print.pdf']);
    expect(fs.readFileSync(path.join(out, 'before-your-procedure-large-print.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  const invalid: [string, (json: Record<string, any>) => void, RegExp][] = [
    ['unknown procedure', (json) => (json.procedure.code = 'KNEE_REPLACEMENT'), /procedure\.code: unknown procedure code/],
    ['site without a suite', (json) => (json.appointment.siteCode = 'SEVENOAKS'), /appointment.siteCode: Sevenoaks Community Hospital has no interventional suite/],
    ['invalid NHS number', (json) => (json.patient.nhsNumber = '9990000019'), /patient\.nhsNumber/],
    ['start without an offset', (json) => (json.appointment.start = '2027-04-01T08:45:00'), /appointment\.start: must be an ISO-8601 instant with an offset/],
    ['impossible date of birth', (json) => (json.patient.dateOfBirth = '1954-02-30'), /patient\.dateOfBirth: must be a date written yyyy-MM-dd/],
    ['bad stop interval', (json) => (json.bloodThinnerPlan = [{ medicine: 'apixaban', stopBefore: '48 hours', confirmedBy: 'Dr A' }]), /bloodThinnerPlan\.0\.stopBefore: must be an ISO-8601 duration/],
  ];
  for (const [name, change, message] of invalid) {
    it(`refuses a case with ${name}: exits non-zero, says why, writes nothing`, () => {
      const out = path.join(tmp, name.replace(/\W+/g, '-'));
      const result = run(caseWith(name.replace(/\W+/g, '-'), change), out);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/is not a valid leaflet case/);
      expect(result.stderr).toMatch(message);
      expect(fs.existsSync(out)).toBe(false);
    });
  }

  it('refuses a file that is not JSON', () => {
    const file = path.join(tmp, 'broken.json');
    fs.writeFileSync(file, '{ "patient": ');
    const out = path.join(tmp, 'broken');
    const result = run(file, out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('explains its usage when arguments are missing', () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Usage: npm run leaflet -- <case.json> <out-dir>/);
  });
});
