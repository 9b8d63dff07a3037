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

/** The folder (or top-level module, without extension) under app/ that an import from `file` points at; null for a package. */
function targetFolder(file: string, spec: string): string | null {
  const target = spec.startsWith('~/') ? path.join(APP, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
  if (target === null) return null;
  const relative = path.relative(APP, target);
  return relative.startsWith('..') ? null : relative.split(path.sep)[0].replace(/\.tsx?$/, '');
}

/** Files under app/<folder> that import something in a folder of `forbidden`, as "file -> import". */
function importsInto(folder: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(path.join(APP, folder)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => {
        const target = targetFolder(file, spec);
        return target !== null && forbidden(target);
      })
      .map((spec) => `${path.relative(APP, file)} -> ${spec}`),
  );
}

describe('imports', () => {
  it('app code never imports msw: the Notify stand-in lives in server/, handed in by the entry points', () => {
    const files = sourceFiles(APP);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => importsOf(f).some((spec) => spec === 'msw' || spec.startsWith('msw/')));
    expect(offenders.map((f) => path.relative(APP, f))).toEqual([]);
  });

  it('booking domains never import messaging: they record booking events, and communications reacts (ADR 21)', () => {
    // The composition root joins events to messaging; importing it would bring communications back in.
    const messaging = (target: string) => target === 'communications' || target === 'wiring.server';
    const domains = ['scheduling', 'consultations', 'medicines'];
    for (const folder of domains) expect(sourceFiles(path.join(APP, folder)).length).toBeGreaterThan(5);
    expect(domains.flatMap((folder) => importsInto(folder, messaging))).toEqual([]);
  });

  it('app/events imports no domain folder: only the generated schema types', () => {
    expect(sourceFiles(path.join(APP, 'events')).length).toBeGreaterThan(0);
    expect(importsInto('events', (target) => target !== 'events' && target !== 'generated')).toEqual([]);
  });

  it('the unit\'s time zone is named once, in app/utils/time-zone.ts, and imported from there', () => {
    const naming = sourceFiles(APP).filter((f) => readFileSync(f, 'utf8').includes("'Europe/London'"));
    expect(naming.map((f) => path.relative(APP, f))).toEqual(['utils/time-zone.ts']);
  });

  it('the folders under app/ import each other in one direction only: no cycle, and no domain imports routes or components', () => {
    const folders = readdirSync(APP).filter((name) => statSync(path.join(APP, name)).isDirectory() && !['generated', 'styles'].includes(name));
    const edges = new Map<string, Set<string>>();
    for (const folder of folders) {
      const targets = new Set<string>();
      for (const file of sourceFiles(path.join(APP, folder))) {
        for (const spec of importsOf(file)) {
          const target = targetFolder(file, spec);
          if (target !== null && target !== folder && folders.includes(target)) targets.add(target);
        }
      }
      edges.set(folder, targets);
    }
    const presentation = ['routes', 'components'];
    const intoPresentation = folders
      .filter((folder) => !presentation.includes(folder))
      .flatMap((folder) => [...edges.get(folder)!].filter((t) => presentation.includes(t)).map((t) => `${folder} -> ${t}`));
    expect(intoPresentation).toEqual([]);

    // A depth-first walk; a folder met again while still on the path closes a cycle.
    const cycles: string[] = [];
    const state = new Map<string, 'on-path' | 'done'>();
    const walk = (folder: string, trail: string[]) => {
      state.set(folder, 'on-path');
      for (const next of edges.get(folder)!) {
        if (state.get(next) === 'on-path') cycles.push([...trail.slice(trail.indexOf(next)), folder, next].join(' -> '));
        else if (!state.has(next)) walk(next, [...trail, folder]);
      }
      state.set(folder, 'done');
    };
    for (const folder of folders) if (!state.has(folder)) walk(folder, []);
    expect(edges.get('routes')!.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });
});
