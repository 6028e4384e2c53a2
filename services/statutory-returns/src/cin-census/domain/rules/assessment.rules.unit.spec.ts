import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusAssessment, CinDetails } from '../census-return';
import {
  assessmentNotBeforeReferral_1103,
  assessmentStartsBeforeAuthorisation_8608,
  assessmentsDoNotOverlap_8863Q,
  authorisationInCensusYear_8696,
  factorsOnlyWhenComplete_8614,
  oneOpenAssessment_8896,
  openAssessmentNotOverdue_8670Q,
  openAssessmentStartsInCensusYear_8736,
} from './assessment.rules';
import type { CensusRule } from './census-rule';

const CHILD_ID = aChild().childId;
const CASE_ID = anEpisode().caseId;

const findingsFor = (rule: CensusRule, episode: Partial<CinDetails>) => rule.check(aReturn([aChild({ episodes: [anEpisode(episode)] })]));

/** Given these assessments on an episode referred on 6 May 2025, when the rule checks the 2025-26 return. */
const findingsForAssessments = (rule: CensusRule, ...assessments: CensusAssessment[]) =>
  findingsFor(rule, { cinReferralDate: '2025-05-06', assessments });

const finding = (rule: string, severity: 'ERROR' | 'QUERY', field: string) =>
  expect.objectContaining({ rule, severity, childId: CHILD_ID, caseId: CASE_ID, field });

const open = (startDate: string, factors: string[] = []): CensusAssessment => ({
  startDate,
  authorisationDate: null,
  factors,
});
const completed = (startDate: string, authorisationDate: string): CensusAssessment => ({
  startDate,
  authorisationDate,
  factors: ['16A'],
});

describe('1103 assessment start before the referral', () => {
  it('passes an assessment starting on the referral date', () => {
    expect(findingsForAssessments(assessmentNotBeforeReferral_1103, completed('2025-05-06', '2025-06-02'))).toEqual([]);
  });

  it('fails one starting the day before', () => {
    expect(findingsForAssessments(assessmentNotBeforeReferral_1103, completed('2025-05-05', '2025-06-02'))).toEqual([
      finding('1103', 'ERROR', 'AssessmentActualStartDate'),
    ]);
  });
});

describe('8608 assessment start after its end', () => {
  it('passes an assessment authorised the day it started', () => {
    expect(findingsForAssessments(assessmentStartsBeforeAuthorisation_8608, completed('2025-05-07', '2025-05-07'))).toEqual([]);
  });

  it('fails one authorised before it started', () => {
    expect(findingsForAssessments(assessmentStartsBeforeAuthorisation_8608, completed('2025-05-07', '2025-05-06'))).toEqual([
      finding('8608', 'ERROR', 'AssessmentActualStartDate'),
    ]);
  });
});

describe('8614 factors on an assessment not completed', () => {
  it('passes an open assessment with no factors', () => {
    expect(findingsForAssessments(factorsOnlyWhenComplete_8614, open('2025-05-07'))).toEqual([]);
  });

  it('fails an open assessment with factors', () => {
    expect(findingsForAssessments(factorsOnlyWhenComplete_8614, open('2025-05-07', ['16A']))).toEqual([
      finding('8614', 'ERROR', 'AssessmentFactors'),
    ]);
  });
});

describe('8670Q open assessment started more than 45 working days before the reference date', () => {
  it('passes one started 45 working days before 31 March 2026 (Tuesday 27 January 2026)', () => {
    expect(findingsForAssessments(openAssessmentNotOverdue_8670Q, open('2026-01-27'))).toEqual([]);
  });

  it('passes an old assessment that was completed', () => {
    expect(findingsForAssessments(openAssessmentNotOverdue_8670Q, completed('2025-05-07', '2025-06-02'))).toEqual([]);
  });

  it('queries one started a working day earlier', () => {
    expect(findingsForAssessments(openAssessmentNotOverdue_8670Q, open('2026-01-26'))).toEqual([
      finding('8670Q', 'QUERY', 'AssessmentActualStartDate'),
    ]);
  });
});

describe('8696 assessment authorised outside the census year', () => {
  it('passes authorisations on the first and last day of the year', () => {
    expect(findingsForAssessments(authorisationInCensusYear_8696, completed('2025-05-07', '2026-03-31'))).toEqual([]);
    expect(
      findingsFor(authorisationInCensusYear_8696, {
        cinReferralDate: '2025-03-03',
        assessments: [completed('2025-03-04', '2025-04-01')],
      }),
    ).toEqual([]);
  });

  it('fails an authorisation after the reference date, and one before the year', () => {
    expect(findingsForAssessments(authorisationInCensusYear_8696, completed('2025-05-07', '2026-04-01'))).toEqual([
      finding('8696', 'ERROR', 'AssessmentAuthorisationDate'),
    ]);
    expect(
      findingsFor(authorisationInCensusYear_8696, {
        cinReferralDate: '2025-03-03',
        assessments: [completed('2025-03-04', '2025-03-31')],
      }),
    ).toEqual([finding('8696', 'ERROR', 'AssessmentAuthorisationDate')]);
  });
});

describe('8736 open assessment starting outside the census year', () => {
  it('passes an open assessment started on 1 April, and a completed one started before it', () => {
    expect(findingsForAssessments(openAssessmentStartsInCensusYear_8736, open('2025-04-01'))).toEqual([]);
    expect(findingsForAssessments(openAssessmentStartsInCensusYear_8736, completed('2025-03-20', '2025-04-10'))).toEqual([]);
  });

  it('fails an open assessment started on 31 March 2025', () => {
    expect(findingsForAssessments(openAssessmentStartsInCensusYear_8736, open('2025-03-31'))).toEqual([
      finding('8736', 'ERROR', 'AssessmentActualStartDate'),
    ]);
  });
});

describe('8863Q assessment starting while another is ongoing', () => {
  it('passes an assessment starting the day after the previous one was authorised', () => {
    expect(findingsForAssessments(assessmentsDoNotOverlap_8863Q, completed('2025-05-07', '2025-06-02'), open('2025-06-03'))).toEqual([]);
  });

  it('queries one starting on the day the previous one was authorised, once', () => {
    expect(findingsForAssessments(assessmentsDoNotOverlap_8863Q, completed('2025-05-07', '2025-06-02'), open('2025-06-02'))).toEqual([
      finding('8863Q', 'QUERY', 'AssessmentActualStartDate'),
    ]);
  });

  it('queries one starting while an earlier one is still open at the reference date', () => {
    const findings = findingsForAssessments(assessmentsDoNotOverlap_8863Q, open('2025-05-07'), open('2025-09-01'));
    expect(findings).toEqual([finding('8863Q', 'QUERY', 'AssessmentActualStartDate')]);
    expect(findings[0].message).toContain('started 2025-09-01');
  });
});

describe('8896 two or more open assessments in one episode', () => {
  it('passes one open assessment beside a completed one', () => {
    expect(findingsForAssessments(oneOpenAssessment_8896, completed('2025-05-07', '2025-06-02'), open('2025-09-01'))).toEqual([]);
  });

  it('fails two open assessments, once for the episode', () => {
    expect(findingsForAssessments(oneOpenAssessment_8896, open('2025-05-07'), open('2025-09-01'))).toEqual([
      finding('8896', 'ERROR', 'AssessmentAuthorisationDate'),
    ]);
  });
});
