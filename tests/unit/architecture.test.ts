// Rules about what may import what, checked over the source as it stands (issue: architecture). A new import
// that breaks one fails here with the file named.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = path.resolve(import.meta.dirname, '../../app');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file imports, statically or with import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('imports', () => {
  it('app code never imports msw: the Notify stand-in lives in server/, handed in by the entry points', () => {
    const files = sourceFiles(APP);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => importsOf(f).some((spec) => spec === 'msw' || spec.startsWith('msw/')));
    expect(offenders.map((f) => path.relative(APP, f))).toEqual([]);
  });

  it('the unit\'s time zone is named once, in app/utils/time-zone.ts, and imported from there', () => {
    const naming = sourceFiles(APP).filter((f) => readFileSync(f, 'utf8').includes("'Europe/London'"));
    expect(naming.map((f) => path.relative(APP, f))).toEqual(['utils/time-zone.ts']);
  });
});
