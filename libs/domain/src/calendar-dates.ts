/** Dates as docs/http-api.md carries them: `YYYY-MM-DD`, a calendar day with no time zone. */
export type CalendarDate = string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isCalendarDate = (value: string): boolean => {
  const match = DATE_ONLY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
};

// Built once: constructing a DateTimeFormat costs more than formatting with it (it showed in the intake profile).
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in England (referrals are dated by the day they were received). */
export const londonDateOf = (instant: Date): CalendarDate => {
  // Since 1847 London's offset has been a whole number of hours, changed on the hour, so its date is
  // the same throughout a UTC hour: the last hour's answer is kept. Formatting costs about 20 µs, and
  // a referral asks several times about the same hour (its validation, its list row, its handler).
  // Before then (local mean time, 1 minute 15 seconds behind) every instant is formatted.
  const time = instant.getTime();
  if (!(time >= WHOLE_HOUR_OFFSETS_SINCE)) return LONDON_DAY.format(instant);
  const hour = Math.floor(time / HOUR_MS);
  if (hour !== lastHour.hour) lastHour = { hour, date: LONDON_DAY.format(instant) };
  return lastHour.date;
};

const HOUR_MS = 3_600_000;
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1848, 0, 1);
let lastHour: { hour: number; date: CalendarDate } = { hour: NaN, date: '' };

/** Whole years from `dateOfBirth` to `on`, as a birthday count (29 February birthdays turn on 1 March). */
export const ageInYears = (dateOfBirth: CalendarDate, on: CalendarDate): number => {
  const [birthYear, birthMonth, birthDay] = dateOfBirth.split('-').map(Number);
  const [year, month, day] = on.split('-').map(Number);
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
};

export const addDays = (date: CalendarDate, days: number): CalendarDate => {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/** The same day `months` later, or the month's last day when it has no such day (31 January + 1 month = 28/29 February). */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
};
