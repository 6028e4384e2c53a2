import type { AggregateList } from '@csc/platform';
import { nextDueOf } from '../domain/case-due-dates';
import { caseStageOf } from '../domain/case-stage';
import type { CaseState } from '../domain/case.state';

/**
 * A case's row in the caseload: its stage and its soonest due date, both from the same pure
 * functions the case view uses. A case opens on its referral date (a CIN episode runs from the CIN
 * referral date to closure), so that is its `opened_on`.
 */
export const caseloadList: AggregateList<CaseState> = {
  table: 'caseload',
  idColumn: 'case_id',
  rowOf: (state) => {
    if (!state.opened) return null;
    const nextDue = nextDueOf(state);
    return {
      child_id: state.opened.childId,
      referral_id: state.opened.referralId,
      stage: caseStageOf(state),
      opened_on: state.referralDate,
      next_due_what: nextDue?.what ?? null,
      next_due_on: nextDue?.dueOn ?? null,
    };
  },
};
