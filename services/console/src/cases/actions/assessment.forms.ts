import { ASSESSMENT_FACTORS, type ASSESSMENT_OUTCOMES } from '@csc/contracts';
import { FormReading, type CaseForm } from './case-form';

/** `POST /v1/cases/{id}/assessments`: the day the assessment started. */
export const START_ASSESSMENT: CaseForm = {
  name: 'startAssessment',
  anchor: 'assessment',
  fields: { startedAt: 'startedAt' },
  labels: { startedAt: 'Day the assessment started' },
  firstField: 'startedAt',
  dateFields: ['startedAt'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({ startedAt: reading.date('startedAt', 'Day the assessment started') });
  },
};

/** `POST /v1/cases/{id}/assessments/{aid}/completion`: authorised when, its outcome and the factors found. */
export const COMPLETE_ASSESSMENT: CaseForm = {
  name: 'completeAssessment',
  anchor: 'assessment',
  fields: { authorisedAt: 'authorisedAt', factors: 'factors', outcome: 'outcome' },
  labels: { authorisedAt: 'Day the assessment was authorised' },
  firstField: 'authorisedAt',
  dateFields: ['authorisedAt'],
  // Empty choices are sent as empty, so the API says what is missing by its own rules (factor 21 alone, 8869).
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({
      authorisedAt: reading.date('authorisedAt', 'Day the assessment was authorised'),
      factors: reading.list('factors'),
      outcome: reading.text('outcome'),
    });
  },
};

export const ASSESSMENT_OUTCOME_NAMES: Record<(typeof ASSESSMENT_OUTCOMES)[number], string> = {
  CHILD_IN_NEED: 'Child in need',
  NO_FURTHER_ACTION: 'No further action',
  STEP_DOWN_TO_EARLY_HELP: 'Step down to early help',
  STRATEGY_DISCUSSION: 'Strategy discussion (significant harm suspected)',
};

export const FACTOR_CHOICES = Object.entries(ASSESSMENT_FACTORS).map(([value, name]) => ({ value, text: `${value}: ${name}` }));
