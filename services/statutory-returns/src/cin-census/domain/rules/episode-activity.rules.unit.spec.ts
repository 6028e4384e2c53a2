import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusCpPlan, CensusSection47, CinDetails } from '../census-return';
import type { CensusRule } from './census-rule';
import {
  closedAfterAssessmentHasAssessment_8825Q,
  closedEpisodeAssessmentsComplete_8867,
  noCinPlanOnNfaReferral_4000,
  nothingAfterClosedAfterAssessment_2990,
  nothingAfterClosure_8565,
  nothingOnNfaReferral_8831,
  section47HasAssessment_2991Q,
} from './episode-activity.rules';

const CHILD_ID = aChild().childId;
const CASE_ID = anEpisode().caseId;

const findingsFor = (rule: CensusRule, episode: Partial<CinDetails>) => rule.check(aReturn([aChild({ episodes: [anEpisode(episode)] })]));

const finding = (rule: string, severity: 'ERROR' | 'QUERY', field: string) =>
  expect.objectContaining({ rule, severity, childId: CHILD_ID, caseId: CASE_ID, field });

const enquiry = (overrides: Partial<CensusSection47> = {}): CensusSection47 => ({
  startDate: '2025-05-08',
  initialCpcTarget: null,
  dateOfInitialCpc: null,
  icpcNotRequired: true,
  ...overrides,
});

const cpPlan = (overrides: Partial<CensusCpPlan> = {}): CensusCpPlan => ({
  startDate: '2025-05-20',
  endDate: null,
  initialCategory: 'NEG',
  latestCategory: 'NEG',
  numberOfPreviousCpp: 0,
  reviewDates: [],
  ...overrides,
});

const authorised = { startDate: '2025-05-07', authorisationDate: '2025-06-02', factors: ['21'] };
const closedAfterAssessment = { cinClosureDate: '2025-06-02', assessments: [authorised], cinPlans: [] };

describe('2990 activity on a case closed after assessment (RC8, RC9)', () => {
  it('passes an RC8 closure with only its assessment, and an RC7 closure with a plan', () => {
    expect(findingsFor(nothingAfterClosedAfterAssessment_2990, { ...closedAfterAssessment, reasonForClosure: 'RC8' })).toEqual([]);
    expect(
      findingsFor(nothingAfterClosedAfterAssessment_2990, {
        cinClosureDate: '2025-09-01',
        reasonForClosure: 'RC7',
        cinPlans: [{ startDate: '2025-06-03', endDate: '2025-09-01' }],
      }),
    ).toEqual([]);
  });

  it('fails an RC9 closure with a CIN plan and a Section 47, naming both', () => {
    const findings = findingsFor(nothingAfterClosedAfterAssessment_2990, {
      ...closedAfterAssessment,
      reasonForClosure: 'RC9',
      cinPlans: [{ startDate: '2025-05-20', endDate: '2025-06-02' }],
      section47s: [enquiry()],
    });
    expect(findings).toEqual([finding('2990', 'ERROR', 'ReasonForClosure')]);
    expect(findings[0].message).toContain('CINPlanDates, Section47');
  });
});

describe('2991Q Section 47 without an assessment', () => {
  it('passes a Section 47 beside an assessment', () => {
    expect(findingsFor(section47HasAssessment_2991Q, { section47s: [enquiry()] })).toEqual([]);
  });

  it('queries a Section 47 on an episode with no assessment', () => {
    expect(findingsFor(section47HasAssessment_2991Q, { section47s: [enquiry()], assessments: [] })).toEqual([
      finding('2991Q', 'QUERY', 'Assessments'),
    ]);
  });
});

describe('4000 CIN plan on a referral with no further action', () => {
  it('passes an NFA referral with nothing after it', () => {
    expect(findingsFor(noCinPlanOnNfaReferral_4000, { referralNfa: true, assessments: [], cinPlans: [] })).toEqual([]);
  });

  it('fails an NFA referral with a CIN plan', () => {
    expect(
      findingsFor(noCinPlanOnNfaReferral_4000, {
        referralNfa: true,
        assessments: [],
        cinPlans: [{ startDate: '2025-05-06', endDate: null }],
      }),
    ).toEqual([finding('4000', 'ERROR', 'ReferralNFA')]);
  });
});

describe('8565 activity after the case was closed', () => {
  it('passes a closure on the day of the last activity', () => {
    expect(
      findingsFor(nothingAfterClosure_8565, {
        cinClosureDate: '2025-09-01',
        reasonForClosure: 'RC7',
        cinPlans: [{ startDate: '2025-06-03', endDate: '2025-09-01' }],
      }),
    ).toEqual([]);
  });

  it('fails each date after the closure, by its element', () => {
    const findings = findingsFor(nothingAfterClosure_8565, {
      cinClosureDate: '2025-06-01',
      reasonForClosure: 'RC7',
      section47s: [enquiry({ dateOfInitialCpc: '2025-06-01' })],
      cpPlans: [cpPlan({ endDate: '2025-06-05' })],
    });
    expect(findings).toEqual([
      finding('8565', 'ERROR', 'AssessmentAuthorisationDate'),
      finding('8565', 'ERROR', 'CPPendDate'),
      finding('8565', 'ERROR', 'CINPlanStartDate'),
    ]);
  });

  it('fails a Section 47 conference after the closure', () => {
    expect(
      findingsFor(nothingAfterClosure_8565, {
        cinClosureDate: '2025-06-03',
        reasonForClosure: 'RC7',
        cinPlans: [],
        section47s: [enquiry({ dateOfInitialCpc: '2025-06-04' })],
      }),
    ).toEqual([finding('8565', 'ERROR', 'DateOfInitialCPC')]);
  });
});

describe('8825Q RC8 or RC9 with no assessment', () => {
  it('passes an RC8 closure with an assessment', () => {
    expect(findingsFor(closedAfterAssessmentHasAssessment_8825Q, { ...closedAfterAssessment, reasonForClosure: 'RC8' })).toEqual([]);
  });

  it('queries an RC8 closure with none', () => {
    expect(
      findingsFor(closedAfterAssessmentHasAssessment_8825Q, {
        ...closedAfterAssessment,
        reasonForClosure: 'RC8',
        assessments: [],
      }),
    ).toEqual([finding('8825Q', 'QUERY', 'ReasonForClosure')]);
  });
});

describe('8831 activity on a referral with no further action', () => {
  it('passes an NFA referral with nothing after it', () => {
    expect(findingsFor(nothingOnNfaReferral_8831, { referralNfa: true, assessments: [], cinPlans: [] })).toEqual([]);
  });

  it('fails an NFA referral with an assessment', () => {
    expect(findingsFor(nothingOnNfaReferral_8831, { referralNfa: true, cinPlans: [] })).toEqual([finding('8831', 'ERROR', 'ReferralNFA')]);
  });

  it('fails an NFA referral with a conference', () => {
    expect(
      findingsFor(nothingOnNfaReferral_8831, {
        referralNfa: true,
        assessments: [],
        cinPlans: [],
        dateOfInitialCpc: '2025-05-20',
      }),
    ).toEqual([finding('8831', 'ERROR', 'ReferralNFA')]);
  });
});

describe('8867 closed episode with an assessment not completed', () => {
  it('passes a closed episode whose assessment is authorised', () => {
    expect(findingsFor(closedEpisodeAssessmentsComplete_8867, { ...closedAfterAssessment, reasonForClosure: 'RC8' })).toEqual([]);
  });

  it('fails a closed episode with an open assessment', () => {
    expect(
      findingsFor(closedEpisodeAssessmentsComplete_8867, {
        cinClosureDate: '2025-06-02',
        reasonForClosure: 'RC7',
        assessments: [{ startDate: '2025-05-07', authorisationDate: null, factors: [] }],
        cinPlans: [],
      }),
    ).toEqual([finding('8867', 'ERROR', 'AssessmentAuthorisationDate')]);
  });
});
