/** Annex A's GET form as the browser sends it. */
export interface AnnexAForm {
  asOf?: string;
}

export type AnnexAChoice = { asked: false } | { asked: true; asOf: string } | { asked: true; problem: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day the lists are drawn up to, checked before the service is asked: a real day as YYYY-MM-DD,
 * not after today (the lists of a day not yet over would be incomplete). Nothing asked: the form alone.
 */
export const annexAChoiceFrom = (form: AnnexAForm, today: string): AnnexAChoice => {
  if (typeof form.asOf !== 'string') return { asked: false };
  const asOf = form.asOf.trim();
  if (!asOf) return { asked: true, problem: 'asOf: must be given as YYYY-MM-DD, like 2026-03-31' };
  const match = DAY.exec(asOf);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== asOf) return { asked: true, problem: 'asOf: must be a real date as YYYY-MM-DD' };
  if (asOf > today) return { asked: true, problem: 'asOf: must be today or earlier' };
  return { asked: true, asOf };
};

/** The form's field is named as the API's query parameter; its label reads "As of date". */
export const ANNEX_A_FIELDS = { asOf: 'asOf' };
export const ANNEX_A_LABELS = { asOf: 'As of date' };
