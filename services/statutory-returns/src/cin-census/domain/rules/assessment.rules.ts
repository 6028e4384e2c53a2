import type { CensusAssessment, CollectionYear } from '../census-return';
import { episodeRule } from './census-rule';
import { isInCensusYear, workingDaysBefore } from './episode-dates';

/** Rules on an episode's Assessments groups: their dates, and how they sit beside each other. */

const isOpen = (assessment: CensusAssessment): boolean => !assessment.authorisationDate;

export const assessmentNotBeforeReferral_1103 = episodeRule(
  { code: '1103', severity: 'ERROR', text: 'The assessment start date cannot be before the referral date' },
  (episode) =>
    episode.assessments
      .filter((assessment) => assessment.startDate < episode.cinReferralDate)
      .map((assessment) => ({
        field: 'AssessmentActualStartDate',
        detail: `assessment started ${assessment.startDate}, referral ${episode.cinReferralDate}`,
      })),
);

export const assessmentStartsBeforeAuthorisation_8608 = episodeRule(
  { code: '8608', severity: 'ERROR', text: 'Assessment Start Date cannot be later than its End Date' },
  (episode) =>
    episode.assessments
      .filter(({ startDate, authorisationDate }) => authorisationDate && startDate > authorisationDate)
      .map((assessment) => ({
        field: 'AssessmentActualStartDate',
        detail: `started ${assessment.startDate}, authorised ${assessment.authorisationDate}`,
      })),
);

export const factorsOnlyWhenComplete_8614 = episodeRule(
  {
    code: '8614',
    severity: 'ERROR',
    text: 'Parental or child factors at assessment should only be present for a completed assessment.',
  },
  (episode) =>
    episode.assessments
      .filter((assessment) => isOpen(assessment) && assessment.factors.length > 0)
      .map((assessment) => ({ field: 'AssessmentFactors', detail: `assessment started ${assessment.startDate}` })),
);

// The statutory timescale for an assessment is 45 working days; one still open past it at the reference date is probably unrecorded.
const ASSESSMENT_TIMESCALE_WORKING_DAYS = 45;
const overdueIfStartedBefore = (year: CollectionYear) => workingDaysBefore(year.end, ASSESSMENT_TIMESCALE_WORKING_DAYS);

export const openAssessmentNotOverdue_8670Q = episodeRule(
  {
    code: '8670Q',
    severity: 'QUERY',
    text: 'Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
  },
  (episode, _child, census) => {
    const open = episode.assessments.filter(isOpen);
    if (open.length === 0) return [];
    const cutoff = overdueIfStartedBefore(census.year);
    return open
      .filter((assessment) => assessment.startDate < cutoff)
      .map((assessment) => ({
        field: 'AssessmentActualStartDate',
        detail: `started ${assessment.startDate}, not authorised`,
      }));
  },
);

export const authorisationInCensusYear_8696 = episodeRule(
  { code: '8696', severity: 'ERROR', text: 'Assessment end date must fall within the census year' },
  (episode, _child, census) =>
    episode.assessments.flatMap(({ authorisationDate }) =>
      authorisationDate && !isInCensusYear(authorisationDate, census.year)
        ? [{ field: 'AssessmentAuthorisationDate', detail: `authorised ${authorisationDate}` }]
        : [],
    ),
);

export const openAssessmentStartsInCensusYear_8736 = episodeRule(
  {
    code: '8736',
    severity: 'ERROR',
    text: 'For an Assessment that has not been completed, the start date must fall within the census year',
  },
  (episode, _child, census) =>
    episode.assessments
      .filter((assessment) => isOpen(assessment) && !isInCensusYear(assessment.startDate, census.year))
      .map((assessment) => ({ field: 'AssessmentActualStartDate', detail: `started ${assessment.startDate}` })),
);

/**
 * Whether `later` starts on or between `other`'s start and its authorisation (or the reference
 * date, while `other` is open). Identical twins each count as ongoing while the other starts: two
 * copies of one assessment are worth a question too.
 */
const startsWhileOngoing = (later: CensusAssessment, other: CensusAssessment, year: CollectionYear): boolean =>
  later.startDate >= other.startDate && later.startDate <= (other.authorisationDate ?? year.end);

export const assessmentsDoNotOverlap_8863Q = episodeRule(
  {
    code: '8863Q',
    severity: 'QUERY',
    text: 'An Assessment is shown as starting when there is another Assessment ongoing.',
  },
  (episode, _child, census) =>
    episode.assessments.flatMap((assessment, index) => {
      const ongoing = episode.assessments.find(
        (other, otherIndex) => otherIndex !== index && startsWhileOngoing(assessment, other, census.year),
      );
      return ongoing
        ? [
            {
              field: 'AssessmentActualStartDate',
              detail: `started ${assessment.startDate} while the one started ${ongoing.startDate} was ongoing`,
            },
          ]
        : [];
    }),
);

export const oneOpenAssessment_8896 = episodeRule(
  {
    code: '8896',
    severity: 'ERROR',
    text: 'Within one CINDetails group there are 2 or more open Assessments groups',
  },
  (episode) => {
    const open = episode.assessments.filter(isOpen);
    return open.length > 1
      ? [{ field: 'AssessmentAuthorisationDate', detail: `open assessments started ${open.map((a) => a.startDate).join(', ')}` }]
      : [];
  },
);

export const ASSESSMENT_RULES = [
  assessmentNotBeforeReferral_1103,
  assessmentStartsBeforeAuthorisation_8608,
  factorsOnlyWhenComplete_8614,
  openAssessmentNotOverdue_8670Q,
  authorisationInCensusYear_8696,
  openAssessmentStartsInCensusYear_8736,
  assessmentsDoNotOverlap_8863Q,
  oneOpenAssessment_8896,
];
