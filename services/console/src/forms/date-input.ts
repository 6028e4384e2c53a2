import type { FormErrors } from '../api/field-errors';

/**
 * GOV.UK's date input, read on the server: a date posted as `<name>-day`, `<name>-month` and `<name>-year`
 * becomes the API's `YYYY-MM-DD`, or a message in the design system's words with the parts to highlight
 * (https://design-system.service.gov.uk/components/date-input/, "Error messages").
 */
export type DatePart = 'day' | 'month' | 'year';
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

/** A date field's message and the parts it is about: none listed means the date as a whole. */
export interface DateFieldError {
  text: string;
  parts?: DatePart[];
}

export type DateInputReading = { date: string } | { date: null } | { error: DateFieldError };

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The three parts as typed (trimmed), from a posted form's flat fields. */
export const datePartsOf = (form: object, name: string): Record<DatePart, string> => {
  const posted = form as Record<string, unknown>;
  const part = (which: DatePart) => {
    const value = posted[`${name}-${which}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  return { day: part('day'), month: part('month'), year: part('year') };
};

/**
 * Reads one date input. `label` is GOV.UK's "[whatever it is]" ("Date of birth"); an optional date left
 * empty reads as no date. Missing parts are reported before parts that cannot be right, as GOV.UK orders them.
 * Unambiguous forms are accepted: leading zeros, ordinal days ("1st") and month names ("jan", "January").
 */
export const readDateInput = (form: object, name: string, label: string, options: { optional?: boolean } = {}): DateInputReading => {
  const typed = datePartsOf(form, name);
  const missing = DATE_PARTS.filter((part) => typed[part] === '');
  if (missing.length === 3) return options.optional ? { date: null } : { error: { text: `Enter ${lowerFirst(label)}` } };
  if (missing.length > 0)
    // One part missing is highlighted on its own; more than one, the date as a whole.
    return { error: { text: `${label} must include a ${missing.join(' and ')}`, ...(missing.length === 1 ? { parts: missing } : {}) } };

  const day = dayOf(typed.day);
  const month = monthOf(typed.month);
  const yearHasFourNumbers = /^\d{4}$/.test(typed.year);
  const wrong = DATE_PARTS.filter((part) => (part === 'day' ? day === null : part === 'month' ? month === null : !yearHasFourNumbers));
  if (wrong.length === 1 && wrong[0] === 'year') return { error: { text: 'Year must include 4 numbers', parts: ['year'] } };
  if (wrong.length === 1) return { error: { text: `${label} must be a real date`, parts: wrong } };
  if (wrong.length > 1 || day === null || month === null) return { error: { text: `${label} must be a real date` } };

  const year = Number(typed.year);
  // 30 February: no single part is wrong, so the date as a whole is.
  if (day > daysIn(year, month)) return { error: { text: `${label} must be a real date` } };
  return { date: `${typed.year}-${twoDigits(month)}-${twoDigits(day)}` };
};

/** The parts of a known date, as the form shows them before anything is posted (today, say). */
export const datePartsFor = (name: string, isoDate: string | null | undefined): Record<string, string> => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  if (!match) return {};
  return { [`${name}-day`]: String(Number(match[3])), [`${name}-month`]: String(Number(match[2])), [`${name}-year`]: match[1] };
};

/** A form's date messages as GOV.UK's error summary and field messages; each links to the first part it highlights. */
export const dateInputErrors = (errors: Record<string, DateFieldError>): FormErrors & { byField: Record<string, DateFieldError> } => ({
  summary: Object.entries(errors).map(([name, error]) => ({ text: error.text, href: `#${name}-${error.parts?.[0] ?? 'day'}` })),
  byField: errors,
});

/**
 * The API's messages about a date field link to the field's id; a date input's first box is `<name>-day`,
 * so the summary's link lands the cursor in it.
 */
export const linkDateFields = (errors: FormErrors, dateFields: string[]): FormErrors => ({
  ...errors,
  summary: errors.summary.map((entry) =>
    dateFields.some((name) => entry.href === `#${name}`) ? { ...entry, href: `${entry.href}-day` } : entry,
  ),
});

const dayOf = (typed: string): number | null => {
  const match = /^(\d{1,2})(st|nd|rd|th)?$/i.exec(typed);
  const day = match ? Number(match[1]) : NaN;
  return day >= 1 && day <= 31 ? day : null;
};

const monthOf = (typed: string): number | null => {
  if (/^\d{1,2}$/.test(typed)) {
    const month = Number(typed);
    return month >= 1 && month <= 12 ? month : null;
  }
  // "jan", "sept", "January": three letters or more of one month's name.
  const named = typed.toLowerCase();
  const index = named.length >= 3 ? MONTH_NAMES.findIndex((name) => name.startsWith(named)) : -1;
  return index >= 0 ? index + 1 : null;
};

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const twoDigits = (value: number): string => String(value).padStart(2, '0');
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
