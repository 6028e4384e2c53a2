import { writeToString } from '@fast-csv/format';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula: a
 * school's URN or a group's name is data, so such a cell is written with a leading apostrophe (OWASP's
 * advice on CSV injection). Numbers are left alone: a negative count is not a formula.
 */
export const safeCell = (value: string | number | null): string | number =>
  value === null ? '' : typeof value === 'number' ? value : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** Rows (the header first) as RFC 4180 CSV: quoted where needed, CRLF line ends. */
export const csvOf = (rows: (string | number | null)[][]): Promise<string> =>
  writeToString(
    rows.map((row) => row.map(safeCell)),
    { rowDelimiter: '\r\n', includeEndRowDelimiter: true },
  );
