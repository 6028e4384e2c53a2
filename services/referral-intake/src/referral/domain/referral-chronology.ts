import { PRIMARY_NEEDS, REFERRAL_SOURCES, type ChildMatchRule, type ReferralOutcome } from '@csc/contracts';
import { codeWithLabel, somethingRecorded, type DescribableEvent, type EventDescriber } from '@csc/domain';
import type { ReferralEvent } from '../referral.decider';
import { schoolDecisionCategoryOf, type SchoolDecisionCategory } from './school-decision-category';

const OUTCOMES: Record<ReferralOutcome, string> = {
  ACCEPTED_FOR_ASSESSMENT: 'accepted for assessment',
  ALREADY_OPEN: 'the child already has an open case, which the referral joins',
  NFA: 'no further action',
  STEP_DOWN_TO_EARLY_HELP: 'stepped down to early help',
  SIGNPOSTED: 'signposted to other services',
  ADVICE_AND_INFORMATION: 'advice and information',
};

const SCHOOL_CATEGORIES: Record<SchoolDecisionCategory, string> = {
  ACCEPTED_FOR_ASSESSMENT: 'accepted for assessment',
  EARLY_HELP_OFFERED: 'early help offered',
  NO_FURTHER_ACTION_WITH_ADVICE: 'no further action, with advice',
};

const MATCH_RULES: Record<ChildMatchRule, string> = {
  NHS_NUMBER: 'by NHS number',
  UPN: 'by UPN',
  NAME_DATE_OF_BIRTH_DISTRICT: 'by name, date of birth and postcode district',
  EARLY_HELP_LINK: 'through the early help episode it came from',
  NEW_CHILD: 'as a new child',
};

// Questions, answers and the rationale are free text from the sealed subject: a sentence says they were recorded, never what they say.
const received = (data: Extract<ReferralEvent, { type: 'ReferralReceived' }>['data']): string =>
  [
    `Referral received (source ${codeWithLabel(data.source, REFERRAL_SOURCES)})`,
    data.steppedUpFromEarlyHelpEpisodeId ? 'stepped up from early help' : null,
    data.consent.given ? "the family's consent given" : 'without consent (reason recorded)',
    data.factors.length > 0 ? `concerns recorded with factors ${data.factors.join(', ')}` : 'concerns recorded',
  ]
    .filter((part) => part !== null)
    .join('; ');

const INFORMATION_REQUESTED = 'The front door asked the referrer for more information (question recorded)';
const INFORMATION_PROVIDED = 'More information provided (answer recorded)';

/** A referral's history as the front door and social care read it: the decision with its primary need. */
export const describeReferralEvent: EventDescriber<ReferralEvent> = (event) => {
  switch (event.type) {
    case 'ReferralReceived':
      return received(event.data);
    case 'ChildMatched':
      return event.data.matchedExistingChild
        ? `Child matched to a child already known ${MATCH_RULES[event.data.rule]}`
        : `Child recorded ${MATCH_RULES.NEW_CHILD}`;
    case 'InformationRequested':
      return INFORMATION_REQUESTED;
    case 'InformationProvided':
      return INFORMATION_PROVIDED;
    case 'ReferralDecided': {
      const need = event.data.primaryNeed ? ` (primary need ${codeWithLabel(event.data.primaryNeed, PRIMARY_NEEDS)})` : '';
      return `Decided: ${OUTCOMES[event.data.outcome]}${need}; rationale recorded`;
    }
    default:
      return somethingRecorded((event as DescribableEvent).type);
  }
};

/**
 * What the referring school may know of its referral (docs/domain.md, "What a school may be told"; the same
 * as its single read): received, the front door asking it for more and the answer, and the decision as
 * a category. Not whether the child was known before, nor the primary need; nothing of an event it does not know.
 */
export const describeReferralEventForSchool: EventDescriber<ReferralEvent> = (event) => {
  switch (event.type) {
    case 'ReferralReceived':
      return received(event.data);
    case 'InformationRequested':
      return INFORMATION_REQUESTED;
    case 'InformationProvided':
      return INFORMATION_PROVIDED;
    case 'ReferralDecided':
      return `Decided: ${SCHOOL_CATEGORIES[schoolDecisionCategoryOf(event.data.outcome)]}`;
    default:
      return null;
  }
};
