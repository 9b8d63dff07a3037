// Joins PDFs into one file for printing (a letter and the leaflets it encloses), so a clerk prints one
// document and cannot post a letter without its leaflets. Each part after the first starts on a fresh
// sheet when printed double-sided: a part with an odd number of pages is followed by a blank page.
// The joined file is for paper: pdf-lib does not carry the parts' structure trees across (the tagged
// leaflets themselves are what is emailed and kept).
import { PDFDocument } from 'pdf-lib';

export async function mergePdfsForPrinting(parts: Buffer[], info: { title: string; creationDate: Date }): Promise<Buffer> {
  // updateMetadata off: pdf-lib would otherwise stamp the current time, and the same parts must give the same bytes.
  const merged = await PDFDocument.create({ updateMetadata: false });
  merged.setTitle(info.title);
  merged.setLanguage('en-GB');
  merged.setCreator('PainDesk');
  merged.setProducer('PainDesk');
  merged.setCreationDate(info.creationDate);
  merged.setModificationDate(info.creationDate);
  for (const [index, bytes] of parts.entries()) {
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = await merged.copyPages(source, source.getPageIndices());
    for (const page of pages) merged.addPage(page);
    if (index < parts.length - 1 && pages.length % 2 === 1) {
      const last = pages[pages.length - 1]!;
      merged.addPage([last.getWidth(), last.getHeight()]);
    }
  }
  return Buffer.from(await merged.save({ useObjectStreams: false }));
}
