import { csvOf, safeCell } from './csv';

describe('the dashboard’s CSV', () => {
  it('prefixes a cell a spreadsheet would run as a formula, and leaves numbers and plain text alone', () => {
    expect(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', 'Schools', '100001'].map(safeCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2",
      "'@cmd",
      "'\tx",
      'Schools',
      '100001',
    ]);
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBe('');
  });

  it('writes a header line and quotes cells with commas or quotes', async () => {
    expect(
      await csvOf([
        ['Group', 'Count'],
        ['a, "b"', 3],
        ['=1+1', null],
      ]),
    ).toBe('Group,Count\r\n"a, ""b""",3\r\n\'=1+1,\r\n');
  });
});
