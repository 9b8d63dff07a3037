// Renders both leaflets for a case file without a database, for clinical review and tests. Every page is
// marked "DRAFT – NOT APPROVED FOR PATIENTS": only the app makes leaflets for patients, from approved parts.
//   npm run leaflet -- leaflets/cases/caudal-epidural.json out/
// An invalid case exits with status 1 and a message naming each problem, and writes nothing.
import { renderCaseFile } from '~/leaflets/leaflet-preview.server';

const [casePath, outDir] = process.argv.slice(2);
if (!casePath || !outDir) {
  console.error('Usage: npm run leaflet -- <case.json> <out-dir>');
  process.exit(2);
}

try {
  const written = await renderCaseFile(casePath, outDir);
  for (const file of written) console.log(`Wrote ${file}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
