// The printable day list for the suite: A4 landscape, a list header (site, date, session, operator,
// modality), the cases in order with the table header repeated on each page, page numbers. It only lays
// out what the pure model (day-list.ts) decided. DejaVu Sans is embedded so every name prints (Dąbrowska,
// Nguyễn); pdfkit's built-in fonts cover Latin-1 only. Deterministic: the creation date (which pdfkit
// also derives the file ID from) is the list's start, so the same list gives the same bytes.
import { openPdf } from '~/utils/pdf.server';
import type { DayList } from './day-list';

const MARGIN = 32;
const FOOTER_HEIGHT = 24;
const CELL_PADDING = 3;
const BODY_SIZE = 8.5;

type Column = { label: string; width: number; value: (row: DayList['rows'][number]) => string };

const COLUMNS: Column[] = [
  { label: '#', width: 18, value: (r) => String(r.position) },
  { label: 'Arrive', width: 44, value: (r) => r.arrival },
  { label: 'Start', width: 44, value: (r) => r.start },
  { label: 'Patient', width: 118, value: (r) => r.patient },
  { label: 'NHS number', width: 68, value: (r) => r.nhsNumber },
  { label: 'Age', width: 26, value: (r) => r.age },
  { label: 'Procedure', width: 108, value: (r) => r.procedure },
  { label: 'Side / levels', width: 86, value: (r) => r.sideAndLevels },
  { label: 'Sedation', width: 52, value: (r) => r.sedation },
  { label: 'Escort', width: 52, value: (r) => r.escort },
  { label: 'Flags', width: 0, value: (r) => [r.status, ...r.printedFlags].filter(Boolean).join('\n') },
];

export function renderDayListPdf(dayList: DayList, creationDate: Date): Promise<Buffer> {
  const { doc, done } = openPdf({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: dayList.title, Author: 'PainDesk', Subject: 'Procedure day list', CreationDate: creationDate },
  });

  const left = MARGIN;
  const tableWidth = doc.page.width - 2 * MARGIN;
  const fixed = COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const widths = COLUMNS.map((c) => (c.width === 0 ? tableWidth - fixed : c.width));
  const bottom = () => doc.page.height - MARGIN - FOOTER_HEIGHT;

  const cellHeight = (text: string, width: number) => doc.heightOfString(text || ' ', { width: width - 2 * CELL_PADDING });

  const drawRow = (cells: string[], font: 'body' | 'bold', shade: string | null) => {
    doc.font(font).fontSize(BODY_SIZE);
    const height = Math.max(...cells.map((text, i) => cellHeight(text, widths[i]))) + 2 * CELL_PADDING;
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawPageHeading();
    }
    const top = doc.y;
    if (shade) doc.rect(left, top, tableWidth, height).fill(shade);
    doc.fillColor('#000000').font(font).fontSize(BODY_SIZE);
    let x = left;
    cells.forEach((text, i) => {
      doc.text(text, x + CELL_PADDING, top + CELL_PADDING, { width: widths[i] - 2 * CELL_PADDING });
      x += widths[i];
    });
    doc.moveTo(left, top + height).lineTo(left + tableWidth, top + height).lineWidth(0.5).strokeColor('#768692').stroke();
    doc.x = left;
    doc.y = top + height;
  };

  const drawTableHeader = () => drawRow(COLUMNS.map((c) => c.label), 'bold', '#e8edee');

  // Later pages repeat a short heading and the table header, so a loose page still says which list it is.
  const drawPageHeading = () => {
    doc.font('bold').fontSize(10).fillColor('#000000').text(`${dayList.title} (continued)`, left, MARGIN, { width: tableWidth });
    doc.moveDown(0.5);
    drawTableHeader();
  };

  doc.font('bold').fontSize(16).text(dayList.title, left, MARGIN, { width: tableWidth });
  doc.moveDown(0.3);
  const details: [string, string][] = [
    ['Site', dayList.site],
    ['Date', dayList.date],
    ['Session', dayList.session],
    ['Operator', dayList.operator],
    ['Modality', dayList.modality],
    ['Booked', dayList.booked],
    ...(dayList.notReady ? ([['Not ready', dayList.notReady]] as [string, string][]) : []),
  ];
  for (const [label, value] of details) {
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('body').text(value);
  }
  if (dayList.cancelled) {
    doc.moveDown(0.3).font('bold').fontSize(11).fillColor('#d5281b').text(dayList.cancelled).fillColor('#000000');
  }
  doc.moveDown(0.6);
  drawTableHeader();
  if (dayList.rows.length === 0) {
    doc.font('body').fontSize(10).text('No cases are booked on this list.', left, doc.y + 6);
  }
  for (const row of dayList.rows) drawRow(COLUMNS.map((c) => c.value(row)), 'body', null);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Writing inside the bottom margin would otherwise start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 12;
    doc.font('body').fontSize(8).fillColor('#4c6272');
    doc.text('Contains patient information: keep it secure and shred it after the list.', left, y, { width: tableWidth, align: 'left' });
    doc.text(`Page ${i + 1} of ${pages.count}`, left, y, { width: tableWidth, align: 'right' });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
