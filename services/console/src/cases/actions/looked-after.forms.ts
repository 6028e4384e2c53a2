import { FormReading, type CaseForm } from './case-form';
import { LEGAL_STATUSES, REASONS_EPISODE_CEASED } from './ssda903-codes';

/** `POST /v1/cases/{id}/looked-after`: the day the child became looked after, and the legal status they are looked after under. */
export const START_LOOKED_AFTER: CaseForm = {
  name: 'startLookedAfter',
  anchor: 'looked-after',
  fields: { lookedAfterFrom: 'startedOn', legalStatus: 'legalStatus' },
  labels: { lookedAfterFrom: 'Day the child became looked after', legalStatus: 'Legal status' },
  firstField: 'lookedAfterFrom',
  dateFields: ['lookedAfterFrom'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({
      startedOn: reading.date('lookedAfterFrom', 'Day the child became looked after'),
      legalStatus: reading.text('legalStatus'),
    });
  },
};

/** `POST /v1/cases/{id}/looked-after/end`: the day the child stopped being looked after, and why. */
export const END_LOOKED_AFTER: CaseForm = {
  name: 'endLookedAfter',
  anchor: 'looked-after',
  fields: { lookedAfterUntil: 'endedOn', ceasedReason: 'reason' },
  labels: { lookedAfterUntil: 'Day the child stopped being looked after', ceasedReason: 'Reason' },
  firstField: 'lookedAfterUntil',
  dateFields: ['lookedAfterUntil'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({
      endedOn: reading.date('lookedAfterUntil', 'Day the child stopped being looked after'),
      reason: reading.text('ceasedReason'),
    });
  },
};

const itemsOf = (codes: Record<string, string>) => [
  { value: '', text: 'Choose one' },
  ...Object.entries(codes).map(([value, text]) => ({ value, text: `${value}: ${text}` })),
];
export const LEGAL_STATUS_ITEMS = itemsOf(LEGAL_STATUSES);
export const CEASED_REASON_ITEMS = itemsOf(REASONS_EPISODE_CEASED);
