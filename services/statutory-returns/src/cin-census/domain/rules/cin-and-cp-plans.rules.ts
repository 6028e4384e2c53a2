import { isCalendarDate } from '@csc/domain';
import { cinPlansOf, cpPlansOf, fallsInPeriod } from './child-protection-dates';
import { childRule, episodeRule, type CensusRule } from './census-rule';

// A child protection plan replaces a CIN plan: the CIN plan ends the day the CP plan starts (stepping up) or
// starts the day it ends (stepping down), and the two are never open at once.

export const noOpenCinPlanBesideOpenCpPlan_4001: CensusRule = episodeRule(
  { code: '4001', severity: 'ERROR', text: 'A CIN Plan cannot run concurrently with a Child Protection Plan' },
  (episode) =>
    episode.cpPlans.some((plan) => plan.endDate === null)
      ? episode.cinPlans
          .filter((cinPlan) => cinPlan.endDate === null)
          .map((cinPlan) => ({ field: 'CINPlanEndDate', detail: `CIN plan started ${cinPlan.startDate}` }))
      : [],
);

/** A review on the plan's last day is where the conference steps the child down to a CIN plan, so it may meet one. */
export const noReviewDuringCinPlan_4003: CensusRule = episodeRule(
  { code: '4003', severity: 'ERROR', text: 'A CPP review date is shown as being held at the same time as an open CIN Plan.' },
  (episode, _child, census) =>
    episode.cpPlans.flatMap((plan) =>
      plan.reviewDates
        .filter((review) => isCalendarDate(review) && review !== plan.endDate)
        .filter((review) => episode.cinPlans.some((cinPlan) => fallsInPeriod(review, cinPlan.startDate, cinPlan.endDate, census.year)))
        .map((review) => ({ field: 'CPPreviewDate', detail: `review ${review}` })),
    ),
);

export const cinPlanNotStartingDuringCpPlan_4016: CensusRule = childRule(
  { code: '4016', severity: 'ERROR', text: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.' },
  (child, census) => {
    const cpPlans = cpPlansOf(child);
    return cinPlansOf(child)
      .filter(({ cinPlan }) => cpPlans.some(({ plan }) => fallsInPeriod(cinPlan.startDate, plan.startDate, plan.endDate, census.year)))
      .map(({ cinPlan, episode }) => ({ field: 'CINPlanStartDate', episode, detail: `CIN plan started ${cinPlan.startDate}` }));
  },
);

export const cpPlanNotStartingDuringCinPlan_4017: CensusRule = childRule(
  { code: '4017', severity: 'ERROR', text: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.' },
  (child, census) => {
    const cinPlans = cinPlansOf(child);
    return cpPlansOf(child)
      .filter(({ plan }) => cinPlans.some(({ cinPlan }) => fallsInPeriod(plan.startDate, cinPlan.startDate, cinPlan.endDate, census.year)))
      .map(({ plan, episode }) => ({ field: 'CPPstartDate', episode, detail: `plan started ${plan.startDate}` }));
  },
);

/** CIN plans and child protection plans of the same child: one replaces the other. */
export const CIN_AND_CP_PLAN_RULES: CensusRule[] = [
  noOpenCinPlanBesideOpenCpPlan_4001,
  noReviewDuringCinPlan_4003,
  cinPlanNotStartingDuringCpPlan_4016,
  cpPlanNotStartingDuringCinPlan_4017,
];
