import { addDays, londonDateOf, type CalendarDate } from './calendar-dates';
import { isWorkingDay } from './working-days';

/**
 * Time measured on the working-day clock: only the hours of England's working days count (each its
 * whole 24 hours, midnight to midnight in London), weekends and bank holidays not at all. It is the
 * day count of docs/domain.md made continuous: 24 working hours after an instant is the same time on the
 * next working day, and 24 working hours after a Saturday is the end of Monday, the Saturday being
 * day 0 and Monday the 1st working day.
 */

const HOUR_MS = 60 * 60 * 1000;

// Built once, as calendar-dates does: the London hour at UTC midnight says whether the day starts in BST.
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/** The instant a calendar day starts in England. Clocks change at 01:00 UTC, never at midnight, so one offset holds for it. */
export const londonStartOf = (date: CalendarDate): Date => {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const offsetHours = Number(LONDON_HOUR.format(utcMidnight));
  return new Date(utcMidnight - offsetHours * HOUR_MS);
};

/** Hours from `from` to `to` that fall on working days (0 when `to` is not after `from`). */
export const workingHoursBetween = (from: Date, to: Date): number => {
  let elapsed = 0;
  for (let day = londonDateOf(from); londonStartOf(day) < to; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const start = Math.max(from.getTime(), londonStartOf(day).getTime());
    const end = Math.min(to.getTime(), londonStartOf(addDays(day, 1)).getTime());
    elapsed += Math.max(0, end - start);
  }
  return elapsed / HOUR_MS;
};

/** The instant `hours` working hours after `from`. */
export const addWorkingHours = (from: Date, hours: number): Date => {
  let remaining = hours * HOUR_MS;
  for (let day = londonDateOf(from); ; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const start = Math.max(from.getTime(), londonStartOf(day).getTime());
    const available = londonStartOf(addDays(day, 1)).getTime() - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
};
