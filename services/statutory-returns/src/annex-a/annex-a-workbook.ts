import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AnnexACell, AnnexAList } from './domain/annex-a-lists';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_WIDTH = 10;
const MAX_WIDTH = 40;
/** Ofsted's headings run to a hundred characters; past this they wrap rather than widen the column. */
const HEADING_WIDTH = 24;
const LINE_HEIGHT = 15;

/**
 * One style object for every cell of a kind. ExcelJS remembers the style id of a style object it has
 * seen and works it out afresh (rendering the style as XML) for each new one: a fresh object per cell
 * was a fifth of writing a large workbook. Without a number format ExcelJS derives the format from the
 * cell's type (a number's is 'General') and remembers the first cell's: numbers and text both come to
 * the default style today, and kept apart they stay right if that changes. Frozen, as the ids they stand for.
 */
const DATE_STYLE: Readonly<Partial<ExcelJS.Style>> = Object.freeze({ numFmt: 'dd/mm/yyyy' });
const NUMBER_STYLE: Readonly<Partial<ExcelJS.Style>> = Object.freeze({});
const TEXT_STYLE: Readonly<Partial<ExcelJS.Style>> = Object.freeze({});

/**
 * The builder's `YYYY-MM-DD` becomes a real date, so inspectors can sort and filter by it. Midnight
 * UTC, because Excel's day count has no time zone and ExcelJS counts from the UTC epoch.
 */
const cellValue = (cell: AnnexACell): ExcelJS.CellValue => {
  if (typeof cell !== 'string') return cell;
  const date = DATE.exec(cell);
  return date ? new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))) : cell;
};

const textLength = (cell: AnnexACell): number => (cell === null ? 0 : String(cell).length);

const widthOf = (list: AnnexAList, column: number): number => {
  // A loop, not Math.max(...rows): a large list would pass more arguments than a call may take.
  let longestCell = 0;
  for (const row of list.rows) longestCell = Math.max(longestCell, textLength(row[column]));
  const heading = Math.min(list.columns[column].length, HEADING_WIDTH);
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, heading, longestCell) + 2);
};

const addSheet = (workbook: ExcelJS.stream.xlsx.WorkbookWriter, list: AnnexAList): void => {
  const sheet = workbook.addWorksheet(list.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = list.columns.map((_, column) => widthOf(list, column));
  sheet.columns = list.columns.map((heading, column) => ({ header: heading, width: widths[column] }));

  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  // Excel does not grow a row to fit wrapped text in a file it did not lay out itself.
  const lines = Math.max(...list.columns.map((heading, column) => Math.ceil(heading.length / (widths[column] - 2))));
  header.height = Math.max(1, lines) * LINE_HEIGHT;
  if (list.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: list.columns.length } };
  header.commit();

  for (const row of list.rows) {
    const added = sheet.addRow(row.map(cellValue));
    added.eachCell((cell) => {
      cell.style = cell.value instanceof Date ? DATE_STYLE : typeof cell.value === 'number' ? NUMBER_STYLE : TEXT_STYLE;
    });
    // Written out at once: a large authority's lists are never all held as cells (ExcelJS's cells are heavy).
    added.commit();
  }
  sheet.commit();
};

/**
 * The Annex A workbook: one sheet per list, in the order given, streamed row by row into the file.
 * The document's created and modified dates are `generatedAt`, never the clock, so the same records
 * give the same workbook. (The zip inside an .xlsx still stamps each part with the time it was
 * written; what Excel shows does not change.)
 */
export const writeAnnexAWorkbook = async (lists: AnnexAList[], generatedAt: Date): Promise<Buffer> => {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Children's social care statutory returns";
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  for (const list of lists) addSheet(workbook, list);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
};
