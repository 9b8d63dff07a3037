// The leaflet renderer, read back the way a patient and a screen reader meet it: the text poppler extracts,
// the structure tree it reports, and the pixels of a rendered page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseToLeafletInput } from '~/leaflets/leaflet-case';
import { loadLeafletParts } from '~/leaflets/leaflet-content.server';
import { buildLeaflets, type LeafletDocument } from '~/leaflets/leaflet-model';
import { leafletFilename, renderLeafletPdf } from '~/leaflets/leaflet-pdf.server';

const parts = loadLeafletParts();
const casesDir = path.resolve('leaflets/cases');
const caseFiles = fs.readdirSync(casesDir).filter((file) => file.endsWith('.json')).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaflet-pdf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type CaseJson = {
  patient: { firstName: string; lastName: string; nhsNumber: string; dateOfBirth: string; needs: string[] };
  [key: string]: unknown;
};

function readCase(file: string): CaseJson {
  return JSON.parse(fs.readFileSync(path.join(casesDir, file), 'utf8')) as CaseJson;
}

function withLargePrint(json: CaseJson, largePrint: boolean): CaseJson {
  const needs = json.patient.needs.filter((need) => need !== 'LARGE_PRINT');
  return { ...json, patient: { ...json.patient, needs: largePrint ? [...needs, 'LARGE_PRINT'] : needs } };
}

let counter = 0;
function writePdf(bytes: Buffer): string {
  const file = path.join(tmp, `${++counter}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}

function poppler(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))![1]);
}

function pageText(file: string, page: number): string {
  return poppler('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']);
}

/** All the text, with line breaks and hyphen-free wrapping folded to single spaces. */
function flatText(file: string): string {
  // A line may wrap after a slash ("CPU/" then "GEN/004"): join those too.
  return poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ').replace(/\/ /g, '/');
}

function sectionHeadings(document: LeafletDocument): string[] {
  return document.sections.map((section) => section.heading);
}

const allTitles = [...new Set(parts.map((part) => part.title))];

describe('leaflet PDFs for every case in leaflets/cases', () => {
  for (const file of caseFiles) {
    for (const largePrint of [false, true]) {
      it(`${file}, ${largePrint ? 'large print' : 'standard print'}: both documents carry the patient on every page and only the parts that apply`, async () => {
        const json = withLargePrint(readCase(file), largePrint);
        const pair = buildLeaflets(caseToLeafletInput(json), parts);
        for (const document of [pair.before, pair.after]) {
          expect(document.largePrint).toBe(largePrint);
          const pdf = writePdf(await renderLeafletPdf(document));
          const pages = pageCount(pdf);
          expect(pages).toBeGreaterThan(0);
          for (let page = 1; page <= pages; page++) {
            const text = pageText(pdf, page).replace(/\s+/g, ' ');
            expect(text).toContain(document.patient.nhsNumber);
            expect(text).toContain(`${json.patient.firstName} ${json.patient.lastName}`);
            expect(text).toContain(document.patient.dateOfBirth);
            expect(text).toContain(`Page ${page} of ${pages}`);
          }
          const text = flatText(pdf);
          expect(text).toContain(document.title);
          for (const heading of sectionHeadings(document)) expect(text).toContain(heading);
          // Headings of parts the model left out must not be printed.
          for (const title of allTitles.filter((title) => !sectionHeadings(document).includes(title))) {
            expect(text, `"${title}" should not be in ${document.title}`).not.toContain(title);
          }
          for (const part of document.parts) expect(text).toContain(part.reference);
          expect(leafletFilename(document)).toBe(
            `${document.kind === 'BEFORE_PROCEDURE' ? 'before' : 'after'}-your-procedure${largePrint ? '-large-print' : ''}.pdf`,
          );
        }
      });
    }
  }
});

describe('personalised facts in the printed leaflet', () => {
  it("prints the patient's appointment, arrival, last dose and restart, and the driving paragraphs for their medicines only", async () => {
    // medial-branch-block: 48 h apixaban stop before 9am on the spring-forward Sunday (written by day); pregabalin (gabapentinoid).
    const pair = buildLeaflets(caseToLeafletInput(readCase('medial-branch-block.json')), parts);
    const before = flatText(writePdf(await renderLeafletPdf(pair.before)));
    expect(before).toContain('Sunday 28 March 2027, arrive 8:30am');
    expect(before).toContain('Take your last dose of apixaban on Thursday 25 March');
    expect(before).toContain('Dąbrowski');
    expect(before).toMatch(/pregabalin/);
    // No opioid, cannabis or antidepressant on this patient's list, no sedation, not diabetic.
    expect(before).not.toMatch(/cannabis/i);
    expect(before).not.toContain('Eating and drinking before your procedure');
    expect(before).not.toContain('Diabetes and steroid');
    const after = flatText(writePdf(await renderLeafletPdf(pair.after)));
    expect(after).toContain('Restarting your blood-thinning medicine');
    expect(after).not.toContain('Take your last dose');
  });

  it('gives no stop instruction for a blood thinner without a confirmed plan', async () => {
    // interlaminar-epidural: apixaban on record, no plan in the case file.
    const pair = buildLeaflets(caseToLeafletInput(readCase('interlaminar-epidural.json')), parts);
    const before = flatText(writePdf(await renderLeafletPdf(pair.before)));
    expect(before).toContain('Your blood-thinning medicine');
    expect(before).not.toContain('Take your last dose');
    expect(before).toContain('Eating and drinking before your procedure');
    const after = flatText(writePdf(await renderLeafletPdf(pair.after)));
    expect(after).not.toContain('Restarting your blood-thinning medicine');
  });

  it('prints names in any script a UK patient may use', async () => {
    const json = readCase('radiofrequency-denervation.json');
    json.patient = { ...json.patient, firstName: 'Zoë Łucja', lastName: 'Nguyễn-Dąbrowska' };
    const pair = buildLeaflets(caseToLeafletInput(json), parts);
    const text = flatText(writePdf(await renderLeafletPdf(pair.before)));
    expect(text).toContain('Zoë Łucja Nguyễn-Dąbrowska');
  });
});

describe('accessible, deterministic PDF', () => {
  const pair = buildLeaflets(caseToLeafletInput(readCase('facet-joint-injection.json')), parts);

  it('is tagged, titled and in British English, with headings as structure in reading order and page furniture kept out of it', async () => {
    const bytes = await renderLeafletPdf(pair.before);
    const pdf = writePdf(bytes);
    const info = poppler('pdfinfo', [pdf]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Before your procedure: Facet joint injection/);
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toMatch(/\/DisplayDocTitle true/);

    const structure = poppler('pdfinfo', ['-struct-text', pdf]);
    const headings = [...structure.matchAll(/^\s*(H[123]) \(block\)\n\s*"([^"]*)"/gm)].map(([, tag, text]) => `${tag} ${text}`);
    const expected = [
      'H1 Before your procedure',
      ...pair.before.sections.flatMap((section) => [
        `H2 ${section.heading}`,
        ...section.blocks.filter((block) => block.kind === 'heading').map((block) => `H3 ${block.text}`),
      ]),
      'H2 Document history',
    ];
    expect(headings).toEqual(expected);
    expect(structure).toMatch(/^\s*Table \(block\)/m);
    expect(structure).toMatch(/^\s*TH:\n\s*\/Scope \/Column\n\s*"Part"/m);
    // Running headers and footers are artifacts: in the text, not in the structure a screen reader follows.
    expect(structure).not.toContain('Page 1 of');
    expect(flatText(pdf)).toContain('Page 1 of');
  });

  it('gives the same bytes for the same input, and different bytes and file ID when anything changes', async () => {
    const first = await renderLeafletPdf(pair.before);
    const second = await renderLeafletPdf(buildLeaflets(caseToLeafletInput(readCase('facet-joint-injection.json')), parts).before);
    expect(second.equals(first)).toBe(true);

    const moved = readCase('facet-joint-injection.json');
    (moved.appointment as { start: string }).start = '2027-04-01T09:15:00+01:00';
    const other = await renderLeafletPdf(buildLeaflets(caseToLeafletInput(moved), parts).before);
    expect(other.equals(first)).toBe(false);
    const fileId = (bytes: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(bytes.toString('latin1'))![1];
    expect(fileId(other)).not.toBe(fileId(first));
    // The creation date is the newest part's "updated" date, not the time of rendering.
    const info = poppler('pdfinfo', ['-isodates', writePdf(first)]);
    const newest = pair.before.parts.map((part) => part.updated).sort().at(-1)!;
    expect(info).toMatch(new RegExp(`CreationDate:\\s+${newest}T00:00:00`));
  });

  it('renders a page image with the blue banner on page 1, the running header on page 2, and text on both', async () => {
    const pdf = writePdf(await renderLeafletPdf(pair.before));
    const prefix = path.join(tmp, 'page');
    execFileSync('pdftoppm', ['-r', '36', '-f', '1', '-l', '2', pdf, prefix]);
    const pages = fs.readdirSync(tmp).filter((file) => file.startsWith('page') && file.endsWith('.ppm')).sort();
    expect(pages).toHaveLength(2);
    const [first, second] = pages.map((file) => readPpm(path.join(tmp, file)));
    // NHS blue (#005eb8) across the top of page 1, white at the top of page 2.
    expect(first!.pixel(5, 5)).toEqual([0x00, 0x5e, 0xb8]);
    expect(first!.pixel(first!.width - 5, 5)).toEqual([0x00, 0x5e, 0xb8]);
    expect(second!.pixel(5, 5)).toEqual([255, 255, 255]);
    // Dark text pixels in the body of both pages (a blank page or a missing font would have none).
    for (const image of [first!, second!]) expect(image.darkFraction(0.2, 0.9)).toBeGreaterThan(0.003);
  });
});

type Ppm = { width: number; height: number; pixel(x: number, y: number): number[]; darkFraction(fromY: number, toY: number): number };

function readPpm(file: string): Ppm {
  const bytes = fs.readFileSync(file);
  // Header: "P6\n<width> <height>\n255\n", then RGB triplets.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 32).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  const pixel = (x: number, y: number) => [...bytes.subarray(offset + (y * width + x) * 3, offset + (y * width + x) * 3 + 3)];
  return {
    width,
    height,
    pixel,
    darkFraction(fromY, toY) {
      let dark = 0;
      let total = 0;
      for (let y = Math.floor(height * fromY); y < Math.floor(height * toY); y++) {
        for (let x = 0; x < width; x++, total++) {
          const [r, g, b] = pixel(x, y);
          if (r! + g! + b! < 3 * 100) dark++;
        }
      }
      return dark / total;
    },
  };
}

describe('which copy a leaflet is, on every page', () => {
  const everyPage = (pdf: string, check: (text: string, page: number) => void) => {
    const pages = pageCount(pdf);
    for (let page = 1; page <= pages; page++) check(pageText(pdf, page).replace(/\s+/g, ' '), page);
    return pages;
  };

  it('a leaflet made for a patient says on every page the day it was made and what it replaces, and is not marked as a draft', async () => {
    for (const largePrint of [false, true]) {
      const input = { ...(caseToLeafletInput(withLargePrint(readCase('caudal-epidural.json'), largePrint)) as object), generatedOn: '2027-03-22', replaces: 'the leaflet made on 3 June 2027' };
      const { before } = buildLeaflets(input, parts);
      const pdf = writePdf(await renderLeafletPdf(before));
      const pages = everyPage(pdf, (text, page) => {
        expect(text, `page ${page}`).toContain('This copy was made on 22 March 2027. It replaces the leaflet made on 3 June 2027.');
        expect(text).not.toContain('DRAFT');
      });
      expect(pages).toBeGreaterThan(1);
      expect(poppler('pdfinfo', [pdf])).not.toMatch(/DRAFT/);
    }
  });

  it('the preview command marks every page of both PDFs, and their title and subject, as not approved for patients, deterministically', async () => {
    const { renderCaseFile } = await import('~/leaflets/leaflet-preview.server');
    for (const file of ['caudal-epidural.json', 'radiofrequency-denervation.json']) {
      const out = path.join(tmp, `preview-${file}`);
      const written = await renderCaseFile(path.join(casesDir, file), out, parts);
      expect(written).toHaveLength(2);
      for (const pdf of written) {
        const pages = everyPage(pdf, (text, page) => expect(text, `${pdf} page ${page}`).toContain('DRAFT – NOT APPROVED FOR PATIENTS'));
        expect(pages).toBeGreaterThan(0);
        const info = poppler('pdfinfo', [pdf]);
        expect(info).toMatch(/Title:\s+DRAFT – NOT APPROVED FOR PATIENTS: /);
        expect(info).toMatch(/Subject:\s+Draft for review, not approved for patients/);
      }
      const again = await renderCaseFile(path.join(casesDir, file), `${out}-again`, parts);
      for (const [index, pdf] of written.entries()) expect(fs.readFileSync(again[index]!).equals(fs.readFileSync(pdf))).toBe(true);
    }
  });
});
