import { calendarDay } from '../display/calendar-day';

/** The DfE's label of a collection year (`2025-26`: 1 April 2025 to 31 March 2026). */
const LABEL = /^(\d{4})-(\d{2})$/;

const labelFrom = (startYear: number): string => `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

/** The collection year a day falls in: from 1 April, the year that starts then; before it, the one that started the April before. */
export const collectionYearOn = (day: string): string => {
  const [year, month] = day.split('-').map(Number);
  return labelFrom(month >= 4 ? year : year - 1);
};

/** The year the page offers first and the ones before it, newest first (the census is made for a closed year too). */
export const recentCollectionYears = (today: string, count = 5): string[] => {
  const current = Number(collectionYearOn(today).slice(0, 4));
  return Array.from({ length: count }, (_, back) => labelFrom(current - back));
};

/** The select's options: the recent years, and the one asked for if it is a year written the DfE's way but older. */
export const collectionYearItems = (today: string, chosen: string): { value: string; text: string }[] => {
  const years = recentCollectionYears(today);
  if (LABEL.test(chosen) && !years.includes(chosen)) years.push(chosen);
  return years.map((year) => {
    const start = Number(year.slice(0, 4));
    return { value: year, text: `${year} (${calendarDay(`${start}-04-01`)} to ${calendarDay(`${start + 1}-03-31`)})` };
  });
};

/** The year the page was asked for, as typed (the service says whether it is one), else the current collection year. */
export const collectionYearAsked = (year: unknown, today: string): string =>
  typeof year === 'string' && year.trim() ? year.trim() : collectionYearOn(today);
