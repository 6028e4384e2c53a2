import { aChild } from '../../../../test/census-builders';
import { aChildWith, aCpPlan, aLaterEpisode, aProtectedEpisode, findingOf, findingsOf } from '../../../../test/child-protection-builders';
import {
  oneOpenPlan_8935,
  planEndedInYear_8930,
  planNotBeforeReferral_1105,
  planNotEndingAfterDeath_8920,
  planNotEndingBeforeStart_8925,
  planNotEndingOnStartDay_8840,
  planNotStartingAfterDeath_8915,
  planStartedByReferenceDate_8720,
  plansNotOverlapping_8940,
} from './cp-plan.rules';

const withPlans = (...cpPlans: ReturnType<typeof aCpPlan>[]) => aChildWith(aProtectedEpisode({ cpPlans }));
const diedOn = (personDeathDate: string, ...cpPlans: ReturnType<typeof aCpPlan>[]) =>
  aChild({ personDeathDate, episodes: [aProtectedEpisode({ cpPlans })] });

describe('1105: a plan starts on or after the referral', () => {
  it('passes a plan started at the conference after the referral', () => {
    expect(findingsOf(planNotBeforeReferral_1105, withPlans(aCpPlan()))).toEqual([]);
  });

  it('flags a plan started before the referral', () => {
    expect(findingsOf(planNotBeforeReferral_1105, withPlans(aCpPlan({ startDate: '2025-05-01' })))).toEqual([
      findingOf(planNotBeforeReferral_1105, 'CPPstartDate'),
    ]);
  });
});

describe('8720: a plan starts on or before the reference date', () => {
  it('passes a plan started in May 2025, and one from November 2024 still open', () => {
    expect(findingsOf(planStartedByReferenceDate_8720, withPlans(aCpPlan(), aCpPlan({ startDate: '2024-11-05' })))).toEqual([]);
  });

  it('flags a plan starting after 31 March 2026, and one with no start date', () => {
    expect(findingsOf(planStartedByReferenceDate_8720, withPlans(aCpPlan({ startDate: '2026-04-01' })))).toEqual([
      findingOf(planStartedByReferenceDate_8720, 'CPPstartDate'),
    ]);
    expect(findingsOf(planStartedByReferenceDate_8720, withPlans(aCpPlan({ startDate: '' })))).toEqual([
      findingOf(planStartedByReferenceDate_8720, 'CPPstartDate'),
    ]);
  });
});

describe('8840: a plan does not start and end on the same day', () => {
  it('passes a plan ended the day after it started, and an open one', () => {
    expect(findingsOf(planNotEndingOnStartDay_8840, withPlans(aCpPlan({ endDate: '2025-05-30' }), aCpPlan()))).toEqual([]);
  });

  it('flags a plan ended the day it started', () => {
    expect(findingsOf(planNotEndingOnStartDay_8840, withPlans(aCpPlan({ endDate: '2025-05-29' })))).toEqual([
      findingOf(planNotEndingOnStartDay_8840, 'CPPendDate'),
    ]);
  });
});

describe('8915: a plan does not start after the child died', () => {
  it('passes a plan started on the day of death, and a child who has not died', () => {
    expect(findingsOf(planNotStartingAfterDeath_8915, diedOn('2025-05-29', aCpPlan()))).toEqual([]);
    expect(findingsOf(planNotStartingAfterDeath_8915, withPlans(aCpPlan()))).toEqual([]);
  });

  it('flags a plan started the day after the child died', () => {
    expect(findingsOf(planNotStartingAfterDeath_8915, diedOn('2025-05-28', aCpPlan()))).toEqual([
      findingOf(planNotStartingAfterDeath_8915, 'CPPstartDate'),
    ]);
  });
});

describe('8920: a plan does not end after the child died', () => {
  it('passes a plan ended on the day of death', () => {
    expect(findingsOf(planNotEndingAfterDeath_8920, diedOn('2025-09-01', aCpPlan({ endDate: '2025-09-01' })))).toEqual([]);
  });

  it('flags a plan ended two weeks after the child died', () => {
    expect(findingsOf(planNotEndingAfterDeath_8920, diedOn('2025-09-01', aCpPlan({ endDate: '2025-09-15' })))).toEqual([
      findingOf(planNotEndingAfterDeath_8920, 'CPPendDate'),
    ]);
  });
});

describe('8925: a plan does not end before it starts', () => {
  it('passes a plan ended after it started', () => {
    expect(findingsOf(planNotEndingBeforeStart_8925, withPlans(aCpPlan({ endDate: '2025-11-27' })))).toEqual([]);
  });

  it('flags a plan ended before it started', () => {
    expect(findingsOf(planNotEndingBeforeStart_8925, withPlans(aCpPlan({ endDate: '2025-05-20' })))).toEqual([
      findingOf(planNotEndingBeforeStart_8925, 'CPPendDate'),
    ]);
  });
});

describe('8930: a plan that ended, ended in the census year', () => {
  it('passes a plan ended on 31 March 2026, and an open plan', () => {
    expect(findingsOf(planEndedInYear_8930, withPlans(aCpPlan({ endDate: '2026-03-31' }), aCpPlan()))).toEqual([]);
  });

  it('flags a plan ended after the reference date, and one ended before the year began', () => {
    expect(findingsOf(planEndedInYear_8930, withPlans(aCpPlan({ endDate: '2026-04-10' })))).toEqual([
      findingOf(planEndedInYear_8930, 'CPPendDate'),
    ]);
    expect(findingsOf(planEndedInYear_8930, withPlans(aCpPlan({ startDate: '2024-11-05', endDate: '2025-03-31' })))).toEqual([
      findingOf(planEndedInYear_8930, 'CPPendDate'),
    ]);
  });
});

describe('8935: a child has at most one open plan', () => {
  it('passes an ended plan followed by an open one', () => {
    const child = aChildWith(
      aProtectedEpisode({ cpPlans: [aCpPlan({ endDate: '2025-09-01' })] }),
      aLaterEpisode({ cpPlans: [aCpPlan({ startDate: '2025-11-06' })] }),
    );
    expect(findingsOf(oneOpenPlan_8935, child)).toEqual([]);
  });

  it('flags each open plan when two are open, though in different episodes', () => {
    const child = aChildWith(aProtectedEpisode(), aLaterEpisode({ cpPlans: [aCpPlan({ startDate: '2025-11-06' })] }));
    expect(findingsOf(oneOpenPlan_8935, child)).toEqual([
      findingOf(oneOpenPlan_8935, 'CPPendDate'),
      findingOf(oneOpenPlan_8935, 'CPPendDate', aLaterEpisode()),
    ]);
  });
});

describe('8940: a child’s plans do not overlap', () => {
  it('passes a plan started after the previous one ended', () => {
    expect(
      findingsOf(plansNotOverlapping_8940, withPlans(aCpPlan({ endDate: '2025-09-01' }), aCpPlan({ startDate: '2025-10-02' }))),
    ).toEqual([]);
  });

  it('flags the plan started while another ran, in another episode', () => {
    const child = aChildWith(
      aProtectedEpisode({ cpPlans: [aCpPlan({ endDate: '2025-11-20' })] }),
      aLaterEpisode({ cpPlans: [aCpPlan({ startDate: '2025-11-06' })] }),
    );
    const findings = findingsOf(plansNotOverlapping_8940, child);
    expect(findings).toEqual([findingOf(plansNotOverlapping_8940, 'CPPstartDate', aLaterEpisode())]);
    expect(findings[0].message).toContain('plan started 2025-11-06');
  });

  it('flags a plan started on the day the previous one ended', () => {
    const findings = findingsOf(
      plansNotOverlapping_8940,
      withPlans(aCpPlan({ endDate: '2025-09-01' }), aCpPlan({ startDate: '2025-09-01' })),
    );
    expect(findings).toEqual([findingOf(plansNotOverlapping_8940, 'CPPstartDate')]);
  });
});
