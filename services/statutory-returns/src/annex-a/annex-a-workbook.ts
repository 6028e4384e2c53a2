import ExcelJS from 'exceljs';
import type { AnnexACell, AnnexAList } from './domain/annex-a-lists';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_WIDTH = 10;
const MAX_WIDTH = 40;
/** Ofsted's headings run to a hundred characters; past this they wrap rather than widen the column. */
const HEADING_WIDTH = 24;
const LINE_HEIGHT = 15;

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
  const longestCell = Math.max(0, ...list.rows.map((row) => textLength(row[column])));
  const heading = Math.min(list.columns[column].length, HEADING_WIDTH);
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, heading, longestCell) + 2);
};

const addSheet = (workbook: ExcelJS.Workbook, list: AnnexAList): void => {
  const sheet = workbook.addWorksheet(list.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = list.columns.map((_, column) => widthOf(list, column));
  sheet.columns = list.columns.map((heading, column) => ({ header: heading, width: widths[column] }));

  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  // Excel does not grow a row to fit wrapped text in a file it did not lay out itself.
  const lines = Math.max(...list.columns.map((heading, column) => Math.ceil(heading.length / (widths[column] - 2))));
  header.height = Math.max(1, lines) * LINE_HEIGHT;

  for (const row of list.rows) {
    const added = sheet.addRow(row.map(cellValue));
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
  }
  if (list.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: list.columns.length } };
};

/**
 * The Annex A workbook: one sheet per list, in the order given. The document's created and modified
 * dates are `generatedAt`, never the clock, so the same records give the same workbook. (The zip
 * inside an .xlsx still stamps each part with the time it was written; what Excel shows does not change.)
 */
export const writeAnnexAWorkbook = async (lists: AnnexAList[], generatedAt: Date): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Children's social care statutory returns";
  workbook.lastModifiedBy = workbook.creator;
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  for (const list of lists) addSheet(workbook, list);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
