// One way to start a PDF for every document we print or send (leaflets, letters, day lists): pdfkit collecting
// into a Buffer, with DejaVu Sans registered as "body" and "bold". The standard PDF fonts cover Latin-1 only
// and cannot print names such as Dąbrowska or Nguyễn. The fonts are parsed once per process and shared (pdfkit
// accepts a parsed fontkit font; parsing was most of a leaflet's render time); each document embeds its own
// subset, so output stays deterministic.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(buffer: Buffer): object };

export type PdfDocument = InstanceType<typeof PDFDocument>;
type FontSource = Parameters<PdfDocument['registerFont']>[1];

let fonts: { body: FontSource; bold: FontSource } | undefined;

function loadFonts() {
  const load = (file: string) => fontkit.create(fs.readFileSync(require.resolve(file))) as FontSource;
  fonts ??= { body: load('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), bold: load('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') };
  return fonts;
}

/** A new document with the fonts registered, and the promise of its bytes once `doc.end()` is called. */
export function openPdf(options: PDFKit.PDFDocumentOptions): { doc: PdfDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { body, bold } = loadFonts();
  doc.registerFont('body', body);
  doc.registerFont('bold', bold);
  return { doc, done };
}
