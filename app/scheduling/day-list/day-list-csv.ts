// The day list as CSV for spreadsheets: RFC 4180 (comma separated, CRLF line ends, fields with a comma,
// quote or line break in double quotes, quotes doubled), UTF-8 with a byte-order mark so Excel reads
// names such as Nguyễn correctly, local (Europe/London) times as printed. Pure.
import { csvLine } from '~/utils/csv';
import type { DayList } from './day-list';

const BOM = '\uFEFF';

export const CSV_HEADER = [
  'Date',
  'Session',
  'Site',
  'Position',
  'Arrival',
  'Planned start',
  'Patient',
  'NHS number',
  'Age',
  'Procedure',
  'Side and levels',
  'Sedation',
  'Escort',
  'Status',
  'Flags',
];

export function dayListCsv(dayList: DayList): string {
  const lines = [csvLine(CSV_HEADER)];
  for (const row of dayList.rows) {
    lines.push(
      csvLine([
        dayList.date,
        dayList.session,
        dayList.site,
        String(row.position),
        row.arrival,
        row.start,
        row.patient,
        row.nhsNumber,
        row.age,
        row.procedure,
        row.sideAndLevels,
        row.sedation,
        row.escort,
        row.status,
        row.printedFlags.join('; '),
      ]),
    );
  }
  return BOM + lines.join('');
}
