// Lays out a patient letter (letter.ts decides every word) as an A4 PDF for a window envelope: sender top right,
// recipient on the left, then date, reference, title and body; 12pt, or 16pt for a patient who needs large print.
// DejaVu Sans is embedded so every name prints (as on the day list). Deterministic: the creation date (from
// which pdfkit also derives the file ID) is the letter's date, so the same letter gives the same bytes.
import { openPdf } from '~/utils/pdf.server';
import type { Letter } from './letter';

const MARGIN = 56;

export function renderLetterPdf(letter: Letter, creationDate: Date): Promise<Buffer> {
  const size = letter.largePrint ? 16 : 12;
  const { doc, done } = openPdf({
    size: 'A4',
    margin: MARGIN,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: letter.title, Author: 'Chronic Pain Unit', Subject: 'Letter to a patient', CreationDate: creationDate },
  });
  const width = doc.page.width - 2 * MARGIN;

  // Sender, right-aligned at the top.
  doc.font('bold').fontSize(size).text(letter.sender[0] ?? '', MARGIN, MARGIN, { width, align: 'right' });
  doc.font('body').fontSize(size - 2);
  for (const line of letter.sender.slice(1)) doc.text(line, { width, align: 'right' });

  // Recipient, where a window envelope shows it.
  doc.font('body').fontSize(size).text('', MARGIN, Math.max(doc.y + size, 150));
  for (const line of letter.recipient) doc.text(line, { width: width / 2 });

  doc.moveDown(2);
  doc.text(letter.date, { width });
  doc.text(letter.reference, { width });
  doc.moveDown();
  doc.font('bold').fontSize(size + 4).text(letter.title, { width });
  doc.moveDown(0.5);
  doc.font('body').fontSize(size).text(letter.salutation, { width });
  for (const paragraph of letter.paragraphs) {
    doc.moveDown(0.6);
    doc.text(paragraph, { width, lineGap: 2 });
  }
  doc.moveDown();
  for (const line of letter.closing) doc.text(line, { width });
  if (letter.enclosures.length > 0) {
    doc.moveDown();
    doc.font('bold').text('Enclosed', { width });
    doc.font('body');
    for (const enclosure of letter.enclosures) doc.text(`•  ${enclosure}`, { width, indent: 8 });
  }
  doc.end();
  return done;
}
