// Time to make one booking's pair of leaflet PDFs ("Before" and "After"), from the model's input to both
// buffers: build the pair (templates, Markdown) and render both PDFs. Parts are loaded once, as the app
// does. Median and 95th percentile of many runs, per case in leaflets/cases, standard and large print,
// and the process's peak resident memory.
// Run: node --import tsx bench/leaflets.ts [runs-per-case]
import fs from 'node:fs';
import path from 'node:path';
import { caseToLeafletInput } from '~/leaflets/leaflet-case';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { buildLeaflets } from '~/leaflets/leaflet-model';
import { renderLeafletPdf } from '~/leaflets/leaflet-pdf.server';

const runs = Number(process.argv[2] ?? 30);
const parts = loadLeafletParts();
const casesDir = path.resolve('leaflets', 'cases');
const cases = fs
  .readdirSync(casesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(casesDir, file), 'utf8')) }));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

async function pair(json: unknown) {
  const leaflets = buildLeaflets(caseToLeafletInput(json), parts);
  const [before, after] = await Promise.all([renderLeafletPdf(leaflets.before), renderLeafletPdf(leaflets.after)]);
  return before.length + after.length;
}

// Warm up the font parser and the JIT.
for (let i = 0; i < 5; i++) await pair(cases[0]!.json);

const rows: string[] = [];
const all: number[] = [];
for (const largePrint of [false, true]) {
  for (const { file, json } of cases) {
    const needs = (json.patient.needs as string[]).filter((need) => need !== 'LARGE_PRINT');
    const variant = { ...json, patient: { ...json.patient, needs: largePrint ? [...needs, 'LARGE_PRINT'] : needs } };
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      bytes = await pair(variant);
      times.push(performance.now() - t0);
    }
    all.push(...times);
    rows.push(
      `| ${file.replace('.json', '')} | ${largePrint ? 'large' : 'standard'} | ${runs} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${(bytes / 1024).toFixed(0)} |`,
    );
  }
}

console.log('| case | print | runs | median ms | p95 ms | pair KiB |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`\nAll pairs: ${all.length} runs, median ${percentile(all, 0.5).toFixed(1)} ms, p95 ${percentile(all, 0.95).toFixed(1)} ms`);
console.log(`Peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
