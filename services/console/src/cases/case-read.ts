import { ASSESSMENT_FACTORS, ASSESSMENT_OUTCOMES } from '@csc/contracts';

/** `GET /v1/cases/{id}` as the console uses it (case-progression's case view). */
export interface CaseRead {
  caseId: string;
  childId: string;
  status: string;
  version: number;
  referralDate: string;
  primaryNeed: string | null;
  referralIds: string[];
  child: { givenName?: string; familyName?: string; sex?: string; schoolUrn?: string | null };
  stage: string;
  dueDates: {
    assessmentDueDate: string | null;
    assessmentOverdue: boolean;
    icpcDueDate: string | null;
    icpcOverdue: boolean;
    nextCpReviewDueDate: string | null;
    cpReviewOverdue: boolean;
    asOf: string;
  };
  assessments: { assessmentId: string; startedOn: string; authorisedOn?: string; outcome?: string; factors?: string[] }[];
  closure: { closedOn: string; reason: string } | null;
}

export interface StartAssessmentForm {
  startedAt?: string;
  version?: string;
}

export interface CompleteAssessmentForm {
  authorisedAt?: string;
  factors?: string | string[];
  outcome?: string;
  version?: string;
}

/** The API's field paths by the forms' field ids (the same names). */
export const START_ASSESSMENT_FIELDS = { startedAt: 'startedAt' };
export const COMPLETE_ASSESSMENT_FIELDS = { authorisedAt: 'authorisedAt', factors: 'factors', outcome: 'outcome' };

export const ASSESSMENT_OUTCOME_NAMES: Record<(typeof ASSESSMENT_OUTCOMES)[number], string> = {
  CHILD_IN_NEED: 'Child in need',
  NO_FURTHER_ACTION: 'No further action',
  STEP_DOWN_TO_EARLY_HELP: 'Step down to early help',
  STRATEGY_DISCUSSION: 'Strategy discussion (significant harm suspected)',
};

/** A checkbox group repeats its name: one ticked arrives as a string, several as an array, none not at all. */
export const chosenFactors = (posted: string | string[] | undefined): string[] =>
  (Array.isArray(posted) ? posted : posted ? [posted] : []).filter((code) => typeof code === 'string' && code !== '');

/** The completion's body: empty choices sent as empty, so the API says what is missing by its own rules. */
export const completionBody = (form: CompleteAssessmentForm) => ({
  authorisedAt: (form.authorisedAt ?? '').trim(),
  factors: chosenFactors(form.factors),
  outcome: form.outcome ?? '',
});

export const FACTOR_CHOICES = Object.entries(ASSESSMENT_FACTORS).map(([value, name]) => ({ value, text: `${value}: ${name}` }));

/** The first block of the case id: short enough to say on the phone; the caseload and the case page both use it. */
export const caseReference = (caseId: string): string => `Case ${caseId.slice(0, 8).toUpperCase()}`;
