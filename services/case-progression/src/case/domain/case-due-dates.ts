import { addMonths, addWorkingDays } from '@csc/domain';
import { ASSESSMENT_TIMESCALE_WORKING_DAYS, ICPC_TIMESCALE_WORKING_DAYS } from '../case.decider';
import type { CaseState } from './case.state';

/**
 * What is due on a case, and when (docs/domain.md): the assessment within 45 working days of the
 * referral; an ICPC within 15 working days of the strategy discussion that started the S47; a CP plan
 * reviewed 3 months after the ICPC and then at most every 6 months. The case view and the caseload
 * list both read due dates from here, so they cannot disagree.
 */
export type CaseDue = 'ASSESSMENT' | 'ICPC' | 'CP_REVIEW';
export const CASE_DUES: readonly CaseDue[] = ['ASSESSMENT', 'ICPC', 'CP_REVIEW'];

export interface DueDate {
  what: CaseDue;
  dueOn: string;
}

/** Null once an assessment is authorised. */
export const assessmentDueDateOf = (state: CaseState): string | null =>
  Object.values(state.assessments).some((assessment) => assessment.authorisedOn)
    ? null
    : addWorkingDays(state.referralDate, ASSESSMENT_TIMESCALE_WORKING_DAYS);

/** Null once its conference is held, or when its outcome said no ICPC is needed. */
export const icpcDueDateOf = (state: CaseState, section47Id: string): string | null => {
  const section47 = state.section47s[section47Id];
  const conferenced = Object.values(state.conferences).some((conference) => conference.section47Id === section47Id);
  if (!section47 || conferenced || section47.icpcRequired === false) return null;
  return addWorkingDays(section47.startedOn, ICPC_TIMESCALE_WORKING_DAYS);
};

/** Null once the plan has ended. */
export const cpReviewDueDateOf = (plan: CaseState['cpPlans'][string]): string | null => {
  if (plan.endedOn) return null;
  return plan.reviews.length === 0 ? addMonths(plan.startedOn, 3) : addMonths(plan.reviews[plan.reviews.length - 1], 6);
};

/** Every outstanding due date of the case, in the order the case view lists them. */
export const outstandingDueDatesOf = (state: CaseState): DueDate[] => {
  const assessment = assessmentDueDateOf(state);
  return [
    ...(assessment ? [{ what: 'ASSESSMENT' as const, dueOn: assessment }] : []),
    ...Object.keys(state.section47s).flatMap((id) => {
      const dueOn = icpcDueDateOf(state, id);
      return dueOn ? [{ what: 'ICPC' as const, dueOn }] : [];
    }),
    ...Object.values(state.cpPlans).flatMap((plan) => {
      const dueOn = cpReviewDueDateOf(plan);
      return dueOn ? [{ what: 'CP_REVIEW' as const, dueOn }] : [];
    }),
  ];
};

/** The soonest outstanding due date; none on a closed case (the due dates stop counting at closure). */
export const nextDueOf = (state: CaseState): DueDate | null => {
  if (state.status === 'CLOSED') return null;
  return outstandingDueDatesOf(state).reduce<DueDate | null>(
    (soonest, due) => (!soonest || due.dueOn < soonest.dueOn ? due : soonest),
    null,
  );
};

/** Overdue the day after the due date, as of `today` (England); nothing is overdue on a closed case. */
export const isOverdue = (state: Pick<CaseState, 'status'>, dueOn: string | null, today: string): boolean =>
  state.status !== 'CLOSED' && dueOn !== null && today > dueOn;
