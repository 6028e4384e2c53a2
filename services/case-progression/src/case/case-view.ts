import { assessmentDueDateOf, cpReviewDueDateOf, icpcDueDateOf, isOverdue } from './domain/case-due-dates';
import { caseStageOf } from './domain/case-stage';
import type { CaseState } from './domain/case.state';

/**
 * The case as a social worker reads it: where the child is in the statutory process, and what is due
 * when, as of `today` (the due dates themselves in domain/case-due-dates.ts, shared with the caseload).
 */
export const caseView = (state: CaseState, version: number, asOf: string) => {
  const opened = state.opened!;
  const assessmentDueDate = assessmentDueDateOf(state);
  const assessments = Object.entries(state.assessments).map(([assessmentId, assessment]) => ({ assessmentId, ...assessment }));
  const section47s = Object.entries(state.section47s).map(([section47Id, section47]) => {
    const icpcDueDate = icpcDueDateOf(state, section47Id);
    return { section47Id, ...section47, icpcDueDate, icpcOverdue: isOverdue(state, icpcDueDate, asOf) };
  });
  const cpPlans = Object.entries(state.cpPlans).map(([planId, plan]) => {
    const nextReviewDueDate = cpReviewDueDateOf(plan);
    return {
      planId,
      startedOn: plan.startedOn,
      latestCategory: plan.category,
      reviews: plan.reviews,
      endedOn: plan.endedOn ?? null,
      namedSocialWorker: plan.namedSocialWorker,
      nextReviewDueDate,
      reviewOverdue: isOverdue(state, nextReviewDueDate, asOf),
    };
  });
  const awaitingIcpc = section47s.filter((section47) => section47.icpcDueDate);
  const nextCpReview = cpPlans.find((plan) => plan.nextReviewDueDate);
  return {
    caseId: opened.caseId,
    childId: opened.childId,
    status: state.status,
    version,
    referralDate: state.referralDate,
    primaryNeed: opened.primaryNeed,
    referralIds: state.attachedReferralIds,
    child: childOf(state),
    stage: caseStageOf(state),
    dueDates: {
      assessmentDueDate,
      assessmentOverdue: isOverdue(state, assessmentDueDate, asOf),
      icpcDueDate: awaitingIcpc[0]?.icpcDueDate ?? null,
      icpcOverdue: awaitingIcpc.some((section47) => section47.icpcOverdue),
      nextCpReviewDueDate: nextCpReview?.nextReviewDueDate ?? null,
      cpReviewOverdue: cpPlans.some((plan) => plan.reviewOverdue),
      asOf,
    },
    assessments,
    strategyDiscussions: Object.entries(state.strategyDiscussions).map(([strategyDiscussionId, discussion]) => ({
      strategyDiscussionId,
      ...discussion,
    })),
    section47s,
    conferences: Object.entries(state.conferences).map(([conferenceId, conference]) => ({ conferenceId, ...conference })),
    cpPlans,
    cinPlans: Object.entries(state.cinPlans).map(([planId, plan]) => ({
      planId,
      startedOn: plan.startedOn,
      endedOn: plan.endedOn ?? null,
      namedSocialWorker: plan.namedSocialWorker,
    })),
    lookedAfter: state.lookedAfter,
    closure: state.closure,
  };
};

/** The child as the referral named them, with their census details as last recorded (those not known left out). */
const childOf = (state: CaseState) => {
  const { dateOfBirth: _dateOfBirth, expectedDateOfBirth: _expectedDateOfBirth, upn: _upn, ...named } = state.opened!.subject.child;
  const known = Object.fromEntries(Object.entries(state.child).filter(([, value]) => value !== null));
  return { ...named, ...known, schoolUrn: state.opened!.child.schoolUrn };
};
