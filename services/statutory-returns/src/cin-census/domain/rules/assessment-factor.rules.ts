import { isAssessmentFactor, NO_FACTORS_IDENTIFIED } from '@csc/contracts';
import type { CensusAssessment } from '../census-return';
import { episodeRule } from './census-rule';

/** Rules on the factors identified at assessment (FactorsIdentifiedAtAssessment). */

// No longer in the code set, which splits physical and sexual abuse by who harmed the child (18B/18C, 19B/19C).
const WITHDRAWN_PHYSICAL_ABUSE = '18A';
const WITHDRAWN_SEXUAL_ABUSE = '19A';
const isWithdrawn = (factor: string): boolean => [WITHDRAWN_PHYSICAL_ABUSE, WITHDRAWN_SEXUAL_ABUSE].includes(factor.toUpperCase());

const hasFactor = (assessment: CensusAssessment, code: string): boolean =>
  assessment.factors.some((factor) => factor.toUpperCase() === code);

export const factor21Alone_8869 = episodeRule(
  {
    code: '8869',
    severity: 'ERROR',
    text: 'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.',
  },
  (episode) =>
    episode.assessments
      .filter(({ factors }) => factors.includes(NO_FACTORS_IDENTIFIED) && factors.some((factor) => factor !== NO_FACTORS_IDENTIFIED))
      .map((assessment) => ({ field: 'AssessmentFactors', detail: `assessment started ${assessment.startDate}` })),
);

// Factor 21 is for "no further action is being taken" (the XSD), so the episode's closure should say so.
export const factor21MeansClosedAfterAssessment_8873Q = episodeRule(
  {
    code: '8873Q',
    severity: 'QUERY',
    text: "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
  },
  (episode) => {
    const [only, ...others] = episode.assessments;
    if (!only || others.length > 0 || !only.factors.includes(NO_FACTORS_IDENTIFIED)) return [];
    if (episode.reasonForClosure === 'RC8' || episode.reasonForClosure === 'RC9') return [];
    return [{ field: 'ReasonForClosure', detail: episode.reasonForClosure ?? 'not closed' }];
  },
);

// A withdrawn code is present but out of date: its own query (8945Q, 8950Q) says so, not this one.
const isRecognisedFactor = (factor: string): boolean => isAssessmentFactor(factor) || isWithdrawn(factor);

export const completedAssessmentHasFactors_8897Q = episodeRule(
  {
    code: '8897Q',
    severity: 'QUERY',
    text: 'Parental or child factors at assessment information is missing from a completed assessment',
  },
  (episode, _child, census) =>
    episode.assessments.flatMap(({ authorisationDate, factors }) => {
      if (!authorisationDate || authorisationDate < census.year.start) return [];
      if (factors.length === 0) return [{ field: 'AssessmentFactors', detail: `authorised ${authorisationDate}, none` }];
      const unknown = factors.filter((factor) => !isRecognisedFactor(factor));
      return unknown.length > 0
        ? [{ field: 'AssessmentFactors', detail: `authorised ${authorisationDate}, invalid ${unknown.join(', ')}` }]
        : [];
    }),
);

export const factorsNotRepeated_8898 = episodeRule(
  {
    code: '8898',
    severity: 'ERROR',
    // The DfE's text opens with a stray space; the words are theirs.
    text: 'The assessment has more than one parental or child factors with the same code',
  },
  (episode) =>
    episode.assessments.flatMap(({ startDate, factors }) => {
      const repeated = [...new Set(factors.filter((factor, index) => factors.indexOf(factor) !== index))];
      return repeated.length > 0 ? [{ field: 'AssessmentFactors', detail: `assessment started ${startDate}, ${repeated.join(', ')}` }] : [];
    }),
);

const withdrawnFactorRule = (code: string, text: string, withdrawn: string) =>
  episodeRule({ code, severity: 'QUERY', text }, (episode) =>
    episode.assessments
      .filter((assessment) => hasFactor(assessment, withdrawn))
      .map((assessment) => ({ field: 'AssessmentFactors', detail: `assessment started ${assessment.startDate}` })),
  );

export const noFactor18A_8945Q = withdrawnFactorRule(
  '8945Q',
  "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
  WITHDRAWN_PHYSICAL_ABUSE,
);

export const noFactor19A_8950Q = withdrawnFactorRule(
  '8950Q',
  "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
  WITHDRAWN_SEXUAL_ABUSE,
);

export const ASSESSMENT_FACTOR_RULES = [
  factor21Alone_8869,
  factor21MeansClosedAfterAssessment_8873Q,
  completedAssessmentHasFactors_8897Q,
  factorsNotRepeated_8898,
  noFactor18A_8945Q,
  noFactor19A_8950Q,
];
