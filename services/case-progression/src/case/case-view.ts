import { addMonths, addWorkingDays } from '@csc/domain';
import { ASSESSMENT_TIMESCALE_WORKING_DAYS, ICPC_TIMESCALE_WORKING_DAYS } from './case.decider';
import type { CaseState } from './domain/case.state';

/**
 * The case as a social worker reads it: where the child is in the statutory process, and what is due
 * when, as of `today` (due dates from DOMAIN.md: an assessment within 45 working days of the
 * referral, an ICPC within 15 working days of the strategy discussion that started the S47, CP
 * reviews 3 months after the ICPC and then at most every 6 months).
 */
export const caseView = (state: CaseState, version: number, asOf: string) => {
  const opened = state.opened!;
  // Nothing is overdue on a closed case: the due dates stop counting at closure.
  const today = state.status === 'CLOSED' ? '0000-00-00' : asOf;
  const assessmentDueDate = addWorkingDays(state.referralDate, ASSESSMENT_TIMESCALE_WORKING_DAYS);
  const assessments = Object.entries(state.assessments).map(([assessmentId, assessment]) => ({ assessmentId, ...assessment }));
  const assessmentCompleted = assessments.some((assessment) => assessment.authorisedOn);
  const conferencedSection47s = new Set(Object.values(state.conferences).map((conference) => conference.section47Id));
  const section47s = Object.entries(state.section47s).map(([section47Id, section47]) => {
    const awaitingConference = !conferencedSection47s.has(section47Id) && section47.icpcRequired !== false;
    const icpcDueDate = addWorkingDays(section47.startedOn, ICPC_TIMESCALE_WORKING_DAYS);
    return {
      section47Id,
      ...section47,
      icpcDueDate: awaitingConference ? icpcDueDate : null,
      icpcOverdue: awaitingConference && today > icpcDueDate,
    };
  });
  const cpPlans = Object.entries(state.cpPlans).map(([planId, plan]) => {
    const nextReviewDueDate = plan.endedOn
      ? null
      : plan.reviews.length === 0
        ? addMonths(plan.startedOn, 3)
        : addMonths(plan.reviews[plan.reviews.length - 1], 6);
    return {
      planId,
      startedOn: plan.startedOn,
      latestCategory: plan.category,
      reviews: plan.reviews,
      endedOn: plan.endedOn ?? null,
      namedSocialWorker: plan.namedSocialWorker,
      nextReviewDueDate,
      reviewOverdue: !!nextReviewDueDate && today > nextReviewDueDate,
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
    stage: stageOf(state),
    dueDates: {
      assessmentDueDate: assessmentCompleted ? null : assessmentDueDate,
      assessmentOverdue: !assessmentCompleted && today > assessmentDueDate,
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

/** One word for where the child is now, most serious first. */
const stageOf = (state: CaseState): string => {
  if (state.status === 'CLOSED') return 'CLOSED';
  if (state.lookedAfter) return 'LOOKED_AFTER';
  if (Object.values(state.cpPlans).some((plan) => !plan.endedOn)) return 'CHILD_PROTECTION_PLAN';
  const conferenced = new Set(Object.values(state.conferences).map((conference) => conference.section47Id));
  const section47Active = Object.entries(state.section47s).some(
    ([id, section47]) => !section47.concludedOn || (section47.icpcRequired && !conferenced.has(id)),
  );
  if (section47Active) return 'SECTION_47';
  if (Object.values(state.cinPlans).some((plan) => !plan.endedOn)) return 'CHILD_IN_NEED_PLAN';
  if (Object.values(state.assessments).some((assessment) => !assessment.authorisedOn)) return 'ASSESSMENT';
  return 'OPEN';
};
