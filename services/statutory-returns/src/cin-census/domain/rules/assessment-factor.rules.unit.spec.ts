import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusAssessment, CinDetails } from '../census-return';
import {
  completedAssessmentHasFactors_8897Q,
  factor21Alone_8869,
  factor21MeansClosedAfterAssessment_8873Q,
  factorsNotRepeated_8898,
  noFactor18A_8945Q,
  noFactor19A_8950Q,
} from './assessment-factor.rules';
import type { CensusRule } from './census-rule';

const CHILD_ID = aChild().childId;
const CASE_ID = anEpisode().caseId;

const findingsFor = (rule: CensusRule, episode: Partial<CinDetails>) => rule.check(aReturn([aChild({ episodes: [anEpisode(episode)] })]));

/** Given one assessment authorised on `authorisationDate` with these factors, when the rule checks the 2025-26 return. */
const findingsForFactors = (rule: CensusRule, factors: string[], authorisationDate = '2025-06-02') =>
  findingsFor(rule, { cinReferralDate: '2025-03-03', assessments: [{ startDate: '2025-03-04', authorisationDate, factors }] });

const finding = (rule: string, severity: 'ERROR' | 'QUERY', field: string) =>
  expect.objectContaining({ rule, severity, childId: CHILD_ID, caseId: CASE_ID, field });

const noFactors: CensusAssessment = { startDate: '2025-05-07', authorisationDate: '2025-06-02', factors: ['21'] };
const closedOn = (reasonForClosure: string | null): Partial<CinDetails> => ({
  cinClosureDate: reasonForClosure ? '2025-06-02' : null,
  reasonForClosure,
  cinPlans: [],
});

describe('8869 factor 21 with other factors', () => {
  it('passes 21 alone', () => {
    expect(findingsForFactors(factor21Alone_8869, ['21'])).toEqual([]);
  });

  it('fails 21 beside 16A', () => {
    expect(findingsForFactors(factor21Alone_8869, ['21', '16A'])).toEqual([finding('8869', 'ERROR', 'AssessmentFactors')]);
  });
});

describe('8873Q one assessment with factor 21 but the case not closed RC8 or RC9', () => {
  it('passes a single assessment with 21 closed RC8', () => {
    expect(findingsFor(factor21MeansClosedAfterAssessment_8873Q, { ...closedOn('RC8'), assessments: [noFactors] })).toEqual([]);
  });

  it('passes 21 on one of two assessments, whatever the closure', () => {
    const second = { startDate: '2025-06-03', authorisationDate: '2025-07-01', factors: ['16A'] };
    expect(findingsFor(factor21MeansClosedAfterAssessment_8873Q, { ...closedOn('RC7'), assessments: [noFactors, second] })).toEqual([]);
  });

  it('queries a single assessment with 21 closed RC7', () => {
    expect(findingsFor(factor21MeansClosedAfterAssessment_8873Q, { ...closedOn('RC7'), assessments: [noFactors] })).toEqual([
      finding('8873Q', 'QUERY', 'ReasonForClosure'),
    ]);
  });

  it('queries a single assessment with 21 on an episode still open', () => {
    expect(findingsFor(factor21MeansClosedAfterAssessment_8873Q, { ...closedOn(null), assessments: [noFactors] })).toEqual([
      finding('8873Q', 'QUERY', 'ReasonForClosure'),
    ]);
  });
});

describe('8897Q factors missing from a completed assessment', () => {
  it('passes a completed assessment with factors, and one completed before the year without', () => {
    expect(findingsForFactors(completedAssessmentHasFactors_8897Q, ['16A', '3B'])).toEqual([]);
    expect(findingsForFactors(completedAssessmentHasFactors_8897Q, [], '2025-03-31')).toEqual([]);
  });

  it('leaves a withdrawn code (18A) to its own query', () => {
    expect(findingsForFactors(completedAssessmentHasFactors_8897Q, ['18A'])).toEqual([]);
  });

  it('queries an assessment completed on 1 April with no factors', () => {
    expect(findingsForFactors(completedAssessmentHasFactors_8897Q, [], '2025-04-01')).toEqual([
      finding('8897Q', 'QUERY', 'AssessmentFactors'),
    ]);
  });

  it('queries one whose only factor is not a code', () => {
    const findings = findingsForFactors(completedAssessmentHasFactors_8897Q, ['25A']);
    expect(findings).toEqual([finding('8897Q', 'QUERY', 'AssessmentFactors')]);
    expect(findings[0].message).toContain('25A');
  });
});

describe('8898 the same factor twice', () => {
  it('passes distinct factors', () => {
    expect(findingsForFactors(factorsNotRepeated_8898, ['16A', '17A'])).toEqual([]);
  });

  it('fails 16A twice, naming it once', () => {
    const findings = findingsForFactors(factorsNotRepeated_8898, ['16A', '17A', '16A', '16A']);
    expect(findings).toEqual([finding('8898', 'ERROR', 'AssessmentFactors')]);
    expect(findings[0].message).toMatch(/, 16A\)$/);
  });
});

describe('8945Q factor 18A', () => {
  it('passes 18B and 18C', () => {
    expect(findingsForFactors(noFactor18A_8945Q, ['18B', '18C'])).toEqual([]);
  });

  it('queries 18A', () => {
    expect(findingsForFactors(noFactor18A_8945Q, ['18A'])).toEqual([finding('8945Q', 'QUERY', 'AssessmentFactors')]);
  });
});

describe('8950Q factor 19A', () => {
  it('passes 19B and 19C', () => {
    expect(findingsForFactors(noFactor19A_8950Q, ['19B', '19C'])).toEqual([]);
  });

  it('queries 19A, in either case', () => {
    expect(findingsForFactors(noFactor19A_8950Q, ['19a'])).toEqual([finding('8950Q', 'QUERY', 'AssessmentFactors')]);
  });
});
