import { isCalendarDate } from '@csc/domain';
import type { CensusCinPlan, CinDetails, CollectionYear } from '../census-return';
import { childRule, episodeRule } from './census-rule';
import { isInCensusYear } from './episode-dates';

/** Rules on CINPlanDates groups. */

// The DfE's detail says "within a <CINDetails> module", though the message says "this child": one finding per episode.
export const oneOpenCinPlan_4004 = episodeRule(
  { code: '4004', severity: 'ERROR', text: 'This child is showing more than one open CIN Plan, i.e. with no End Date' },
  (episode) => {
    const open = episode.cinPlans.filter((plan) => !plan.endDate);
    return open.length > 1
      ? [{ field: 'CINPlanEndDate', detail: `open plans started ${open.map((plan) => plan.startDate).join(', ')}` }]
      : [];
  },
);

export const cinPlanNotStartingAfterDeath_4008 = episodeRule(
  { code: '4008', severity: 'ERROR', text: 'CIN Plan shown as starting after the child’s Date of Death.' },
  (episode, { personDeathDate }) =>
    personDeathDate
      ? episode.cinPlans
          .filter((plan) => plan.startDate > personDeathDate)
          .map((plan) => ({ field: 'CINPlanStartDate', detail: `plan started ${plan.startDate}` }))
      : [],
);

export const cinPlanNotEndingAfterDeath_4009Q = episodeRule(
  { code: '4009Q', severity: 'QUERY', text: 'CIN Plan cannot end after the child’s Date of Death' },
  (episode, { personDeathDate }) =>
    personDeathDate
      ? episode.cinPlans
          .filter((plan) => plan.endDate && plan.endDate > personDeathDate)
          .map((plan) => ({ field: 'CINPlanEndDate', detail: `plan ended ${plan.endDate}` }))
      : [],
);

// A plan may start before the census year (it is still open in it); only a missing or future start fails.
export const cinPlanStartInReturn_4010 = episodeRule(
  { code: '4010', severity: 'ERROR', text: 'CIN Plan start date is missing or out of data collection period' },
  (episode, _child, census) =>
    episode.cinPlans.flatMap(({ startDate }) => {
      if (!isCalendarDate(startDate ?? '')) return [{ field: 'CINPlanStartDate', detail: 'missing' }];
      return startDate > census.year.end ? [{ field: 'CINPlanStartDate', detail: `plan started ${startDate}` }] : [];
    }),
);

export const cinPlanEndsAfterStart_4011 = episodeRule(
  { code: '4011', severity: 'ERROR', text: 'CIN Plan End Date earlier than Start Date' },
  (episode) =>
    episode.cinPlans
      .filter((plan) => plan.endDate && plan.endDate < plan.startDate)
      .map((plan) => ({ field: 'CINPlanEndDate', detail: `plan started ${plan.startDate}, ended ${plan.endDate}` })),
);

export const cinPlanLongerThanADay_4012Q = episodeRule(
  {
    code: '4012Q',
    severity: 'QUERY',
    text: 'Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day',
  },
  (episode) =>
    episode.cinPlans
      .filter((plan) => plan.endDate === plan.startDate)
      .map((plan) => ({ field: 'CINPlanEndDate', detail: `plan started and ended ${plan.startDate}` })),
);

export const cinPlanEndInCensusYear_4013 = episodeRule(
  { code: '4013', severity: 'ERROR', text: 'CIN Plan end date must fall within the census year' },
  (episode, _child, census) =>
    episode.cinPlans.flatMap(({ endDate }) =>
      endDate && !isInCensusYear(endDate, census.year) ? [{ field: 'CINPlanEndDate', detail: `plan ended ${endDate}` }] : [],
    ),
);

interface PlanInEpisode {
  plan: CensusCinPlan;
  episode: CinDetails;
}

/** Whether `later` starts on or between `other`'s start and end (or the reference date, while `other` is open). */
const startsDuring = (later: CensusCinPlan, other: CensusCinPlan, year: CollectionYear): boolean =>
  later.startDate >= other.startDate && later.startDate <= (other.endDate ?? year.end);

// Across the child's episodes, not within one: a child has one plan at a time, whichever referral it came from.
// A plan starting on the day another ends overlaps it, as the DfE counts "on or between".
export const cinPlansDoNotOverlap_4014 = childRule(
  { code: '4014', severity: 'ERROR', text: 'CIN Plan data contains overlapping dates' },
  (child, census) => {
    const plans: PlanInEpisode[] = child.episodes.flatMap((episode) => episode.cinPlans.map((plan) => ({ plan, episode })));
    return plans.flatMap(({ plan, episode }, index) => {
      const overlapped = plans.find((other, otherIndex) => otherIndex !== index && startsDuring(plan, other.plan, census.year));
      return overlapped
        ? [
            {
              field: 'CINPlanStartDate',
              episode,
              detail: `plan started ${plan.startDate} during the one started ${overlapped.plan.startDate}`,
            },
          ]
        : [];
    });
  },
);

export const cinPlanNotBeforeReferral_4015 = episodeRule(
  { code: '4015', severity: 'ERROR', text: 'The CIN Plan start date cannot be before the referral date' },
  (episode) =>
    episode.cinPlans
      .filter((plan) => plan.startDate < episode.cinReferralDate)
      .map((plan) => ({
        field: 'CINPlanStartDate',
        detail: `plan started ${plan.startDate}, referral ${episode.cinReferralDate}`,
      })),
);

export const CIN_PLAN_RULES = [
  oneOpenCinPlan_4004,
  cinPlanNotStartingAfterDeath_4008,
  cinPlanNotEndingAfterDeath_4009Q,
  cinPlanStartInReturn_4010,
  cinPlanEndsAfterStart_4011,
  cinPlanLongerThanADay_4012Q,
  cinPlanEndInCensusYear_4013,
  cinPlansDoNotOverlap_4014,
  cinPlanNotBeforeReferral_4015,
];
