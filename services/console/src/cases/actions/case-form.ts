import { readDateInput, type DateFieldError } from '../../forms/date-input';

/** A form as posted: flat fields, a checkbox group's repeated name arriving as an array. */
export type PostedForm = Record<string, unknown>;

/** What a case form's post reads as: the API's body, or the messages to show by field before anything is sent. */
export type CaseFormReading = { body: object } | { errors: Record<string, DateFieldError> };

/**
 * One action on a case as its form posts it: the names of its fields as the API's messages name them
 * (`fields`: form field id -> API path), its date inputs (whose summary links go to their first box),
 * and `read`, the pure reading of the posted form into the API's body.
 */
export interface CaseForm {
  /** The form's key on the page, and its `id`'s stem. */
  name: string;
  /** Where on the case page the social worker lands afterwards. */
  anchor: string;
  fields: Record<string, string>;
  labels?: Record<string, string>;
  firstField: string;
  dateFields: string[];
  read: (form: PostedForm) => CaseFormReading;
}

/**
 * Reads a posted form field by field, gathering GOV.UK's messages for what cannot be sent (a date that
 * is not a date, a choice not made); `result` gives the body only when nothing was wrong.
 */
export class FormReading {
  private readonly errors: Record<string, DateFieldError> = {};

  constructor(private readonly form: PostedForm) {}

  /** A required date: YYYY-MM-DD, or '' with its message noted. */
  date(name: string, label: string): string {
    const reading = readDateInput(this.form, name, label);
    if ('error' in reading) this.errors[name] = reading.error;
    return 'date' in reading && reading.date ? reading.date : '';
  }

  /** An optional date: YYYY-MM-DD, null when left empty. */
  optionalDate(name: string, label: string): string | null | undefined {
    const reading = readDateInput(this.form, name, label, { optional: true });
    if ('error' in reading) {
      this.errors[name] = reading.error;
      return undefined;
    }
    return reading.date;
  }

  /** A yes/no radio: true or false, or its message ("Select yes if ...") when neither was chosen. */
  yesNo(name: string, unanswered: string): boolean {
    const value = this.form[name];
    if (value !== 'yes' && value !== 'no') this.errors[name] = { text: unanswered };
    return value === 'yes';
  }

  /** A choice the API names when it is missing or unknown: sent as chosen (or empty) for its own message. */
  text(name: string): string {
    const value = this.form[name];
    return typeof value === 'string' ? value.trim() : '';
  }

  /** A checkbox group's ticked values. */
  list(name: string): string[] {
    const value = this.form[name];
    return (Array.isArray(value) ? value : [value]).filter((each): each is string => typeof each === 'string' && each !== '');
  }

  result(body: object): CaseFormReading {
    return Object.keys(this.errors).length > 0 ? { errors: this.errors } : { body };
  }
}

/**
 * The optional named social worker of a plan, from its four fields (their ids start with the form's
 * `prefix`, as two forms with them can be on one page): left out when no name or contact is given.
 */
export const namedSocialWorkerOf = (reading: FormReading, prefix: string) => {
  const [name, team, phone, email] = NAMED_SOCIAL_WORKER_PARTS.map((part) => reading.text(`${prefix}${part}`));
  if (!name && !team && !phone && !email) return {};
  return { namedSocialWorker: { name, ...(team ? { team } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) } };
};

const NAMED_SOCIAL_WORKER_PARTS = ['NswName', 'NswTeam', 'NswPhone', 'NswEmail'];
const NAMED_SOCIAL_WORKER_PATHS = ['name', 'team', 'phone', 'email'];
const NAMED_SOCIAL_WORKER_NAMES = ['Named social worker', 'Team', 'Telephone', 'Email address'];

/** The named social worker's fields, as the API's messages name them and as they read. */
export const namedSocialWorkerFields = (prefix: string) => ({
  fields: Object.fromEntries(
    NAMED_SOCIAL_WORKER_PARTS.map((part, index) => [`${prefix}${part}`, `namedSocialWorker.${NAMED_SOCIAL_WORKER_PATHS[index]}`]),
  ),
  labels: Object.fromEntries(NAMED_SOCIAL_WORKER_PARTS.map((part, index) => [`${prefix}${part}`, NAMED_SOCIAL_WORKER_NAMES[index]])),
});
