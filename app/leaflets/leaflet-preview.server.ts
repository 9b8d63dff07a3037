// The preview command's work (scripts/leaflet.ts): a case file in, both PDFs out, no database. The PDFs are
// drafts for clinical review, marked on every page as not approved for patients (no approval is checked here).
import fs from 'node:fs/promises';
import path from 'node:path';
import { caseToLeafletInput } from './leaflet-case';
import { loadLeafletParts } from './leaflet-content.server';
import { LeafletInputError } from './leaflet-input';
import { buildLeaflets } from './leaflet-model';
import { leafletFilename, renderLeafletPdf } from './leaflet-pdf.server';
import type { LeafletPart } from './leaflet-part';

export class CaseFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file} is not a valid leaflet case:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'CaseFileError';
  }
}

async function readCase(casePath: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(casePath, 'utf8');
  } catch {
    throw new CaseFileError(casePath, ['the file cannot be read']);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CaseFileError(casePath, [`not valid JSON (${error instanceof Error ? error.message : 'parse error'})`]);
  }
}

/** Renders both leaflets for a case; everything is checked and rendered before anything is written. */
export async function renderCaseFile(casePath: string, outDir: string, parts: LeafletPart[] = loadLeafletParts()): Promise<string[]> {
  const json = await readCase(casePath);
  let pair;
  try {
    pair = buildLeaflets(caseToLeafletInput(json), parts);
  } catch (error) {
    if (error instanceof LeafletInputError) throw new CaseFileError(casePath, error.issues);
    if (error instanceof Error && /ISO-8601 duration/.test(error.message)) throw new CaseFileError(casePath, [error.message]);
    throw error;
  }
  const documents = [pair.before, pair.after];
  // Made without the app's approvals: a review copy, marked on every page as not for patients.
  const rendered = await Promise.all(documents.map((document) => renderLeafletPdf(document, { draft: true })));
  await fs.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const [index, document] of documents.entries()) {
    const file = path.join(outDir, leafletFilename(document));
    await fs.writeFile(file, rendered[index]!);
    written.push(file);
  }
  return written;
}
