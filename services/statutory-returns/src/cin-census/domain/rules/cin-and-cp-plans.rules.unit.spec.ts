import { aChildWith, aCpPlan, aLaterEpisode, aProtectedEpisode, findingOf, findingsOf } from '../../../../test/child-protection-builders';
import {
  cinPlanNotStartingDuringCpPlan_4016,
  cpPlanNotStartingDuringCinPlan_4017,
  noOpenCinPlanBesideOpenCpPlan_4001,
  noReviewDuringCinPlan_4003,
} from './cin-and-cp-plans.rules';

// Stepping up: the CIN plan ends at the conference that starts the CP plan (Thursday 2025-05-29).
const steppedUp = aChildWith(aProtectedEpisode({ cinPlans: [{ startDate: '2025-05-20', endDate: '2025-05-29' }] }));
// Stepping down: a review conference ends the CP plan and a CIN plan starts that day (Thursday 2025-11-27).
const steppedDown = aChildWith(
  aProtectedEpisode({
    cpPlans: [aCpPlan({ endDate: '2025-11-27', reviewDates: ['2025-08-28', '2025-11-27'] })],
    cinPlans: [{ startDate: '2025-11-27', endDate: null }],
  }),
);

describe('4001: no CIN plan is open beside an open CP plan in the episode', () => {
  it('passes a CIN plan that ended when the CP plan started, and one started when it ended', () => {
    expect(findingsOf(noOpenCinPlanBesideOpenCpPlan_4001, steppedUp)).toEqual([]);
    expect(findingsOf(noOpenCinPlanBesideOpenCpPlan_4001, steppedDown)).toEqual([]);
  });

  it('flags a CIN plan left open when the CP plan started', () => {
    const child = aChildWith(aProtectedEpisode({ cinPlans: [{ startDate: '2025-05-20', endDate: null }] }));
    expect(findingsOf(noOpenCinPlanBesideOpenCpPlan_4001, child)).toEqual([
      findingOf(noOpenCinPlanBesideOpenCpPlan_4001, 'CINPlanEndDate'),
    ]);
  });
});

describe('4003: no CP plan review is held while a CIN plan is open', () => {
  it('passes reviews before a step down, and the review that stepped the child down', () => {
    expect(findingsOf(noReviewDuringCinPlan_4003, steppedDown)).toEqual([]);
  });

  it('flags a review held while a CIN plan was open, but not the review that ended the plan', () => {
    const child = aChildWith(
      aProtectedEpisode({
        cpPlans: [aCpPlan({ endDate: '2025-11-27', reviewDates: ['2025-08-28', '2025-11-27'] })],
        cinPlans: [{ startDate: '2025-08-20', endDate: null }],
      }),
    );
    const findings = findingsOf(noReviewDuringCinPlan_4003, child);
    expect(findings).toEqual([findingOf(noReviewDuringCinPlan_4003, 'CPPreviewDate')]);
    expect(findings[0].message).toContain('review 2025-08-28');
  });
});

describe('4016: no CIN plan starts while a CP plan runs', () => {
  it('passes a CIN plan started the day the CP plan ended', () => {
    expect(findingsOf(cinPlanNotStartingDuringCpPlan_4016, steppedDown)).toEqual([]);
  });

  it('flags a CIN plan started in a later episode while the CP plan still runs', () => {
    const child = aChildWith(aProtectedEpisode(), aLaterEpisode({ cinPlans: [{ startDate: '2025-11-04', endDate: null }] }));
    expect(findingsOf(cinPlanNotStartingDuringCpPlan_4016, child)).toEqual([
      findingOf(cinPlanNotStartingDuringCpPlan_4016, 'CINPlanStartDate', aLaterEpisode()),
    ]);
  });
});

describe('4017: no CP plan starts while a CIN plan runs', () => {
  it('passes a CP plan started the day the CIN plan ended', () => {
    expect(findingsOf(cpPlanNotStartingDuringCinPlan_4017, steppedUp)).toEqual([]);
  });

  it('flags a CP plan started while a CIN plan was open', () => {
    const child = aChildWith(aProtectedEpisode({ cinPlans: [{ startDate: '2025-05-20', endDate: '2025-06-30' }] }));
    expect(findingsOf(cpPlanNotStartingDuringCinPlan_4017, child)).toEqual([
      findingOf(cpPlanNotStartingDuringCinPlan_4017, 'CPPstartDate'),
    ]);
  });
});
