// CSV (RFC 4180) for the exports. Text cells that a spreadsheet would run as a formula (those
// starting with = + - @ TAB or CR) get a leading apostrophe, so a rubric label or a name
// such as `=HYPERLINK(...)` stays text when the file is opened; numbers are written as numbers.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The whole file: a byte-order mark (so spreadsheets read it as UTF-8), the header, then one
 * CRLF-terminated line per row.
 */
export function csvDocument(header: readonly string[], rows: readonly CsvValue[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')}`;
}

/** Response headers of a CSV download named `filename`. */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'Cache-Control': 'no-store',
  };
}
