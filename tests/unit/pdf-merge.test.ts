import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergePdfsForPrinting } from '~/utils/pdf-merge.server';
import { openPdf } from '~/utils/pdf.server';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-merge-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function pdfWithPages(label: string, pages: number): Promise<Buffer> {
  const { doc, done } = openPdf({ size: 'A4', info: { Title: label, CreationDate: new Date('2027-01-01T00:00:00Z') } });
  for (let i = 1; i <= pages; i++) {
    if (i > 1) doc.addPage();
    doc.font('body').text(`${label} page ${i} Dąbrowska`);
  }
  doc.end();
  return done;
}

function pagesText(bytes: Buffer): string[] {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }).trim(),
  );
}

describe('mergePdfsForPrinting', () => {
  it('keeps every page in order and starts each later part on a fresh sheet', async () => {
    const info = { title: 'Letter with leaflets', creationDate: new Date('2027-03-22T10:00:00Z') };
    const merged = await mergePdfsForPrinting([await pdfWithPages('Letter', 1), await pdfWithPages('Before', 3), await pdfWithPages('After', 2)], info);
    expect(pagesText(merged)).toEqual([
      'Letter page 1 Dąbrowska',
      '', // blank back of the letter
      'Before page 1 Dąbrowska',
      'Before page 2 Dąbrowska',
      'Before page 3 Dąbrowska',
      '', // blank back of the last "before" page
      'After page 1 Dąbrowska',
      'After page 2 Dąbrowska',
    ]);
    const file = path.join(tmp, 'merged.pdf');
    fs.writeFileSync(file, merged);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Title:\s+Letter with leaflets/);
  });

  it('gives the same bytes for the same parts', async () => {
    const parts = [await pdfWithPages('Letter', 2), await pdfWithPages('Before', 1)];
    const info = { title: 'Letter', creationDate: new Date('2027-03-22T10:00:00Z') };
    expect((await mergePdfsForPrinting(parts, info)).equals(await mergePdfsForPrinting(parts, info))).toBe(true);
  });
});
