import type { FormErrors } from '../../api/field-errors';
import { dateInputErrors, readDateInput } from '../../forms/date-input';
import { textOf as text, optionalField as optional } from '../../forms/form-values';

/** The practitioner's request for early help as posted (flat field names, each the id of its input; the date of birth in three). */
export interface EarlyHelpRequestForm {
  givenName?: string;
  familyName?: string;
  'dateOfBirth-day'?: string;
  'dateOfBirth-month'?: string;
  'dateOfBirth-year'?: string;
  sex?: string;
  nhsNumber?: string;
  postcode?: string;
  schoolUrn?: string;
  reason?: string;
  consentGiven?: string;
  idempotencyKey?: string;
}

/** Which API path each form field shows the messages of (`POST /v1/early-help/requests`). */
export const EARLY_HELP_REQUEST_FIELDS = {
  givenName: 'child.givenName',
  familyName: 'child.familyName',
  dateOfBirth: 'child.dateOfBirth',
  sex: 'child.sex',
  nhsNumber: 'child.nhsNumber',
  postcode: 'child.postcode',
  schoolUrn: 'child.schoolUrn',
  reason: 'reason',
  consentGiven: 'consent.given',
};

export const EARLY_HELP_REQUEST_LABELS = {
  nhsNumber: 'NHS number',
  schoolUrn: 'School URN',
  reason: 'Why the family wants early help',
  // The API's message says what is wrong in a sentence of its own ("early help needs the family's consent").
  consentGiven: 'Consent:',
};

/**
 * The request as the API takes it: the child (optional fields left out when empty), the reason, and the
 * family's consent as ticked or not (unticked is sent as not given: the API says early help needs it).
 * A date of birth that cannot be read as a date is refused before the API is asked, in GOV.UK's words.
 */
export const earlyHelpRequestOf = (form: EarlyHelpRequestForm): { body: ReturnType<typeof bodyOf> } | { dateErrors: FormErrors } => {
  const dateOfBirth = readDateInput(form, 'dateOfBirth', 'Date of birth');
  return 'error' in dateOfBirth
    ? { dateErrors: dateInputErrors({ dateOfBirth: dateOfBirth.error }) }
    : { body: bodyOf(form, dateOfBirth.date ?? '') };
};

const bodyOf = (form: EarlyHelpRequestForm, dateOfBirth: string) => ({
  child: {
    givenName: text(form.givenName),
    familyName: text(form.familyName),
    dateOfBirth,
    sex: text(form.sex),
    ...optional('nhsNumber', form.nhsNumber),
    ...optional('postcode', form.postcode),
    ...optional('schoolUrn', form.schoolUrn),
  },
  reason: text(form.reason),
  consent: { given: form.consentGiven === 'yes' },
});
