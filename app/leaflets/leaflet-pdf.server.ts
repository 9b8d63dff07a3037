// Lays out one leaflet document (decided by leaflet-model.ts) as an accessible, tagged PDF: a structure tree
// (Document > H1, H2 and H3 headings, paragraphs, lists, the history table) in reading order, title shown
// in the window bar, language en-GB, and everything decorative (banner, rules, running header and footer)
// marked as artifacts so a screen reader skips it. The patient's name, NHS number and date of birth are on
// every page, so a loose page can be matched to its patient.
//
// Every page's footer says the day this copy was made and what it replaces, if anything; a draft (the preview
// command's review copy) says on every page, in its title and subject, that it is not approved for patients.
//
// DejaVu Sans is embedded (openPdf) so any name prints. Deterministic: the creation date is the newest
// "updated" date of the parts used, and pdfkit derives the file ID from the document info, which includes a
// digest of the whole document, so the same input gives the same bytes.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { openPdf, type PdfDocument } from '~/utils/pdf.server';
import type { LeafletBlock, TextRun } from './leaflet-blocks';
import type { LeafletDocument } from './leaflet-model';

const NHS_BLUE = '#005eb8';
const TEXT = '#212b32';
const SECONDARY = '#4c6272';
const PALE = '#f0f4f5';
const RULE = '#aeb7bd';

type Metrics = {
  margin: number;
  headerBand: number;
  footer: number;
  body: number;
  small: number;
  h1: number;
  h2: number;
  h3: number;
  lineGap: number;
  indent: number;
};

// Standard print follows NHS patient-information practice (12pt body); large print follows RNIB's clear
// print guidance (at least 16pt, here 18pt, with headings larger still).
const STANDARD: Metrics = { margin: 56, headerBand: 40, footer: 36, body: 12, small: 9, h1: 26, h2: 17, h3: 13.5, lineGap: 3, indent: 16 };
const LARGE: Metrics = { margin: 44, headerBand: 52, footer: 44, body: 18, small: 14, h1: 34, h2: 24, h3: 20, lineGap: 4, indent: 22 };

type Doc = PdfDocument;
// pdfkit writes /Scope for table headers; its type definitions do not list the option yet.
const COLUMN_HEADER = { scope: 'Column' } as unknown as Parameters<Doc['struct']>[1];

function shortDate(value: string): string {
  return DateTime.fromISO(value, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLL yyyy');
}

/** File name for a download: the document, never the patient's name. */
export function leafletFilename(document: LeafletDocument): string {
  const base = document.kind === 'BEFORE_PROCEDURE' ? 'before-your-procedure' : 'after-your-procedure';
  return `${base}${document.largePrint ? '-large-print' : ''}.pdf`;
}

/** The fixed creation date: the newest "updated" date among the parts, at midnight UTC. */
export function leafletCreationDate(document: LeafletDocument): Date {
  const newest = document.parts.map((part) => part.updated).sort().at(-1) ?? '2000-01-01';
  return new Date(`${newest}T00:00:00Z`);
}

/** On every page of a document that is not for patients (the preview command), and in its title. */
export const DRAFT_MARK = 'DRAFT – NOT APPROVED FOR PATIENTS';

export type RenderOptions = {
  /** A review copy made outside the app (no approval checked): marked as not for patients on every page. */
  draft?: boolean;
};

const longDate = (value: string) => DateTime.fromISO(value, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLLL yyyy');

/** "This copy was made on 22 March 2027. It replaces the leaflet made on 3 June 2027." (null with neither). */
export function copyNote(document: Pick<LeafletDocument, 'generatedOn' | 'replaces'>): string | null {
  const made = document.generatedOn ? `This copy was made on ${longDate(document.generatedOn)}.` : null;
  const replaces = document.replaces ? `${made ? 'It' : 'This copy'} replaces ${document.replaces}.` : null;
  return [made, replaces].filter(Boolean).join(' ') || null;
}

export function renderLeafletPdf(document: LeafletDocument, options: RenderOptions = {}): Promise<Buffer> {
  const m = document.largePrint ? LARGE : STANDARD;
  const draft = options.draft === true;
  const title = `${draft ? `${DRAFT_MARK}: ` : ''}${document.title}: ${document.procedureName}`;
  const note = copyNote(document);
  const creationDate = leafletCreationDate(document);
  const digest = createHash('sha256').update(JSON.stringify(document)).digest('hex');
  const top = m.margin + m.headerBand;
  const { doc, done } = openPdf({
    size: 'A4',
    margins: { top, bottom: m.margin + m.footer, left: m.margin, right: m.margin },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: `${document.unit.name}, ${document.unit.site}`,
      Subject: `${draft ? 'Draft for review, not approved for patients: ' : ''}${document.largePrint ? 'Patient information leaflet (large print)' : 'Patient information leaflet'}`,
      Creator: 'PainDesk',
      Producer: 'PainDesk',
      CreationDate: creationDate,
      ModDate: creationDate,
      // Not shown to readers: makes pdfkit's file ID (a hash of the info) differ when the content does.
      ContentDigest: digest,
    } as PDFKit.DocumentInfo,
  });

  const left = m.margin;
  const width = doc.page.width - 2 * m.margin;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const lineHeight = (size: number) => {
    doc.font('body').fontSize(size);
    return doc.currentLineHeight(true) + m.lineGap;
  };
  /** Starts a new page unless `height` fits; never called inside marked content. */
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') => {
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };

  const root = doc.struct('Document');
  doc.addStructure(root);
  const add = (type: string, draw: () => void) => {
    root.add(doc.struct(type, {}, draw));
  };

  const writeRuns = (runs: TextRun[], x: number, y: number, textWidth: number, size: number) => {
    runs.forEach((run, index) => {
      const options = { width: textWidth, lineGap: m.lineGap, continued: index < runs.length - 1 };
      doc.font(run.strong ? 'bold' : 'body').fontSize(size).fillColor(TEXT);
      if (index === 0) doc.text(run.text, x, y, options);
      else doc.text(run.text, options);
    });
  };

  // Page 1: the unit's banner (decorative; the same words are in the structure below), title and patient.
  artifact(() => {
    doc.rect(0, 0, doc.page.width, m.margin + m.headerBand - 12).fill(NHS_BLUE);
  });
  add('P', () => {
    doc.font('bold').fontSize(m.small + 3).fillColor('#ffffff');
    doc.text(`${document.unit.name}, ${document.unit.site}`, left, m.margin / 2, { width, lineGap: m.lineGap });
  });
  doc.y = top;
  add('H1', () => {
    doc.font('bold').fontSize(m.h1).fillColor(TEXT).text(document.title, left, top, { width });
  });
  add('P', () => {
    doc.font('body').fontSize(m.h2).fillColor(TEXT).text(document.procedureName, left, doc.y + 2, { width });
  });
  doc.moveDown(0.6);

  const patientLines: [string, string][] = [
    ['Name', document.patient.name],
    ['NHS number', document.patient.nhsNumber],
    ['Date of birth', document.patient.dateOfBirth],
  ];
  const boxPadding = m.body * 0.75;
  const boxTop = doc.y;
  const boxHeight = lineHeight(m.body) * (patientLines.length + 1) + 2 * boxPadding;
  artifact(() => {
    doc.rect(left, boxTop, width, boxHeight).fill(PALE);
    doc.rect(left, boxTop, 6, boxHeight).fill(NHS_BLUE);
  });
  doc.y = boxTop + boxPadding;
  add('P', () => {
    doc.font('bold').fontSize(m.body).fillColor(TEXT).text('This leaflet is for:', left + boxPadding + 6, doc.y, { width: width - 2 * boxPadding - 6, lineGap: m.lineGap });
  });
  for (const [label, value] of patientLines) {
    add('P', () => {
      writeRuns(
        [
          { text: `${label}: `, strong: true },
          { text: value, strong: false },
        ],
        left + boxPadding + 6,
        doc.y,
        width - 2 * boxPadding - 6,
        m.body,
      );
    });
  }
  doc.y = boxTop + boxHeight + m.body;

  const heading = (level: 2 | 3, text: string) => {
    const size = level === 2 ? m.h2 : m.h3;
    // Keep a heading with at least two lines of what follows it.
    doc.font('bold').fontSize(size);
    ensureSpace(doc.heightOfString(text, { width }) + 2 * lineHeight(m.body) + size * 0.6);
    doc.y += level === 2 ? size * 0.6 : size * 0.3;
    const y = doc.y;
    add(`H${level}`, () => {
      doc.font('bold').fontSize(size).fillColor(level === 2 ? NHS_BLUE : TEXT).text(text, left, y, { width, lineGap: m.lineGap });
    });
    doc.y += size * 0.25;
  };

  const paragraph = (runs: TextRun[]) => {
    ensureSpace(lineHeight(m.body) * 2);
    const y = doc.y;
    add('P', () => writeRuns(runs, left, y, width, m.body));
    doc.y += m.body * 0.6;
  };

  const list = (items: TextRun[][]) => {
    const listStruct = doc.struct('L');
    root.add(listStruct);
    for (const runs of items) {
      // An item is kept on one page (a reference or a dose split over a page break is easy to misread),
      // unless it is longer than a page.
      doc.font('body').fontSize(m.body);
      const itemHeight = doc.heightOfString(runs.map((run) => run.text).join(''), { width: width - m.indent, lineGap: m.lineGap });
      ensureSpace(Math.min(itemHeight + m.body * 0.3, bottom() - top));
      const y = doc.y;
      const item = doc.struct('LI');
      listStruct.add(item);
      item.add(
        doc.struct('Lbl', {}, () => {
          doc.font('bold').fontSize(m.body).fillColor(NHS_BLUE).text('•', left + 2, y, { width: m.indent, lineBreak: false });
        }),
      );
      doc.y = y;
      item.add(doc.struct('LBody', {}, () => writeRuns(runs, left + m.indent, y, width - m.indent, m.body)));
      item.end();
      doc.y += m.body * 0.3;
    }
    listStruct.end();
    doc.y += m.body * 0.4;
  };

  const block = (value: LeafletBlock) => {
    if (value.kind === 'heading') heading(3, value.text);
    else if (value.kind === 'paragraph') paragraph(value.runs);
    else list(value.itemRuns);
  };

  for (const section of document.sections) {
    heading(2, section.heading);
    section.blocks.forEach(block);
  }

  // Document history (the box seed 003 ends with), one row per part used, kept on one page.
  const historyColumns = [
    { label: 'Part', width: width - 92 - 56 - 2 * 82 },
    { label: 'Reference', width: 92 },
    { label: 'Version', width: 56 },
    { label: 'Updated', width: 82 },
    { label: 'Review', width: 82 },
  ];
  const historyRows = document.parts.map((part) => [part.title, part.reference, part.version, shortDate(part.updated), shortDate(part.review)]);
  const cellPadding = 4;
  const tableSize = m.body - 1.5;
  const rowHeight = (cells: string[], header: boolean) => {
    doc.font(header ? 'bold' : 'body').fontSize(tableSize);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: historyColumns[i]!.width - 2 * cellPadding }))) + 2 * cellPadding;
  };
  const historyItems = document.parts.map((part): TextRun[] => [
    { text: `${part.title}: `, strong: true },
    { text: `reference ${part.reference}, version ${part.version}, updated ${shortDate(part.updated)}, review ${shortDate(part.review)}`, strong: false },
  ]);
  const historyHeight =
    m.h2 * 2 +
    lineHeight(m.body) * 2 +
    m.body * 1.2 +
    (document.largePrint
      ? historyItems.reduce((sum, runs) => {
          doc.font('body').fontSize(m.body);
          return sum + doc.heightOfString(runs.map((run) => run.text).join(''), { width: width - m.indent, lineGap: m.lineGap }) + m.body * 0.3;
        }, 0)
      : rowHeight(historyColumns.map((c) => c.label), true) + historyRows.reduce((sum, cells) => sum + rowHeight(cells, false), 0));
  if (historyHeight < bottom() - top) ensureSpace(historyHeight);
  heading(2, 'Document history');
  paragraph([
    { text: 'Department: ', strong: true },
    { text: document.unit.name, strong: false },
  ]);
  paragraph([
    { text: 'Contact: ', strong: true },
    { text: document.unit.phone, strong: false },
  ]);
  if (draft) paragraph([{ text: `${DRAFT_MARK}. This is a copy for review: do not give it to a patient.`, strong: true }]);
  if (note) paragraph([{ text: note, strong: false }]);
  // Five columns cannot hold 18pt text on A4: large print lists each part instead.
  if (document.largePrint) list(historyItems);
  else historyTable();

  function historyTable() {
    const table = doc.struct('Table');
    root.add(table);
    const row = (cells: string[], header: boolean) => {
      const height = rowHeight(cells, header);
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (!header) row(historyColumns.map((c) => c.label), true);
      }
      const y = doc.y;
      artifact(() => {
        if (header) doc.rect(left, y, width, height).fill(PALE);
        doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.75).strokeColor(RULE).stroke();
      });
      const tr = doc.struct('TR');
      table.add(tr);
      let x = left;
      cells.forEach((text, i) => {
        const cellX = x;
        const cellWidth = historyColumns[i]!.width - 2 * cellPadding;
        tr.add(
          doc.struct(header ? 'TH' : 'TD', header ? COLUMN_HEADER : {}, () => {
            doc.font(header ? 'bold' : 'body').fontSize(tableSize).fillColor(TEXT).text(text, cellX + cellPadding, y + cellPadding, { width: cellWidth });
          }),
        );
        x += historyColumns[i]!.width;
      });
      tr.end();
      doc.x = left;
      doc.y = y + height;
    };
    row(historyColumns.map((c) => c.label), true);
    historyRows.forEach((cells) => row(cells, false));
    table.end();
  }

  root.end();

  // Running header (pages after the first: the first has the patient box) and footer on every page.
  const pages = doc.bufferedPageRange();
  const details = `NHS number ${document.patient.nhsNumber}  ·  Date of birth ${document.patient.dateOfBirth}`;
  // Large print cannot fit all three on one line: the name goes above.
  const identity = document.largePrint ? `${document.patient.name}\n${details}` : `${document.patient.name}  ·  ${details}`;
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const margins = { ...doc.page.margins };
    // Writing inside the margins would otherwise start a new page.
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    if (i > 0) {
      artifact(() => {
        doc.font('body').fontSize(m.small).fillColor(SECONDARY).text(identity, left, m.margin, { width, lineBreak: true });
        const y = m.margin + m.headerBand - 10;
        doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.75).strokeColor(RULE).stroke();
      }, 'Pagination');
    }
    if (draft) {
      // A band across the top of every page, over the banner on the first: a loose page still says it.
      artifact(() => {
        const band = m.small + 6;
        doc.rect(0, 0, doc.page.width, band).fill('#ffeb3b');
        doc.font('bold').fontSize(m.small).fillColor(TEXT).text(DRAFT_MARK, left, 3, { width, align: 'center', lineBreak: false });
      }, 'Pagination');
    }
    artifact(() => {
      const y = doc.page.height - m.margin - m.small * 1.4;
      doc.moveTo(left, y - 6).lineTo(left + width, y - 6).lineWidth(0.75).strokeColor(RULE).stroke();
      doc.font('body').fontSize(m.small).fillColor(SECONDARY);
      doc.text(document.title, left, y, { width: width / 2, lineBreak: false });
      doc.text(`Page ${i + 1} of ${pages.count}`, left + width / 2, y, { width: width / 2, align: 'right', lineBreak: false });
      // Which copy this is, on every page: a patient holding two can tell the newer one.
      const footnote = [draft ? `${DRAFT_MARK}.` : null, note].filter(Boolean).join(' ');
      if (footnote) {
        doc.font(draft ? 'bold' : 'body').fontSize(m.small).fillColor(draft ? TEXT : SECONDARY);
        doc.text(footnote, left, y + m.small * 1.35, { width, lineGap: 0 });
      }
    }, 'Pagination');
    doc.page.margins.top = margins.top;
    doc.page.margins.bottom = margins.bottom;
  }
  doc.end();
  return done;
}
