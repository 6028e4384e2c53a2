import { isPrimaryNeed, isReasonForClosure, isReferralSource } from '@csc/contracts';
import { addDays, isCalendarDate } from '@csc/domain';
import { episodeRule } from './census-rule';
import { isInCensusYear, workingDaysBefore } from './episode-dates';

/** Rules on the CINdetails block's own elements: referral, need, closure and the NFA flag. */

// Our model holds a boolean, so only a value that arrived untyped (a hand-built return, a bad upcast) can fail.
export const referralNfaFlag_8568 = episodeRule({ code: '8568', severity: 'ERROR', text: 'RNFA flag is missing or invalid' }, (episode) =>
  typeof episode.referralNfa === 'boolean' ? [] : [{ field: 'ReferralNFA' }],
);

// A referral on the last working day before 1 April may be decided NFA in the new year; earlier ones belong to last year's return.
export const nfaOnlyForRecentReferral_8569Q = episodeRule(
  {
    code: '8569Q',
    severity: 'QUERY',
    text: 'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  },
  (episode, _child, census) =>
    episode.referralNfa === true && episode.cinReferralDate < workingDaysBefore(census.year.start, 1)
      ? [{ field: 'ReferralNFA', detail: `referral ${episode.cinReferralDate}` }]
      : [],
);

export const referralDateInReturn_8600 = episodeRule(
  { code: '8600', severity: 'ERROR', text: 'Child referral date missing or after data collection period' },
  (episode, _child, census) => {
    if (!isCalendarDate(episode.cinReferralDate ?? '')) return [{ field: 'CINreferralDate', detail: 'missing' }];
    return episode.cinReferralDate > census.year.end ? [{ field: 'CINreferralDate', detail: `referral ${episode.cinReferralDate}` }] : [];
  },
);

const FORTY_WEEKS = 280;

export const referralNotLongBeforeBirth_8606 = episodeRule(
  { code: '8606', severity: 'ERROR', text: 'Child referral date is more than 40 weeks before DOB or expected DOB' },
  (episode, child) => {
    // The birth date is personal: the detail names which one, never its value.
    const against = [
      { element: 'PersonBirthDate', date: child.personBirthDate },
      { element: 'ExpectedPersonBirthDate', date: child.expectedPersonBirthDate },
    ].filter(({ date }) => date !== null && episode.cinReferralDate < addDays(date, -FORTY_WEEKS));
    return against.length === 0
      ? []
      : [{ field: 'CINreferralDate', detail: `against ${against.map(({ element }) => element).join(' and ')}` }];
  },
);

export const primaryNeedWhenFurtherAction_8610 = episodeRule(
  { code: '8610', severity: 'ERROR', text: 'Primary Need code is missing for a referral which led to further action.' },
  (episode) => (episode.referralNfa === false && !episode.primaryNeedCode ? [{ field: 'PrimaryNeedCode' }] : []),
);

export const closureInCensusYear_8620 = episodeRule(
  { code: '8620', severity: 'ERROR', text: 'CIN Closure Date present and does not fall within the Census year' },
  (episode, _child, census) =>
    episode.cinClosureDate && !isInCensusYear(episode.cinClosureDate, census.year)
      ? [{ field: 'CINclosureDate', detail: `closure ${episode.cinClosureDate}` }]
      : [],
);

export const closureNotBeforeReferral_8630 = episodeRule(
  { code: '8630', severity: 'ERROR', text: 'CIN Closure Date is before CIN Referral Date for the same CIN episode' },
  (episode) =>
    episode.cinClosureDate && episode.cinClosureDate < episode.cinReferralDate
      ? [{ field: 'CINclosureDate', detail: `closure ${episode.cinClosureDate}, referral ${episode.cinReferralDate}` }]
      : [],
);

export const reasonForClosureIsACode_8640 = episodeRule(
  {
    code: '8640',
    severity: 'ERROR',
    text: 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
  },
  (episode) =>
    episode.reasonForClosure && !isReasonForClosure(episode.reasonForClosure)
      ? [{ field: 'ReasonForClosure', detail: `code ${episode.reasonForClosure}` }]
      : [],
);

export const primaryNeedIsACode_8650 = episodeRule(
  {
    code: '8650',
    severity: 'ERROR',
    text: 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  },
  (episode) =>
    episode.primaryNeedCode && !isPrimaryNeed(episode.primaryNeedCode)
      ? [{ field: 'PrimaryNeedCode', detail: `code ${episode.primaryNeedCode}` }]
      : [],
);

export const closureHasReason_8805 = episodeRule(
  { code: '8805', severity: 'ERROR', text: 'A CIN case cannot have a CIN closure date without a Reason for Closure' },
  (episode) => (episode.cinClosureDate && !episode.reasonForClosure ? [{ field: 'ReasonForClosure' }] : []),
);

export const reasonHasClosure_8810 = episodeRule(
  { code: '8810', severity: 'ERROR', text: 'A CIN case cannot have a Reason for Closure without a CIN Closure Date' },
  (episode) =>
    episode.reasonForClosure && !episode.cinClosureDate ? [{ field: 'CINclosureDate', detail: `reason ${episode.reasonForClosure}` }] : [],
);

// The referral source code set began on 1 April 2013; older referrals may carry none.
const REFERRAL_SOURCE_REQUIRED_FROM = '2013-04-01';

export const referralSourceIsACode_8866 = episodeRule(
  { code: '8866', severity: 'ERROR', text: 'Source of Referral is missing or an invalid code' },
  (episode) => {
    if (episode.cinReferralDate < REFERRAL_SOURCE_REQUIRED_FROM || isReferralSource(episode.referralSource)) return [];
    return [{ field: 'ReferralSource', detail: episode.referralSource ? `code ${episode.referralSource}` : 'missing' }];
  },
);

export const CIN_DETAILS_RULES = [
  referralNfaFlag_8568,
  nfaOnlyForRecentReferral_8569Q,
  referralDateInReturn_8600,
  referralNotLongBeforeBirth_8606,
  primaryNeedWhenFurtherAction_8610,
  closureInCensusYear_8620,
  closureNotBeforeReferral_8630,
  reasonForClosureIsACode_8640,
  primaryNeedIsACode_8650,
  closureHasReason_8805,
  reasonHasClosure_8810,
  referralSourceIsACode_8866,
];
