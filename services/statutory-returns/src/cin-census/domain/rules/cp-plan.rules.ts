import { isCalendarDate, type CalendarDate } from '@csc/domain';
import type { CensusCpPlan } from '../census-return';
import { cpPlansOf, isInCollectionYear } from './child-protection-dates';
import { childRule, episodeRule, type CensusRule } from './census-rule';

const planStarted = (plan: CensusCpPlan): string => `plan started ${plan.startDate}`;

export const planNotBeforeReferral_1105: CensusRule = episodeRule(
  { code: '1105', severity: 'ERROR', text: 'The child protection plan start date cannot be before the referral date' },
  (episode) =>
    episode.cpPlans
      .filter((plan) => plan.startDate < episode.cinReferralDate)
      .map((plan) => ({ field: 'CPPstartDate', detail: planStarted(plan) })),
);

/** Only a start after the reference date is out: a plan that began in an earlier year and is still open belongs in the return. */
export const planStartedByReferenceDate_8720: CensusRule = episodeRule(
  { code: '8720', severity: 'ERROR', text: 'Child Protection Plan Start Date missing or out of data collection period' },
  (episode, _child, census) =>
    episode.cpPlans
      .filter((plan) => !isCalendarDate(plan.startDate) || plan.startDate > census.year.end)
      .map((plan) => ({ field: 'CPPstartDate', detail: planStarted(plan) })),
);

export const planNotEndingOnStartDay_8840: CensusRule = episodeRule(
  { code: '8840', severity: 'ERROR', text: 'Child Protection Plan cannot start and end on the same day' },
  (episode) =>
    episode.cpPlans.filter((plan) => plan.endDate === plan.startDate).map((plan) => ({ field: 'CPPendDate', detail: planStarted(plan) })),
);

export const planNotStartingAfterDeath_8915: CensusRule = episodeRule(
  { code: '8915', severity: 'ERROR', text: 'Child Protection Plan shown as starting after the child’s Date of Death' },
  (episode, { personDeathDate }) =>
    personDeathDate === null
      ? []
      : episode.cpPlans
          .filter((plan) => plan.startDate > personDeathDate)
          .map((plan) => ({ field: 'CPPstartDate', detail: planStarted(plan) })),
);

export const planNotEndingAfterDeath_8920: CensusRule = episodeRule(
  { code: '8920', severity: 'ERROR', text: 'Child Protection Plan cannot end after the child’s Date of Death' },
  (episode, { personDeathDate }) =>
    personDeathDate === null
      ? []
      : episode.cpPlans
          .filter((plan) => plan.endDate !== null && plan.endDate > personDeathDate)
          .map((plan) => ({ field: 'CPPendDate', detail: `plan ended ${plan.endDate}` })),
);

export const planNotEndingBeforeStart_8925: CensusRule = episodeRule(
  { code: '8925', severity: 'ERROR', text: 'Child Protection Plan End Date earlier than Start Date' },
  (episode) =>
    episode.cpPlans
      .filter((plan) => plan.endDate !== null && plan.endDate < plan.startDate)
      .map((plan) => ({ field: 'CPPendDate', detail: `plan ended ${plan.endDate}` })),
);

export const planEndedInYear_8930: CensusRule = episodeRule(
  { code: '8930', severity: 'ERROR', text: 'Child Protection Plan End Date must fall within the census year' },
  (episode, _child, census) =>
    episode.cpPlans
      .filter((plan) => plan.endDate !== null && !isInCollectionYear(plan.endDate, census.year))
      .map((plan) => ({ field: 'CPPendDate', detail: `plan ended ${plan.endDate}` })),
);

export const oneOpenPlan_8935: CensusRule = childRule(
  { code: '8935', severity: 'ERROR', text: 'This child is showing more than one open Child Protection plan, i.e. with no End Date' },
  (child) => {
    const open = cpPlansOf(child).filter(({ plan }) => plan.endDate === null);
    return open.length > 1 ? open.map(({ plan, episode }) => ({ field: 'CPPendDate', episode, detail: planStarted(plan) })) : [];
  },
);

/** Both ends count, as the DfE words it: a plan starting the day another ends overlaps it (a new plan needs a new conference). */
const startsWithin = (plan: CensusCpPlan, other: CensusCpPlan, referenceDate: CalendarDate): boolean =>
  plan.startDate >= other.startDate && plan.startDate <= (other.endDate ?? referenceDate);

export const plansNotOverlapping_8940: CensusRule = childRule(
  { code: '8940', severity: 'ERROR', text: 'Child Protection Plan data contains overlapping dates' },
  (child, census) => {
    const plans = cpPlansOf(child);
    return plans
      .filter(({ plan }) => plans.some((other) => other.plan !== plan && startsWithin(plan, other.plan, census.year.end)))
      .map(({ plan, episode }) => ({ field: 'CPPstartDate', episode, detail: planStarted(plan) }));
  },
);

/** Child protection plans' own dates: within the year, the referral and the child's life, one plan at a time. */
export const CP_PLAN_RULES: CensusRule[] = [
  planNotBeforeReferral_1105,
  planStartedByReferenceDate_8720,
  planNotEndingOnStartDay_8840,
  planNotStartingAfterDeath_8915,
  planNotEndingAfterDeath_8920,
  planNotEndingBeforeStart_8925,
  planEndedInYear_8930,
  oneOpenPlan_8935,
  plansNotOverlapping_8940,
];
