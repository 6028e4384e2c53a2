/** The API's calendar days (`2025-01-06`) as people read them ("6 January 2025"); the day itself, no time zone shift. */
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

export const calendarDay = (value: string | null | undefined): string =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DAY.format(new Date(`${value}T00:00:00Z`)) : (value ?? '');

/** Today in England as YYYY-MM-DD: what a date field offers by default. */
export const todayInEngland = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/** A code (`SECTION_47`) as words ("Section 47"), for codes with no name of their own. */
export const words = (code: string): string => {
  const text = code.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};
