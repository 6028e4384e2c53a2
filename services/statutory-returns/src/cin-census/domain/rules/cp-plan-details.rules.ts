import { isAbuseCategory } from '@csc/contracts';
import { isCalendarDate } from '@csc/domain';
import type { CensusCpPlan } from '../census-return';
import { episodeRule, type CensusRule } from './census-rule';

const planStarted = (plan: CensusCpPlan): string => `plan started ${plan.startDate}`;

export const previousPlansCounted_8730: CensusRule = episodeRule(
  { code: '8730', severity: 'ERROR', text: 'Total Number of previous Child Protection Plans missing' },
  (episode) =>
    episode.cpPlans
      .filter(({ numberOfPreviousCpp }) => !Number.isInteger(numberOfPreviousCpp) || numberOfPreviousCpp < 0)
      .map((plan) => ({ field: 'NumberOfPreviousCPP', detail: planStarted(plan) })),
);

export const noPlanAfterNfaReferral_8832: CensusRule = episodeRule(
  { code: '8832', severity: 'ERROR', text: 'Child Protection details provided for a referral with no further action.' },
  (episode) =>
    episode.referralNfa && episode.cpPlans.length > 0
      ? [{ field: 'ReferralNFA', detail: episode.cpPlans.map(planStarted).join(', ') }]
      : [],
);

// A review date that is not a date at all is 8842Q's to report; comparing it would only add noise here.
export const reviewsAfterPlanStart_8841: CensusRule = episodeRule(
  { code: '8841', severity: 'ERROR', text: 'The review date cannot be on the same day or before the Child protection Plan start date.' },
  (episode) =>
    episode.cpPlans.flatMap((plan) =>
      plan.reviewDates
        .filter((review) => isCalendarDate(review) && review <= plan.startDate)
        .map((review) => ({ field: 'CPPreviewDate', detail: `review ${review}, ${planStarted(plan)}` })),
    ),
);

/** The model cannot hold a missing review date, so what can go wrong is one that is not a date (an empty string). */
export const reviewsDated_8842Q: CensusRule = episodeRule(
  { code: '8842Q', severity: 'QUERY', text: 'Please check and either amend or provide a reason: Review Record has a missing date' },
  (episode) =>
    episode.cpPlans.flatMap((plan) =>
      plan.reviewDates.filter((review) => !isCalendarDate(review)).map(() => ({ field: 'CPPreviewDate', detail: planStarted(plan) })),
    ),
);

export const initialCategoryValid_8905: CensusRule = episodeRule(
  {
    code: '8905',
    severity: 'ERROR',
    text: 'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  },
  (episode) =>
    episode.cpPlans
      .filter((plan) => !isAbuseCategory(plan.initialCategory))
      .map((plan) => ({ field: 'InitialCategoryOfAbuse', detail: planStarted(plan) })),
);

export const latestCategoryValid_8910: CensusRule = episodeRule(
  {
    code: '8910',
    severity: 'ERROR',
    text: 'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  },
  (episode) =>
    episode.cpPlans
      .filter((plan) => !isAbuseCategory(plan.latestCategory))
      .map((plan) => ({ field: 'LatestCategoryOfAbuse', detail: planStarted(plan) })),
);

/** What a child protection plan records besides its dates: the episode it may sit in, its reviews, its codes. */
export const CP_PLAN_DETAIL_RULES: CensusRule[] = [
  previousPlansCounted_8730,
  noPlanAfterNfaReferral_8832,
  reviewsAfterPlanStart_8841,
  reviewsDated_8842Q,
  initialCategoryValid_8905,
  latestCategoryValid_8910,
];
