import type { CalendarDate } from './calendar-dates';

/**
 * Working days in England and Wales: weekdays that are not bank holidays. The holidays are computed
 * from their rules (Easter by the Gregorian computus, "first/last Monday", weekend substitutes), with
 * the one-off changes proclaimed since 2011 listed by name (docs/domain.md), so any year works without a
 * hand-typed table.
 */

interface Moved {
  /** The rule's date that was not a holiday that year. */
  instead: CalendarDate;
  /** The day that was. */
  on: CalendarDate;
}

const MOVED: Moved[] = [
  { instead: '2012-05-28', on: '2012-06-04' }, // spring bank holiday moved for the Diamond Jubilee
  { instead: '2020-05-04', on: '2020-05-08' }, // early May bank holiday moved for VE Day 75
  { instead: '2022-05-30', on: '2022-06-02' }, // spring bank holiday moved for the Platinum Jubilee
];

const ONE_OFF: CalendarDate[] = [
  '2011-04-29', // the wedding of Prince William and Catherine Middleton
  '2012-06-05', // the Queen's Diamond Jubilee
  '2022-06-03', // the Queen's Platinum Jubilee
  '2022-09-19', // the State Funeral of Queen Elizabeth II
  '2023-05-08', // the Coronation of King Charles III
];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number): CalendarDate => `${year}-${pad(month)}-${pad(day)}`;
const utc = (date: CalendarDate) => new Date(`${date}T00:00:00Z`);
const weekday = (date: CalendarDate) => utc(date).getUTCDay(); // 0 Sunday .. 6 Saturday
const shift = (date: CalendarDate, days: number): CalendarDate => {
  const moved = utc(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
};

/** Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" algorithm. */
export const easterSunday = (year: number): CalendarDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
};

const firstMonday = (year: number, month: number): CalendarDate => {
  const first = iso(year, month, 1);
  return shift(first, (8 - weekday(first)) % 7);
};

const lastMonday = (year: number, month: number): CalendarDate => {
  const last = shift(iso(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  return shift(last, -((weekday(last) + 6) % 7));
};

/** New Year's Day, moved to the next weekday when it falls at a weekend. */
const newYear = (year: number): CalendarDate => {
  const day = iso(year, 1, 1);
  return weekday(day) === 6 ? shift(day, 2) : weekday(day) === 0 ? shift(day, 1) : day;
};

/** Christmas Day and Boxing Day; either at a weekend moves to the next weekday the other has not taken. */
const christmas = (year: number): CalendarDate[] => {
  const christmasDay = iso(year, 12, 25);
  switch (weekday(christmasDay)) {
    case 5: // Friday: Boxing Day on Saturday moves to Monday 28th
      return [christmasDay, iso(year, 12, 28)];
    case 6: // Saturday: Christmas to Monday 27th, Boxing Day to Tuesday 28th
      return [iso(year, 12, 27), iso(year, 12, 28)];
    case 0: // Sunday: Boxing Day stays Monday 26th, Christmas to Tuesday 27th
      return [iso(year, 12, 26), iso(year, 12, 27)];
    default:
      return [christmasDay, iso(year, 12, 26)];
  }
};

const cache = new Map<number, Set<CalendarDate>>();

export const bankHolidaysOf = (year: number): Set<CalendarDate> => {
  const known = cache.get(year);
  if (known) return known;
  const easter = easterSunday(year);
  const byRule = [
    newYear(year),
    shift(easter, -2),
    shift(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas(year),
  ];
  const holidays = new Set(byRule.map((date) => MOVED.find((moved) => moved.instead === date)?.on ?? date));
  for (const date of ONE_OFF) if (date.startsWith(`${year}-`)) holidays.add(date);
  cache.set(year, holidays);
  return holidays;
};

export const isBankHoliday = (date: CalendarDate): boolean => bankHolidaysOf(Number(date.slice(0, 4))).has(date);

export const isWeekend = (date: CalendarDate): boolean => weekday(date) === 0 || weekday(date) === 6;

export const isWorkingDay = (date: CalendarDate): boolean => !isWeekend(date) && !isBankHoliday(date);

/**
 * The Nth working day after `start` (docs/domain.md: the start date is day 0; a referral on Friday
 * 2025-01-03 has its 1st working day on Monday 2025-01-06).
 */
export const addWorkingDays = (start: CalendarDate, workingDays: number): CalendarDate => {
  let date = start;
  for (let counted = 0; counted < workingDays;) {
    date = shift(date, 1);
    if (isWorkingDay(date)) counted += 1;
  }
  return date;
};

/** Working days from `start` (day 0) to `end`: how many working days after the start `end` falls. */
export const workingDaysBetween = (start: CalendarDate, end: CalendarDate): number => {
  let count = 0;
  for (let date = shift(start, 1); date <= end; date = shift(date, 1)) if (isWorkingDay(date)) count += 1;
  return count;
};
