import { isWorkingDay } from '@csc/domain';

/**
 * libs/domain's working-day arithmetic (addWorkingDays, workingDaysBetween), answered from a table
 * of days built with libs/domain's own isWorkingDay: the same answers (the unit tests compare them on
 * every generated assessment and conference), without walking day by day through Date objects,
 * which was a third of the generator's time.
 */
const DAY = 86_400_000;

let firstDay = 0;
let days: string[] = [];
let working = new Uint8Array(0);
/** Working days from the table's start up to and including each day. */
let workingUpTo = new Int32Array(0);
/** The table's working days, in order: the nth is workingList[n - 1]. */
let workingList = new Int32Array(0);

const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY;

const build = (fromYear: number, toYear: number) => {
  firstDay = Date.UTC(fromYear, 0, 1) / DAY;
  const length = Date.UTC(toYear + 1, 0, 1) / DAY - firstDay;
  days = new Array<string>(length);
  working = new Uint8Array(length);
  workingUpTo = new Int32Array(length);
  const list: number[] = [];
  let count = 0;
  for (let index = 0; index < length; index += 1) {
    const day = new Date((firstDay + index) * DAY).toISOString().slice(0, 10);
    days[index] = day;
    if (isWorkingDay(day)) {
      working[index] = 1;
      count += 1;
      list.push(index);
    }
    workingUpTo[index] = count;
  }
  workingList = Int32Array.from(list);
};

/** The table covers at least 25 years either side of any day asked about; it grows when a day falls outside. */
const indexOf = (day: string): number => {
  const index = dayNumber(day) - firstDay;
  if (index >= 0 && index < days.length - 3660) return index;
  const year = Number(day.slice(0, 4));
  const from = days.length === 0 ? year - 25 : Math.min(Number(days[0].slice(0, 4)), year - 25);
  const to = days.length === 0 ? year + 25 : Math.max(Number(days[days.length - 1].slice(0, 4)), year + 25);
  build(from, to);
  return dayNumber(day) - firstDay;
};

export const addDays = (day: string, count: number): string => {
  const index = indexOf(day) + count;
  return index >= 0 && index < days.length ? days[index] : new Date((firstDay + index) * DAY).toISOString().slice(0, 10);
};

/** The Nth working day after `start` (day 0), as libs/domain's addWorkingDays. */
export const addWorkingDays = (start: string, count: number): string => {
  if (count <= 0) return start;
  const index = indexOf(start);
  // indexOf keeps ten years of table after `start`: enough for any step a journey takes.
  return days[workingList[workingUpTo[index] + count - 1]];
};

/** Working days from `start` (day 0) to `end`, as libs/domain's workingDaysBetween. */
export const workingDaysBetween = (start: string, end: string): number => {
  if (end <= start) return 0;
  indexOf(start);
  const last = indexOf(end);
  // Asked again: looking `end` up may have grown the table under `start`.
  return workingUpTo[last] - workingUpTo[indexOf(start)];
};

export const workingDayOnOrAfter = (day: string): string => (working[indexOf(day)] === 1 ? day : addWorkingDays(day, 1));
