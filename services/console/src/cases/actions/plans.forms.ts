import { ABUSE_CATEGORIES } from '@csc/contracts';
import { FormReading, namedSocialWorkerFields, namedSocialWorkerOf, type CaseForm } from './case-form';

const NAMED_SOCIAL_WORKER = namedSocialWorkerFields('cin');

/** `POST /v1/cases/{id}/cin-plans`: the child in need plan's start, and who the family and school are told to contact. */
export const START_CIN_PLAN: CaseForm = {
  name: 'startCinPlan',
  anchor: 'plans',
  fields: { cinStartedOn: 'startedOn', ...NAMED_SOCIAL_WORKER.fields },
  labels: { cinStartedOn: 'Day the plan started', ...NAMED_SOCIAL_WORKER.labels },
  firstField: 'cinStartedOn',
  dateFields: ['cinStartedOn'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({ startedOn: reading.date('cinStartedOn', 'Day the plan started'), ...namedSocialWorkerOf(reading, 'cin') });
  },
};

/** `POST /v1/cases/{id}/cin-plans/{pid}/end`. */
export const END_CIN_PLAN: CaseForm = endOf('endCinPlan', 'cinEndedOn');

/** `POST /v1/cases/{id}/cp-plans/{pid}/end`. */
export const END_CP_PLAN: CaseForm = endOf('endCpPlan', 'cpEndedOn');

/** `POST /v1/cases/{id}/cp-plans/{pid}/reviews`: the review conference, and the category of abuse if it changed. */
export const REVIEW_CP_PLAN: CaseForm = {
  name: 'reviewCpPlan',
  anchor: 'plans',
  fields: { reviewHeldOn: 'heldOn', latestCategory: 'latestCategory' },
  labels: { reviewHeldOn: 'Day of the review', latestCategory: 'Category of abuse' },
  firstField: 'reviewHeldOn',
  dateFields: ['reviewHeldOn'],
  read: (form) => {
    const reading = new FormReading(form);
    const latestCategory = reading.text('latestCategory');
    return reading.result({ heldOn: reading.date('reviewHeldOn', 'Day of the review'), ...(latestCategory ? { latestCategory } : {}) });
  },
};

function endOf(name: string, dateField: string): CaseForm {
  return {
    name,
    anchor: 'plans',
    fields: { [dateField]: 'endedOn' },
    labels: { [dateField]: 'Day the plan ended' },
    firstField: dateField,
    dateFields: [dateField],
    read: (form) => {
      const reading = new FormReading(form);
      return reading.result({ endedOn: reading.date(dateField, 'Day the plan ended') });
    },
  };
}

/** A review keeps the category unless one is chosen: the first choice says so. */
export const LATEST_CATEGORY_ITEMS = [
  { value: '', text: 'Unchanged' },
  ...Object.entries(ABUSE_CATEGORIES).map(([value, text]) => ({ value, text })),
];
