import type { ReferralOutcome } from '@csc/contracts';

/**
 * What a referring school may be told of a decision (docs/domain.md, "What a school may be told"):
 * a category, never the rationale or the primary need.
 */
export type SchoolDecisionCategory = 'ACCEPTED_FOR_ASSESSMENT' | 'EARLY_HELP_OFFERED' | 'NO_FURTHER_ACTION_WITH_ADVICE';

export const schoolDecisionCategoryOf = (outcome: ReferralOutcome): SchoolDecisionCategory => {
  switch (outcome) {
    case 'ACCEPTED_FOR_ASSESSMENT':
    case 'ALREADY_OPEN':
      return 'ACCEPTED_FOR_ASSESSMENT';
    case 'STEP_DOWN_TO_EARLY_HELP':
      return 'EARLY_HELP_OFFERED';
    case 'NFA':
    case 'SIGNPOSTED':
    case 'ADVICE_AND_INFORMATION':
      return 'NO_FURTHER_ACTION_WITH_ADVICE';
  }
};
