import type {
  AbuseCategory,
  AssessmentCompletedV1,
  AssessmentFactor,
  AssessmentOutcome,
  AssessmentStartedV1,
  BecameLookedAfterV1,
  CaseClosedV1,
  CaseOpenedV1,
  CeasedToBeLookedAfterV1,
  ChildInNeedPlanEndedV1,
  ChildInNeedPlanStartedV1,
  ChildProtectionConferenceHeldV1,
  ChildProtectionPlanEndedV1,
  ChildProtectionPlanReviewedV1,
  ChildProtectionPlanStartedV1,
  NamedSocialWorker,
  ReasonForClosure,
  ReferralAttachedToCaseV1,
  Section47ConcludedV1,
  StepDown,
  StrategyDiscussionHeldV1,
} from '@csc/contracts';
import { DomainRuleViolation, StateConflict, workingDaysBetween } from '@csc/domain';
import {
  childDetailsAfter,
  childDetailsAtOpening,
  decideChildDetails,
  type ChildCharacteristicsRecorded,
  type RecordChildCharacteristics,
} from './child-details.decider';
import * as rules from './domain/case-rules';
import { initialCaseState, type CaseState } from './domain/case.state';

export const ASSESSMENT_TIMESCALE_WORKING_DAYS = 45;
export const ICPC_TIMESCALE_WORKING_DAYS = 15;

export type CaseEvent =
  | { type: 'CaseOpened'; data: CaseOpenedV1 }
  | { type: 'ReferralAttachedToCase'; data: ReferralAttachedToCaseV1 }
  | { type: 'AssessmentStarted'; data: AssessmentStartedV1 }
  | { type: 'AssessmentCompleted'; data: AssessmentCompletedV1 }
  | { type: 'StrategyDiscussionHeld'; data: StrategyDiscussionHeldV1 }
  | { type: 'Section47Concluded'; data: Section47ConcludedV1 }
  | { type: 'ChildProtectionConferenceHeld'; data: ChildProtectionConferenceHeldV1 }
  | { type: 'ChildProtectionPlanStarted'; data: ChildProtectionPlanStartedV1 }
  | { type: 'ChildProtectionPlanReviewed'; data: ChildProtectionPlanReviewedV1 }
  | { type: 'ChildProtectionPlanEnded'; data: ChildProtectionPlanEndedV1 }
  | { type: 'ChildInNeedPlanStarted'; data: ChildInNeedPlanStartedV1 }
  | { type: 'ChildInNeedPlanEnded'; data: ChildInNeedPlanEndedV1 }
  | { type: 'BecameLookedAfter'; data: BecameLookedAfterV1 }
  | { type: 'CeasedToBeLookedAfter'; data: CeasedToBeLookedAfterV1 }
  | { type: 'CaseClosed'; data: CaseClosedV1 }
  | ChildCharacteristicsRecorded;

/** Ids of things a command creates come in with it (the handler makes them): the decider stays pure. */
export type CaseCommand =
  | { type: 'OpenCase'; opened: CaseOpenedV1 }
  | { type: 'AttachReferral'; attached: ReferralAttachedToCaseV1 }
  | { type: 'StartAssessment'; assessmentId: string; startedOn: string }
  | { type: 'CompleteAssessment'; assessmentId: string; authorisedOn: string; factors: AssessmentFactor[]; outcome: AssessmentOutcome }
  | { type: 'HoldStrategyDiscussion'; strategyDiscussionId: string; section47Id: string; heldOn: string; section47: boolean }
  | { type: 'ConcludeSection47'; section47Id: string; concludedOn: string; icpcRequired: boolean }
  | {
      type: 'HoldConference';
      conferenceId: string;
      planId: string;
      heldOn: string;
      childProtectionPlan: boolean;
      category: AbuseCategory | null;
      namedSocialWorker?: NamedSocialWorker | null;
    }
  | { type: 'ReviewChildProtectionPlan'; planId: string; heldOn: string; latestCategory: AbuseCategory | null }
  | { type: 'EndChildProtectionPlan'; planId: string; endedOn: string }
  | { type: 'StartChildInNeedPlan'; planId: string; startedOn: string; namedSocialWorker?: NamedSocialWorker | null }
  | { type: 'EndChildInNeedPlan'; planId: string; endedOn: string }
  | { type: 'StartLookedAfter'; periodId: string; startedOn: string; legalStatus: string }
  | { type: 'EndLookedAfter'; endedOn: string; reason: string }
  | { type: 'CloseCase'; closedOn: string; reason: ReasonForClosure }
  | RecordChildCharacteristics;

/** A statutory case (a CIN episode) from the accepted referral to closure, keeping the census rules. */
export const decide = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  if (command.type === 'OpenCase') {
    if (state.status !== 'NONE') throw new StateConflict('caseId', 'the case is already open');
    return [{ type: 'CaseOpened', data: command.opened }];
  }
  // The census corrects a child's details whenever it finds them wrong, closed case or not.
  if (command.type === 'RecordChildCharacteristics') return decideChildDetails(command, state);
  rules.caseIsOpen_2990_8565(state);
  const caseId = state.opened!.caseId;
  switch (command.type) {
    case 'AttachReferral':
      if (state.attachedReferralIds.includes(command.attached.referralId)) return [];
      return [{ type: 'ReferralAttachedToCase', data: command.attached }];
    case 'StartAssessment':
      rules.notBeforeReferral(state, 'startedAt', command.startedOn, '1103');
      if (Object.values(state.assessments).some((assessment) => !assessment.authorisedOn)) {
        throw new DomainRuleViolation('startedAt', 'one-assessment-at-a-time', 'an assessment is already in progress');
      }
      return [{ type: 'AssessmentStarted', data: { caseId, assessmentId: command.assessmentId, startedOn: command.startedOn } }];
    case 'CompleteAssessment': {
      const assessment = state.assessments[command.assessmentId];
      if (!assessment) throw new StateConflict('assessmentId', 'no such assessment on this case');
      if (assessment.authorisedOn) throw new StateConflict('assessmentId', 'the assessment is already completed');
      rules.notBefore('authorisedAt', command.authorisedOn, assessment.startedOn, 'the assessment started');
      rules.factor21Alone_8869(command.factors);
      const workingDaysFromReferral = workingDaysBetween(state.referralDate, command.authorisedOn);
      return [
        {
          type: 'AssessmentCompleted',
          data: {
            caseId,
            assessmentId: command.assessmentId,
            authorisedOn: command.authorisedOn,
            factors: command.factors,
            outcome: command.outcome,
            workingDaysFromReferral,
            withinTimescale: workingDaysFromReferral <= ASSESSMENT_TIMESCALE_WORKING_DAYS,
            ...stepDownIf(command.outcome === 'STEP_DOWN_TO_EARLY_HELP', state),
          },
        },
      ];
    }
    case 'HoldStrategyDiscussion':
      rules.nothingAfterNoFurtherAction_8831_4000(state, 'heldOn');
      rules.notBeforeReferral(state, 'heldOn', command.heldOn, command.section47 ? '2889' : '1104');
      if (command.section47) rules.oneSection47AtATime_8890(state);
      return [
        {
          type: 'StrategyDiscussionHeld',
          data: {
            caseId,
            strategyDiscussionId: command.strategyDiscussionId,
            heldOn: command.heldOn,
            section47Id: command.section47 ? command.section47Id : null,
          },
        },
      ];
    case 'ConcludeSection47': {
      const section47 = state.section47s[command.section47Id];
      if (!section47) throw new StateConflict('section47Id', 'no such Section 47 enquiry on this case');
      if (section47.concludedOn) throw new StateConflict('section47Id', 'the Section 47 enquiry is already concluded');
      rules.notBefore('concludedOn', command.concludedOn, section47.startedOn, 'the strategy discussion that started it');
      return [
        {
          type: 'Section47Concluded',
          data: { caseId, section47Id: command.section47Id, concludedOn: command.concludedOn, icpcRequired: command.icpcRequired },
        },
      ];
    }
    case 'HoldConference': {
      rules.nothingAfterNoFurtherAction_8831_4000(state, 'heldOn');
      rules.notBeforeReferral(state, 'heldOn', command.heldOn, '1104');
      rules.icpcOnAWorkingDay_8875(command.heldOn);
      if (command.childProtectionPlan && !command.category) {
        throw new DomainRuleViolation('category', 'category-for-cp-plan', 'a child protection plan needs a category of abuse');
      }
      if (Object.values(state.cpPlans).some((plan) => !plan.endedOn) && command.childProtectionPlan) {
        throw new DomainRuleViolation('childProtectionPlan', 'one-open-cp-plan', 'the child is already on a child protection plan');
      }
      const section47Id = latestSection47NeedingConference(state);
      const startedOn = section47Id ? state.section47s[section47Id].startedOn : null;
      rules.icpcFollowsSection47_8615(startedOn, command.heldOn);
      const workingDays = startedOn ? workingDaysBetween(startedOn, command.heldOn) : null;
      const events: CaseEvent[] = [
        {
          type: 'ChildProtectionConferenceHeld',
          data: {
            caseId,
            conferenceId: command.conferenceId,
            heldOn: command.heldOn,
            section47Id,
            childProtectionPlan: command.childProtectionPlan,
            workingDaysFromStrategyDiscussion: workingDays,
            withinTimescale: workingDays === null ? null : workingDays <= ICPC_TIMESCALE_WORKING_DAYS,
          },
        },
      ];
      // 2883: a plan starts only from a conference, so there are never more plans than conferences.
      if (command.childProtectionPlan) {
        events.push({
          type: 'ChildProtectionPlanStarted',
          data: {
            caseId,
            planId: command.planId,
            conferenceId: command.conferenceId,
            startedOn: command.heldOn,
            category: command.category!,
            namedSocialWorker: command.namedSocialWorker ?? null,
          },
        });
      }
      return events;
    }
    case 'ReviewChildProtectionPlan': {
      const plan = openCpPlan(state, command.planId);
      rules.reviewAfterPlanStart_8841(command.heldOn, plan.reviews.at(-1) ?? plan.startedOn);
      return [
        {
          type: 'ChildProtectionPlanReviewed',
          data: { caseId, planId: command.planId, heldOn: command.heldOn, latestCategory: command.latestCategory ?? plan.category },
        },
      ];
    }
    case 'EndChildProtectionPlan': {
      const plan = openCpPlan(state, command.planId);
      rules.notBefore('endedOn', command.endedOn, plan.startedOn, 'the plan started');
      rules.cpPlanNotStartAndEndSameDay_8840(plan.startedOn, command.endedOn);
      return [{ type: 'ChildProtectionPlanEnded', data: { caseId, planId: command.planId, endedOn: command.endedOn } }];
    }
    case 'StartChildInNeedPlan':
      rules.nothingAfterNoFurtherAction_8831_4000(state, 'startedOn');
      rules.notBeforeReferral(state, 'startedOn', command.startedOn, '4015');
      rules.oneOpenCinPlan_4004(state);
      rules.noCinPlanDuringCpPlan_4001(state);
      return [
        {
          type: 'ChildInNeedPlanStarted',
          data: { caseId, planId: command.planId, startedOn: command.startedOn, namedSocialWorker: command.namedSocialWorker ?? null },
        },
      ];
    case 'EndChildInNeedPlan': {
      const plan = state.cinPlans[command.planId];
      if (!plan) throw new StateConflict('planId', 'no such child in need plan on this case');
      if (plan.endedOn) throw new StateConflict('planId', 'the child in need plan has already ended');
      rules.notBefore('endedOn', command.endedOn, plan.startedOn, 'the plan started');
      return [{ type: 'ChildInNeedPlanEnded', data: { caseId, planId: command.planId, endedOn: command.endedOn } }];
    }
    case 'StartLookedAfter':
      rules.nothingAfterNoFurtherAction_8831_4000(state, 'startedOn');
      rules.notBeforeReferral(state, 'startedOn', command.startedOn, '1103');
      if (state.lookedAfter) throw new StateConflict('startedOn', 'the child is already looked after');
      return [
        {
          type: 'BecameLookedAfter',
          data: { caseId, periodId: command.periodId, startedOn: command.startedOn, legalStatus: command.legalStatus },
        },
      ];
    case 'EndLookedAfter':
      if (!state.lookedAfter) throw new StateConflict('endedOn', 'the child is not looked after');
      rules.notBefore('endedOn', command.endedOn, state.lookedAfter.startedOn, 'the child became looked after');
      return [
        {
          type: 'CeasedToBeLookedAfter',
          data: { caseId, periodId: state.lookedAfter.periodId, endedOn: command.endedOn, reason: command.reason },
        },
      ];
    case 'CloseCase':
      rules.notBeforeReferral(state, 'closedOn', command.closedOn, '8630');
      rules.closedAfterAssessmentNeedsOne_8825(state, command.reason);
      rules.nothingOpenAtClosure(state);
      return [
        {
          type: 'CaseClosed',
          data: {
            caseId,
            closedOn: command.closedOn,
            reason: command.reason,
            referralDate: state.referralDate,
            // A family already stepped down at assessment is not handed over a second time at closure.
            ...stepDownIf(command.reason === 'RC9' && !state.steppedDown, state),
          },
        },
      ];
    default:
      return unreachable(command);
  }
};

export const evolve = (state: CaseState, event: CaseEvent): CaseState => {
  switch (event.type) {
    case 'CaseOpened':
      return {
        ...state,
        status: 'OPEN',
        opened: event.data,
        child: childDetailsAtOpening(event.data),
        referralDate: event.data.referralDate,
        attachedReferralIds: [event.data.referralId],
      };
    case 'ReferralAttachedToCase':
      return { ...state, attachedReferralIds: [...state.attachedReferralIds, event.data.referralId] };
    case 'AssessmentStarted':
      return { ...state, assessments: { ...state.assessments, [event.data.assessmentId]: { startedOn: event.data.startedOn } } };
    case 'AssessmentCompleted': {
      const assessment = {
        ...state.assessments[event.data.assessmentId],
        authorisedOn: event.data.authorisedOn,
        outcome: event.data.outcome,
      };
      return {
        ...state,
        assessments: { ...state.assessments, [event.data.assessmentId]: assessment },
        lastAssessmentOutcome: event.data.outcome,
        steppedDown: state.steppedDown || event.data.stepDown !== null,
      };
    }
    case 'StrategyDiscussionHeld': {
      const { strategyDiscussionId, heldOn, section47Id } = event.data;
      return {
        ...state,
        strategyDiscussions: { ...state.strategyDiscussions, [strategyDiscussionId]: { heldOn, section47Id } },
        section47s: section47Id ? { ...state.section47s, [section47Id]: { startedOn: heldOn } } : state.section47s,
      };
    }
    case 'Section47Concluded': {
      const section47 = {
        ...state.section47s[event.data.section47Id],
        concludedOn: event.data.concludedOn,
        icpcRequired: event.data.icpcRequired,
      };
      return { ...state, section47s: { ...state.section47s, [event.data.section47Id]: section47 } };
    }
    case 'ChildProtectionConferenceHeld':
      return {
        ...state,
        conferences: {
          ...state.conferences,
          [event.data.conferenceId]: { heldOn: event.data.heldOn, section47Id: event.data.section47Id },
        },
      };
    case 'ChildProtectionPlanStarted':
      return {
        ...state,
        cpPlans: {
          ...state.cpPlans,
          [event.data.planId]: {
            startedOn: event.data.startedOn,
            conferenceHeldOn: event.data.startedOn,
            category: event.data.category,
            reviews: [],
            namedSocialWorker: event.data.namedSocialWorker ?? null,
          },
        },
      };
    case 'ChildProtectionPlanReviewed': {
      const plan = state.cpPlans[event.data.planId];
      return {
        ...state,
        cpPlans: {
          ...state.cpPlans,
          [event.data.planId]: { ...plan, reviews: [...plan.reviews, event.data.heldOn], category: event.data.latestCategory },
        },
      };
    }
    case 'ChildProtectionPlanEnded':
      return {
        ...state,
        cpPlans: { ...state.cpPlans, [event.data.planId]: { ...state.cpPlans[event.data.planId], endedOn: event.data.endedOn } },
      };
    case 'ChildInNeedPlanStarted':
      return {
        ...state,
        cinPlans: {
          ...state.cinPlans,
          [event.data.planId]: { startedOn: event.data.startedOn, namedSocialWorker: event.data.namedSocialWorker ?? null },
        },
      };
    case 'ChildInNeedPlanEnded':
      return {
        ...state,
        cinPlans: { ...state.cinPlans, [event.data.planId]: { ...state.cinPlans[event.data.planId], endedOn: event.data.endedOn } },
      };
    case 'BecameLookedAfter':
      return {
        ...state,
        lookedAfter: { periodId: event.data.periodId, startedOn: event.data.startedOn, legalStatus: event.data.legalStatus },
      };
    case 'CeasedToBeLookedAfter':
      return { ...state, lookedAfter: null };
    case 'CaseClosed':
      return { ...state, status: 'CLOSED', closure: { closedOn: event.data.closedOn, reason: event.data.reason } };
    case 'ChildCharacteristicsRecorded':
      return { ...state, child: childDetailsAfter(state.child, event.data.subject) };
    default:
      return unreachable(event);
  }
};

export const foldCase = (events: CaseEvent[]): CaseState => events.reduce(evolve, initialCaseState);

/** What early help needs to open an episode; the child's identity goes in `subject`, where personal data lives. */
const stepDownIf = (
  steppingDown: boolean,
  state: CaseState,
): { stepDown: StepDown | null; subject: { child: CaseOpenedV1['subject']['child'] } | null } =>
  steppingDown
    ? {
        stepDown: { schoolUrn: state.opened!.child.schoolUrn, consentGiven: state.opened!.consentGiven, sex: state.opened!.child.sex },
        subject: { child: state.opened!.subject.child },
      }
    : { stepDown: null, subject: null };

/** The most recent Section 47 that concluded an ICPC was needed (or is still open) and has no conference yet. */
const latestSection47NeedingConference = (state: CaseState): string | null => {
  const conferenced = new Set(Object.values(state.conferences).map((conference) => conference.section47Id));
  const candidates = Object.entries(state.section47s)
    .filter(([id, section47]) => !conferenced.has(id) && section47.icpcRequired !== false)
    .sort(([, a], [, b]) => b.startedOn.localeCompare(a.startedOn));
  return candidates[0]?.[0] ?? null;
};

const openCpPlan = (state: CaseState, planId: string) => {
  const plan = state.cpPlans[planId];
  if (!plan) throw new StateConflict('planId', 'no such child protection plan on this case');
  if (plan.endedOn) throw new StateConflict('planId', 'the child protection plan has already ended');
  return plan;
};

const unreachable = (value: never): never => {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
};
