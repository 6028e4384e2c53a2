/** A GOV.UK error summary's entries and each field's own message, from the API's "field.path: problem" lines. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  byField: Record<string, { text: string }>;
}

/**
 * Maps the API's messages onto a form's fields: `fields` says which API path each form field shows
 * (`{ rationale: 'rationale' }`). A message naming no field of the form (a domain rule about the
 * referral as a whole) goes to the summary, linked to the form's first field. `labels` names a field where
 * its id read as words would not do ("NHS number", not "nhs number").
 */
export const formErrorsFrom = (
  messages: string[],
  fields: Record<string, string>,
  firstField: string,
  labels: Record<string, string> = {},
): FormErrors => {
  const formFieldOf = new Map(Object.entries(fields).map(([formField, apiPath]) => [apiPath, formField]));
  const errors: FormErrors = { summary: [], byField: {} };
  for (const message of messages) {
    const separator = message.indexOf(': ');
    const path = separator > 0 ? message.slice(0, separator) : '';
    const formField = formFieldOf.get(path);
    const text = formField ? sentence(message.slice(separator + 2), labels[formField] ?? humanise(formField)) : sentence(message, null);
    errors.summary.push({ text, href: `#${formField ?? firstField}` });
    if (formField && !errors.byField[formField]) errors.byField[formField] = { text };
  }
  return errors;
};

/** The API's "should not be empty" reads better as "Rationale should not be empty". */
const sentence = (problem: string, label: string | null): string => {
  const text = label ? `${label} ${problem}` : problem;
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const humanise = (field: string): string => field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export const noFormErrors = (): FormErrors => ({ summary: [], byField: {} });
