import { addWorkingDays, bankHolidaysOf, easterSunday, isWorkingDay, workingDaysBetween } from './working-days';

const sorted = (year: number) => [...bankHolidaysOf(year)].sort();

describe('England and Wales bank holidays, computed', () => {
  it.each([
    [2019, '2019-04-21'],
    [2022, '2022-04-17'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, date) => expect(easterSunday(year)).toBe(date));

  // The published lists (gov.uk) for a plain year and for each year with a change.
  it.each([
    [2019, ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26']],
    [2011, ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27']],
    [2012, ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']],
    [2020, ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']],
    [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02',
        '2022-06-03',
        '2022-08-29',
        '2022-09-19',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
    [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  ])('%i', (year, holidays) => expect(sorted(year)).toEqual(holidays));
});

describe('working days', () => {
  it('counts the start as day 0: a Friday referral has its first working day on Monday', () => {
    expect(addWorkingDays('2025-01-03', 1)).toBe('2025-01-06');
  });

  it('skips Easter', () => {
    expect(addWorkingDays('2025-04-17', 1)).toBe('2025-04-22'); // Maundy Thursday -> Tuesday after Easter Monday
  });

  it('skips the 2022 and 2023 one-off holidays', () => {
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06'); // Jubilee Thursday and Friday
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20'); // the State Funeral on Monday 19th
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09'); // the Coronation on Monday 8th
  });

  it('crosses a year end with substitute days', () => {
    expect(addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    expect(addWorkingDays('2021-12-31', 1)).toBe('2022-01-04'); // New Year's Day on Saturday -> Monday 3rd
  });

  it('puts a 45 working day assessment due date where it belongs', () => {
    // 2025-01-03 (Fri) + 45 working days: 9 weeks = 45 weekdays, no holidays in between.
    expect(addWorkingDays('2025-01-03', 45)).toBe('2025-03-07');
    // Across Easter and the early May bank holiday 2025: three holidays push it three days on.
    expect(addWorkingDays('2025-03-14', 45)).toBe('2025-05-21');
  });

  it('counts working days between two dates, the inverse of adding them', () => {
    for (const [start, n] of [
      ['2025-01-03', 45],
      ['2022-05-20', 15],
      ['2021-12-20', 10],
    ] as const) {
      expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
    expect(isWorkingDay('2025-12-25')).toBe(false);
    expect(isWorkingDay('2025-12-24')).toBe(true);
  });
});
