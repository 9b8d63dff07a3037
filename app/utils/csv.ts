// CSV for spreadsheets (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break in
// double quotes, quotes doubled), safe to open in Excel. Pure.

/**
 * One CSV field. A value a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage
 * return) is prefixed with an apostrophe, so a name typed as "=HYPERLINK(...)" stays text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
