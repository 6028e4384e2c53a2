import ExcelJS from 'exceljs';
import { AS_OF, aChildRecord, aReferral } from '../../test/annex-a-builders';
import { annexALists } from './domain/annex-a-lists';
import { writeAnnexAWorkbook } from './annex-a-workbook';

const GENERATED_AT = new Date('2025-11-14T08:00:00Z');

const readBack = async (buffer: Buffer): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
};

const lists = () => annexALists([aChildRecord({ referrals: [aReferral({ source: '3E' })] })], AS_OF);

describe('writeAnnexAWorkbook', () => {
  it('writes one sheet per list, named as the list, with its headings in the first row', async () => {
    const workbook = await readBack(await writeAnnexAWorkbook(lists(), GENERATED_AT));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(lists().map((list) => list.sheetName));
    for (const list of lists()) {
      const header = workbook.getWorksheet(list.sheetName)!.getRow(1);
      expect(list.columns.map((_, column) => header.getCell(column + 1).value)).toEqual(list.columns);
      expect(header.getCell(1).font?.bold).toBe(true);
    }
  });

  it('freezes the heading row and filters on it', async () => {
    const sheet = (await readBack(await writeAnnexAWorkbook(lists(), GENERATED_AT))).getWorksheet('List 3 - Referrals')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeDefined();
    expect(sheet.columns.every((column) => (column.width ?? 0) >= 10 && (column.width ?? 0) <= 42)).toBe(true);
  });

  it("writes a row's cells: text as text, numbers as numbers, dates as real dates shown dd/mm/yyyy, gaps empty", async () => {
    const sheet = (await readBack(await writeAnnexAWorkbook(lists(), GENERATED_AT))).getWorksheet('List 1 - Contacts')!;
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('3F2A9C1E7B4D4E8A9C0F');
    expect(row.getCell(2).value).toBe('b) Female');
    expect(row.getCell(4).value).toEqual(new Date('2015-03-14T00:00:00Z'));
    expect(row.getCell(4).numFmt).toBe('dd/mm/yyyy');
    expect(row.getCell(5).value).toBe(10);
    expect(row.getCell(6).value).toEqual(new Date('2025-06-02T00:00:00Z'));
    expect(row.getCell(7).value).toBe('k) 3E: Health services');

    const referrals = (await readBack(await writeAnnexAWorkbook(lists(), GENERATED_AT))).getWorksheet('List 3 - Referrals')!;
    expect(referrals.getRow(2).getCell(10).value).toBeNull();
  });

  it('dates the document from its argument, not the clock, so the same lists give the same workbook', async () => {
    const first = await readBack(await writeAnnexAWorkbook(lists(), GENERATED_AT));
    const second = await readBack(await writeAnnexAWorkbook(lists(), GENERATED_AT));
    expect([first.created, first.modified]).toEqual([GENERATED_AT, GENERATED_AT]);
    const cells = (workbook: ExcelJS.Workbook) =>
      workbook.worksheets.map((sheet) => sheet.getSheetValues().map((row) => (Array.isArray(row) ? [...row] : row)));
    expect(cells(second)).toEqual(cells(first));
  });

  it('writes a list with no rows as its headings alone', async () => {
    const empty = annexALists([], AS_OF);
    const sheet = (await readBack(await writeAnnexAWorkbook(empty, GENERATED_AT))).getWorksheet('List 8 - Children in care')!;
    expect(sheet.rowCount).toBe(1);
  });
});
