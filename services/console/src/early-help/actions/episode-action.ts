import type { FormErrors } from '../../api/field-errors';
import { dateInputErrors, readDateInput, type DateFieldError } from '../../forms/date-input';
import { textOf } from '../../forms/form-values';
import type { EpisodeRead } from '../episode-read';

/** A form as posted (urlencoded, not extended): a repeated name (ticked checkboxes) arrives as a list. */
export type PostedForm = Record<string, string | string[] | undefined>;

/**
 * One thing a practitioner records on an episode: a page with its form (`/early-help/episodes/{id}/{slug}`),
 * posted to the API's step (`POST /v1/early-help/episodes/{id}/{step}`) with If-Match. Each is its own
 * small module: when the episode offers it, how its form becomes the API's body, and what its page needs.
 */
export interface EpisodeAction {
  slug: string;
  step: string;
  /** The link on the episode page and the form's heading. */
  title: string;
  button: string;
  /** The banner on the episode page once it is recorded. */
  recorded: string;
  /** Its GOV.UK date inputs (`<name>-day`, `-month`, `-year`), each by the words its messages use ("The day the plan was agreed"). */
  dates: Record<string, string>;
  /** Which API path each form field shows the messages of. */
  fields: Record<string, string>;
  /** A field whose id does not read well as words, by its label (a date input is named by its `dates` words). */
  labels?: Record<string, string>;
  /** The field a message about no field of the form links to. */
  firstField: string;
  /** Whether the episode's state allows it now (the API's rules, episode.decider.ts), so the page offers it. */
  isOffered(read: EpisodeRead): boolean;
  /**
   * The API's body from the form and its dates read as YYYY-MM-DD: required fields sent even when empty,
   * so the API says what is missing by its own rules.
   */
  bodyOf(form: PostedForm, dates: Record<string, string>): unknown;
  /** What the form starts with on a fresh page. */
  defaults(today: string): PostedForm;
  /** Choices and the like for the form's template, as the values posted (or the defaults) have them. */
  choicesFor?(read: EpisodeRead, values: PostedForm): Record<string, unknown>;
}

export const text = textOf;

/** A textarea of one item per line (goals, members): each line trimmed, blank lines dropped. */
export const lines = (value: string | string[] | undefined): string[] =>
  text(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The ticked values of a checkbox group: one as a string, several as a list, none not at all. */
export const ticked = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).filter((code) => typeof code === 'string' && code !== '');

/**
 * The form as the API's body, or the dates that cannot be read as dates in GOV.UK's words: those are
 * refused before the API is asked, as the API takes only YYYY-MM-DD.
 */
export const requestBodyOf = (action: EpisodeAction, form: PostedForm): { body: unknown } | { dateErrors: FormErrors } => {
  const dates: Record<string, string> = {};
  const errors: Record<string, DateFieldError> = {};
  for (const [name, label] of Object.entries(action.dates)) {
    const reading = readDateInput(form, name, label);
    if ('error' in reading) errors[name] = reading.error;
    else dates[name] = reading.date ?? '';
  }
  return Object.keys(errors).length > 0 ? { dateErrors: dateInputErrors(errors) } : { body: action.bodyOf(form, dates) };
};
