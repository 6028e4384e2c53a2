import { REASONS_FOR_CLOSURE } from '@csc/contracts';
import { FormReading, type CaseForm } from './case-form';

/** `POST /v1/cases/{id}/closure`: the day the case closed and the census reason for closure (RC9 hands the family to early help). */
export const CLOSE_CASE: CaseForm = {
  name: 'closeCase',
  anchor: 'closure',
  fields: { closedOn: 'closedOn', closureReason: 'reason' },
  labels: { closedOn: 'Day the case closed', closureReason: 'Reason for closure' },
  firstField: 'closedOn',
  dateFields: ['closedOn'],
  read: (form) => {
    const reading = new FormReading(form);
    return reading.result({ closedOn: reading.date('closedOn', 'Day the case closed'), reason: reading.text('closureReason') });
  },
};

export const CLOSURE_REASON_ITEMS = Object.entries(REASONS_FOR_CLOSURE).map(([value, text]) => ({ value, text: `${value}: ${text}` }));
