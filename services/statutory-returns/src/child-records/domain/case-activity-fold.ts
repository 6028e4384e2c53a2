import type { CaseRecord } from './child-record';

/** The events that record what happened on a case after it opened, each landing on its case's record. */
export const CASE_ACTIVITY_TYPES = [
  'AssessmentStarted',
  'AssessmentCompleted',
  'StrategyDiscussionHeld',
  'Section47Concluded',
  'ChildProtectionConferenceHeld',
  'ChildProtectionPlanStarted',
  'ChildProtectionPlanReviewed',
  'ChildProtectionPlanEnded',
  'ChildInNeedPlanStarted',
  'ChildInNeedPlanEnded',
  'BecameLookedAfter',
  'CeasedToBeLookedAfter',
  'CaseClosed',
] as const;
type CaseActivityType = (typeof CASE_ACTIVITY_TYPES)[number];

export const isCaseActivity = (type: string): type is CaseActivityType => (CASE_ACTIVITY_TYPES as readonly string[]).includes(type);

/** One case event onto its case's record: each sub-record keyed by its own id, so order between cases never matters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case below reads its own event's fields
export const foldCaseActivity = (record: CaseRecord, type: CaseActivityType, data: Record<string, any>): void => {
  switch (type) {
    case 'AssessmentStarted':
      record.assessments.push({
        assessmentId: data.assessmentId,
        startedOn: data.startedOn,
        authorisedOn: null,
        factors: [],
        outcome: null,
      });
      break;
    case 'AssessmentCompleted': {
      const assessment = record.assessments.find((item) => item.assessmentId === data.assessmentId);
      if (assessment) Object.assign(assessment, { authorisedOn: data.authorisedOn, factors: data.factors, outcome: data.outcome });
      break;
    }
    case 'StrategyDiscussionHeld': {
      record.strategyDiscussions.push({
        strategyDiscussionId: data.strategyDiscussionId,
        heldOn: data.heldOn,
        section47Id: data.section47Id,
      });
      if (data.section47Id)
        record.section47s.push({ section47Id: data.section47Id, startedOn: data.heldOn, concludedOn: null, icpcRequired: null });
      break;
    }
    case 'Section47Concluded': {
      const enquiry = record.section47s.find((item) => item.section47Id === data.section47Id);
      if (enquiry) Object.assign(enquiry, { concludedOn: data.concludedOn, icpcRequired: data.icpcRequired });
      break;
    }
    case 'ChildProtectionConferenceHeld':
      record.conferences.push({
        conferenceId: data.conferenceId,
        heldOn: data.heldOn,
        section47Id: data.section47Id,
        childProtectionPlan: data.childProtectionPlan,
      });
      break;
    case 'ChildProtectionPlanStarted':
      record.cpPlans.push({
        planId: data.planId,
        conferenceId: data.conferenceId,
        startedOn: data.startedOn,
        endedOn: null,
        initialCategory: data.category,
        latestCategory: data.category,
        reviews: [],
      });
      break;
    case 'ChildProtectionPlanReviewed': {
      const plan = record.cpPlans.find((item) => item.planId === data.planId);
      if (plan) {
        plan.reviews.push({ heldOn: data.heldOn, latestCategory: data.latestCategory });
        plan.latestCategory = data.latestCategory;
      }
      break;
    }
    case 'ChildProtectionPlanEnded': {
      const plan = record.cpPlans.find((item) => item.planId === data.planId);
      if (plan) plan.endedOn = data.endedOn;
      break;
    }
    case 'ChildInNeedPlanStarted':
      record.cinPlans.push({ planId: data.planId, startedOn: data.startedOn, endedOn: null });
      break;
    case 'ChildInNeedPlanEnded': {
      const plan = record.cinPlans.find((item) => item.planId === data.planId);
      if (plan) plan.endedOn = data.endedOn;
      break;
    }
    case 'BecameLookedAfter':
      record.lookedAfter.push({
        periodId: data.periodId,
        startedOn: data.startedOn,
        endedOn: null,
        legalStatus: data.legalStatus,
        endReason: null,
      });
      break;
    case 'CeasedToBeLookedAfter': {
      const period = record.lookedAfter.find((item) => item.periodId === data.periodId);
      if (period) Object.assign(period, { endedOn: data.endedOn, endReason: data.reason });
      break;
    }
    case 'CaseClosed':
      Object.assign(record, { closedOn: data.closedOn, closureReason: data.reason });
      break;
  }
};

/** A case known so far only by an event about it (its CaseOpened not seen yet). */
export const emptyCase = (caseId: string): CaseRecord => ({
  caseId,
  referralId: '',
  referralDate: '',
  source: '10',
  primaryNeed: 'N0',
  closedOn: null,
  closureReason: null,
  assessments: [],
  strategyDiscussions: [],
  section47s: [],
  conferences: [],
  cpPlans: [],
  cinPlans: [],
  lookedAfter: [],
});
