import {
  ABUSE_CATEGORIES,
  PRIMARY_NEEDS,
  REASONS_FOR_CLOSURE,
  REFERRAL_SOURCES,
  type AssessmentCompletedV1,
  type AssessmentOutcome,
  type ChildProtectionConferenceHeldV1,
} from '@csc/contracts';
import { codeWithLabel, somethingRecorded, type DescribableEvent, type EventDescriber } from '@csc/domain';
import type { CaseEvent } from '../case.decider';

const ASSESSMENT_OUTCOMES: Record<AssessmentOutcome, string> = {
  CHILD_IN_NEED: 'child in need',
  NO_FURTHER_ACTION: 'no further action',
  STEP_DOWN_TO_EARLY_HELP: 'stepped down to early help',
  STRATEGY_DISCUSSION: 'a strategy discussion is needed',
};

const timescale = (workingDays: number, from: string, within: boolean, limit: number) =>
  `${workingDays} working days from the ${from} (${within ? 'within' : 'outside'} the ${limit}-day timescale)`;

const assessmentCompleted = (data: AssessmentCompletedV1) =>
  [
    `Assessment authorised on ${data.authorisedOn}: ${ASSESSMENT_OUTCOMES[data.outcome]}`,
    `factors ${data.factors.join(', ')}`,
    timescale(data.workingDaysFromReferral, 'referral', data.withinTimescale, 45),
  ].join('; ');

const conferenceHeld = (data: ChildProtectionConferenceHeldV1) =>
  [
    `Initial child protection conference held on ${data.heldOn}: ${data.childProtectionPlan ? 'child protection plan needed' : 'no child protection plan'}`,
    data.workingDaysFromStrategyDiscussion === null || data.withinTimescale === null
      ? null
      : timescale(data.workingDaysFromStrategyDiscussion, 'strategy discussion', data.withinTimescale, 15),
  ]
    .filter((part) => part !== null)
    .join('; ');

// The named social worker is on the case's single read, but a sentence only says one was named: names stay out of chronologies.
const named = (namedSocialWorker: unknown) => (namedSocialWorker ? '; named social worker recorded' : '');

/**
 * A case's history in docs/domain.md's words, for the social workers and front door who may read the case:
 * census codes with their meaning, dates, outcomes and timeliness; never the child's details.
 */
export const describeCaseEvent: EventDescriber<CaseEvent> = (event) => {
  switch (event.type) {
    case 'CaseOpened':
      return `Case opened from the referral of ${event.data.referralDate} (primary need ${codeWithLabel(event.data.primaryNeed, PRIMARY_NEEDS)}; source ${codeWithLabel(event.data.source, REFERRAL_SOURCES)})`;
    case 'ReferralAttachedToCase':
      return `A further referral of ${event.data.referralDate} joined the open case (source ${codeWithLabel(event.data.source, REFERRAL_SOURCES)})`;
    case 'AssessmentStarted':
      return `Assessment started on ${event.data.startedOn}`;
    case 'AssessmentCompleted':
      return assessmentCompleted(event.data);
    case 'StrategyDiscussionHeld':
      return `Strategy discussion held on ${event.data.heldOn}: ${event.data.section47Id ? 'Section 47 enquiry started' : 'no Section 47 enquiry'}`;
    case 'Section47Concluded':
      return `Section 47 enquiry concluded on ${event.data.concludedOn}: ${event.data.icpcRequired ? 'initial child protection conference needed' : 'no initial child protection conference needed'}`;
    case 'ChildProtectionConferenceHeld':
      return conferenceHeld(event.data);
    case 'ChildProtectionPlanStarted':
      return `Child protection plan started on ${event.data.startedOn} (category ${codeWithLabel(event.data.category, ABUSE_CATEGORIES)})${named(event.data.namedSocialWorker)}`;
    case 'ChildProtectionPlanReviewed':
      return `Child protection plan reviewed on ${event.data.heldOn} (category ${codeWithLabel(event.data.latestCategory, ABUSE_CATEGORIES)})`;
    case 'ChildProtectionPlanEnded':
      return `Child protection plan ended on ${event.data.endedOn}`;
    case 'ChildInNeedPlanStarted':
      return `Child in need plan started on ${event.data.startedOn}${named(event.data.namedSocialWorker)}`;
    case 'ChildInNeedPlanEnded':
      return `Child in need plan ended on ${event.data.endedOn}`;
    case 'BecameLookedAfter':
      return `Became looked after on ${event.data.startedOn} (legal status ${event.data.legalStatus})`;
    case 'CeasedToBeLookedAfter':
      return `Ceased to be looked after on ${event.data.endedOn} (reason ${event.data.reason})`;
    case 'CaseClosed':
      return `Case closed on ${event.data.closedOn} (${codeWithLabel(event.data.reason, REASONS_FOR_CLOSURE)})`;
    case 'ChildCharacteristicsRecorded':
      // All of it is personal (the sealed subject): only that it was recorded.
      return `The child's census details were recorded or corrected on ${event.data.recordedOn}`;
    default:
      return somethingRecorded((event as DescribableEvent).type);
  }
};
