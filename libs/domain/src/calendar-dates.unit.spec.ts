import { addDays, ageInYears, isCalendarDate, londonDateOf } from './calendar-dates';

describe('calendar dates', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
  });

  it('counts age in whole years, a leap-day birthday turning on 1 March', () => {
    expect(ageInYears('2012-05-10', '2025-05-09')).toBe(12);
    expect(ageInYears('2012-05-10', '2025-05-10')).toBe(13);
    expect(ageInYears('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageInYears('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('dates an instant by the day in England, across the clock change', () => {
    expect(londonDateOf(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01'); // BST
    expect(londonDateOf(new Date('2025-01-31T23:30:00Z'))).toBe('2025-01-31'); // GMT
  });

  it('dates every minute as Intl does, around midnight and both clock changes, asked in order or not', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const minutesFrom = (start: string, hours: number) =>
      Array.from({ length: hours * 60 }, (_, minute) => new Date(Date.parse(start) + minute * 60_000));
    const instants = [
      ...minutesFrom('2025-03-29T22:00:00Z', 6), // GMT to BST at 01:00 UTC on 30 March
      ...minutesFrom('2025-10-25T21:00:00Z', 6), // BST to GMT at 01:00 UTC on 26 October
      ...minutesFrom('2025-12-31T22:00:00Z', 4),
      // Local mean time, 1 minute 15 seconds behind: the first minutes of a UTC hour fall on the day before.
      ...minutesFrom('1800-01-01T00:30:00Z', 0.5),
      new Date('1800-01-01T00:00:30Z'),
    ];
    for (const instant of [...instants, ...[...instants].reverse()]) expect(londonDateOf(instant)).toBe(intl.format(instant));
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});
