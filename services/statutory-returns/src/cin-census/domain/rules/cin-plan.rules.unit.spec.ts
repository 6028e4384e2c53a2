import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusChild, CensusCinPlan } from '../census-return';
import type { CensusRule } from './census-rule';
import {
  cinPlanEndInCensusYear_4013,
  cinPlanEndsAfterStart_4011,
  cinPlanLongerThanADay_4012Q,
  cinPlanNotBeforeReferral_4015,
  cinPlanNotEndingAfterDeath_4009Q,
  cinPlanNotStartingAfterDeath_4008,
  cinPlansDoNotOverlap_4014,
  cinPlanStartInReturn_4010,
  oneOpenCinPlan_4004,
} from './cin-plan.rules';

const CHILD_ID = aChild().childId;
const CASE_ID = anEpisode().caseId;

/** Given these CIN plans on an episode referred on 3 March 2025, when the rule checks the 2025-26 return. */
const findingsForPlans = (rule: CensusRule, plans: CensusCinPlan[], child: Partial<CensusChild> = {}) =>
  rule.check(aReturn([aChild({ ...child, episodes: [anEpisode({ cinReferralDate: '2025-03-03', cinPlans: plans })] })]));

const finding = (rule: string, severity: 'ERROR' | 'QUERY', field: string, caseId: string | null = CASE_ID) =>
  expect.objectContaining({ rule, severity, childId: CHILD_ID, caseId, field });

const plan = (startDate: string, endDate: string | null = null): CensusCinPlan => ({ startDate, endDate });

describe('4004 more than one open CIN plan', () => {
  it('passes one open plan after an ended one', () => {
    expect(findingsForPlans(oneOpenCinPlan_4004, [plan('2025-06-03', '2025-08-01'), plan('2025-08-02')])).toEqual([]);
  });

  it('fails two open plans, once for the episode', () => {
    expect(findingsForPlans(oneOpenCinPlan_4004, [plan('2025-06-03'), plan('2025-08-02')])).toEqual([
      finding('4004', 'ERROR', 'CINPlanEndDate'),
    ]);
  });
});

describe('4008 CIN plan starting after the child died', () => {
  const died = { personDeathDate: '2025-09-01' };

  it('passes a plan starting on the day of death', () => {
    expect(findingsForPlans(cinPlanNotStartingAfterDeath_4008, [plan('2025-09-01', '2025-09-01')], died)).toEqual([]);
  });

  it('fails a plan starting the day after', () => {
    expect(findingsForPlans(cinPlanNotStartingAfterDeath_4008, [plan('2025-09-02')], died)).toEqual([
      finding('4008', 'ERROR', 'CINPlanStartDate'),
    ]);
  });
});

describe('4009Q CIN plan ending after the child died', () => {
  const died = { personDeathDate: '2025-09-01' };

  it('passes a plan ending on the day of death, and an open plan', () => {
    expect(findingsForPlans(cinPlanNotEndingAfterDeath_4009Q, [plan('2025-06-03', '2025-09-01')], died)).toEqual([]);
    expect(findingsForPlans(cinPlanNotEndingAfterDeath_4009Q, [plan('2025-06-03')], died)).toEqual([]);
  });

  it('queries a plan ending the day after', () => {
    expect(findingsForPlans(cinPlanNotEndingAfterDeath_4009Q, [plan('2025-06-03', '2025-09-02')], died)).toEqual([
      finding('4009Q', 'QUERY', 'CINPlanEndDate'),
    ]);
  });
});

describe('4010 CIN plan start missing or after the collection period', () => {
  it('passes a plan started before the year, and one started on the reference date', () => {
    expect(findingsForPlans(cinPlanStartInReturn_4010, [plan('2025-03-10', '2025-05-01')])).toEqual([]);
    expect(findingsForPlans(cinPlanStartInReturn_4010, [plan('2026-03-31')])).toEqual([]);
  });

  it('fails a plan starting after the reference date, and one with no start', () => {
    expect(findingsForPlans(cinPlanStartInReturn_4010, [plan('2026-04-01')])).toEqual([finding('4010', 'ERROR', 'CINPlanStartDate')]);
    expect(findingsForPlans(cinPlanStartInReturn_4010, [plan(null as unknown as string)])).toEqual([
      finding('4010', 'ERROR', 'CINPlanStartDate'),
    ]);
  });
});

describe('4011 CIN plan ending before it started', () => {
  it('passes a plan ending after it started', () => {
    expect(findingsForPlans(cinPlanEndsAfterStart_4011, [plan('2025-06-03', '2025-06-04')])).toEqual([]);
  });

  it('fails a plan ending the day before it started', () => {
    expect(findingsForPlans(cinPlanEndsAfterStart_4011, [plan('2025-06-03', '2025-06-02')])).toEqual([
      finding('4011', 'ERROR', 'CINPlanEndDate'),
    ]);
  });
});

describe('4012Q CIN plan starting and ending on one day', () => {
  it('passes a plan of two days', () => {
    expect(findingsForPlans(cinPlanLongerThanADay_4012Q, [plan('2025-06-03', '2025-06-04')])).toEqual([]);
  });

  it('queries a plan of one day', () => {
    expect(findingsForPlans(cinPlanLongerThanADay_4012Q, [plan('2025-06-03', '2025-06-03')])).toEqual([
      finding('4012Q', 'QUERY', 'CINPlanEndDate'),
    ]);
  });
});

describe('4013 CIN plan end outside the census year', () => {
  it('passes plans ending on the first and last day of the year', () => {
    expect(findingsForPlans(cinPlanEndInCensusYear_4013, [plan('2025-03-10', '2025-04-01')])).toEqual([]);
    expect(findingsForPlans(cinPlanEndInCensusYear_4013, [plan('2025-06-03', '2026-03-31')])).toEqual([]);
  });

  it('fails plans ending the day before and the day after', () => {
    expect(findingsForPlans(cinPlanEndInCensusYear_4013, [plan('2025-03-10', '2025-03-31')])).toEqual([
      finding('4013', 'ERROR', 'CINPlanEndDate'),
    ]);
    expect(findingsForPlans(cinPlanEndInCensusYear_4013, [plan('2025-06-03', '2026-04-01')])).toEqual([
      finding('4013', 'ERROR', 'CINPlanEndDate'),
    ]);
  });
});

describe('4014 overlapping CIN plans', () => {
  it('passes a plan starting the day after the previous one ended', () => {
    expect(findingsForPlans(cinPlansDoNotOverlap_4014, [plan('2025-06-03', '2025-06-30'), plan('2025-07-01')])).toEqual([]);
  });

  it('fails a plan starting on the day the previous one ended, once', () => {
    expect(findingsForPlans(cinPlansDoNotOverlap_4014, [plan('2025-06-03', '2025-06-30'), plan('2025-06-30')])).toEqual([
      finding('4014', 'ERROR', 'CINPlanStartDate'),
    ]);
  });

  it('fails a plan in a later episode starting while one in an earlier episode is open, against the later case', () => {
    const laterCaseId = '00000000-0000-4000-8000-0000000000c2';
    const child = aChild({
      episodes: [
        anEpisode({ cinPlans: [plan('2025-06-03')] }),
        anEpisode({ referralId: 'r2', caseId: laterCaseId, cinReferralDate: '2025-09-01', cinPlans: [plan('2025-09-10')] }),
      ],
    });
    expect(cinPlansDoNotOverlap_4014.check(aReturn([child]))).toEqual([finding('4014', 'ERROR', 'CINPlanStartDate', laterCaseId)]);
  });
});

describe('4015 CIN plan starting before the referral', () => {
  it('passes a plan starting on the referral date', () => {
    expect(findingsForPlans(cinPlanNotBeforeReferral_4015, [plan('2025-03-03')])).toEqual([]);
  });

  it('fails a plan starting the day before', () => {
    expect(findingsForPlans(cinPlanNotBeforeReferral_4015, [plan('2025-03-02')])).toEqual([finding('4015', 'ERROR', 'CINPlanStartDate')]);
  });
});
