import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusChild, CinDetails } from '../census-return';
import type { CensusRule } from './census-rule';
import {
  closureHasReason_8805,
  closureInCensusYear_8620,
  closureNotBeforeReferral_8630,
  nfaOnlyForRecentReferral_8569Q,
  primaryNeedIsACode_8650,
  primaryNeedWhenFurtherAction_8610,
  reasonForClosureIsACode_8640,
  reasonHasClosure_8810,
  referralDateInReturn_8600,
  referralNfaFlag_8568,
  referralNotLongBeforeBirth_8606,
  referralSourceIsACode_8866,
} from './cin-details.rules';

const CHILD_ID = aChild().childId;
const CASE_ID = anEpisode().caseId;

/** Given one child with one episode built from these overrides, when the rule checks the 2025-26 return. */
const findingsFor = (rule: CensusRule, episode: Partial<CinDetails>, child: Partial<CensusChild> = {}) =>
  rule.check(aReturn([aChild({ ...child, episodes: [anEpisode(episode)] })]));

const finding = (rule: string, severity: 'ERROR' | 'QUERY', field: string) =>
  expect.objectContaining({ rule, severity, childId: CHILD_ID, caseId: CASE_ID, field });

describe('8568 RNFA flag is missing or invalid', () => {
  it('passes a flag that is true or false', () => {
    expect(findingsFor(referralNfaFlag_8568, { referralNfa: true })).toEqual([]);
    expect(findingsFor(referralNfaFlag_8568, { referralNfa: false })).toEqual([]);
  });

  it('fails a flag that arrived missing or as text', () => {
    expect(findingsFor(referralNfaFlag_8568, { referralNfa: undefined as unknown as boolean })).toEqual([
      finding('8568', 'ERROR', 'ReferralNFA'),
    ]);
    expect(findingsFor(referralNfaFlag_8568, { referralNfa: 'true' as unknown as boolean })).toEqual([
      finding('8568', 'ERROR', 'ReferralNFA'),
    ]);
  });
});

describe('8569Q NFA only for a referral from one working day before the year', () => {
  it('passes an NFA referral on the last working day before 1 April (Monday 31 March 2025)', () => {
    expect(findingsFor(nfaOnlyForRecentReferral_8569Q, { referralNfa: true, cinReferralDate: '2025-03-31' })).toEqual([]);
  });

  it('passes an older referral that was not NFA', () => {
    expect(findingsFor(nfaOnlyForRecentReferral_8569Q, { referralNfa: false, cinReferralDate: '2025-01-10' })).toEqual([]);
  });

  it('queries an NFA referral from the working day before that (Friday 28 March 2025)', () => {
    expect(findingsFor(nfaOnlyForRecentReferral_8569Q, { referralNfa: true, cinReferralDate: '2025-03-28' })).toEqual([
      finding('8569Q', 'QUERY', 'ReferralNFA'),
    ]);
  });
});

describe('8600 referral date missing or after the collection period', () => {
  it('passes a referral on the reference date', () => {
    expect(findingsFor(referralDateInReturn_8600, { cinReferralDate: '2026-03-31' })).toEqual([]);
  });

  it('fails a referral after the reference date, and a missing one', () => {
    expect(findingsFor(referralDateInReturn_8600, { cinReferralDate: '2026-04-01' })).toEqual([
      finding('8600', 'ERROR', 'CINreferralDate'),
    ]);
    expect(findingsFor(referralDateInReturn_8600, { cinReferralDate: '' })).toEqual([finding('8600', 'ERROR', 'CINreferralDate')]);
  });
});

describe('8606 referral more than 40 weeks before birth or expected birth', () => {
  it('passes a referral exactly 280 days before the expected birth', () => {
    const unborn = { personBirthDate: null, expectedPersonBirthDate: '2026-02-10' };
    expect(findingsFor(referralNotLongBeforeBirth_8606, { cinReferralDate: '2025-05-06' }, unborn)).toEqual([]);
  });

  it('fails a referral 281 days before the expected birth, naming the element but not the date of birth', () => {
    const unborn = { personBirthDate: null, expectedPersonBirthDate: '2026-02-11' };
    const findings = findingsFor(referralNotLongBeforeBirth_8606, { cinReferralDate: '2025-05-06' }, unborn);
    expect(findings).toEqual([finding('8606', 'ERROR', 'CINreferralDate')]);
    expect(findings[0].message).toContain('ExpectedPersonBirthDate');
    expect(findings[0].message).not.toContain('2026-02-11');
  });

  it('fails a referral long before the recorded birth date', () => {
    const born = { personBirthDate: '2026-03-01', expectedPersonBirthDate: null };
    expect(findingsFor(referralNotLongBeforeBirth_8606, { cinReferralDate: '2025-05-06' }, born)).toEqual([
      finding('8606', 'ERROR', 'CINreferralDate'),
    ]);
  });
});

describe('8610 primary need missing for a referral that led to further action', () => {
  it('passes an NFA referral without a primary need', () => {
    expect(findingsFor(primaryNeedWhenFurtherAction_8610, { referralNfa: true, primaryNeedCode: null })).toEqual([]);
  });

  it('fails a referral with further action and no primary need', () => {
    expect(findingsFor(primaryNeedWhenFurtherAction_8610, { referralNfa: false, primaryNeedCode: null })).toEqual([
      finding('8610', 'ERROR', 'PrimaryNeedCode'),
    ]);
  });
});

describe('8620 closure date outside the census year', () => {
  it('passes closures on the first and last day of the year, and an open case', () => {
    expect(findingsFor(closureInCensusYear_8620, { cinClosureDate: '2025-04-01' })).toEqual([]);
    expect(findingsFor(closureInCensusYear_8620, { cinClosureDate: '2026-03-31' })).toEqual([]);
    expect(findingsFor(closureInCensusYear_8620, { cinClosureDate: null })).toEqual([]);
  });

  it('fails closures the day before and the day after', () => {
    expect(findingsFor(closureInCensusYear_8620, { cinClosureDate: '2025-03-31' })).toEqual([finding('8620', 'ERROR', 'CINclosureDate')]);
    expect(findingsFor(closureInCensusYear_8620, { cinClosureDate: '2026-04-01' })).toEqual([finding('8620', 'ERROR', 'CINclosureDate')]);
  });
});

describe('8630 closure before referral', () => {
  it('passes a closure on the referral date', () => {
    expect(findingsFor(closureNotBeforeReferral_8630, { cinReferralDate: '2025-05-06', cinClosureDate: '2025-05-06' })).toEqual([]);
  });

  it('fails a closure the day before the referral', () => {
    expect(findingsFor(closureNotBeforeReferral_8630, { cinReferralDate: '2025-05-06', cinClosureDate: '2025-05-05' })).toEqual([
      finding('8630', 'ERROR', 'CINclosureDate'),
    ]);
  });
});

describe('8640 reason for closure code invalid', () => {
  it('passes RC9 and no reason', () => {
    expect(findingsFor(reasonForClosureIsACode_8640, { reasonForClosure: 'RC9' })).toEqual([]);
    expect(findingsFor(reasonForClosureIsACode_8640, { reasonForClosure: null })).toEqual([]);
  });

  it('fails RC10, naming the code', () => {
    const findings = findingsFor(reasonForClosureIsACode_8640, { reasonForClosure: 'RC10' });
    expect(findings).toEqual([finding('8640', 'ERROR', 'ReasonForClosure')]);
    expect(findings[0].message).toContain('RC10');
  });
});

describe('8650 primary need code invalid', () => {
  it('passes N0 and no code', () => {
    expect(findingsFor(primaryNeedIsACode_8650, { primaryNeedCode: 'N0' })).toEqual([]);
    expect(findingsFor(primaryNeedIsACode_8650, { primaryNeedCode: null })).toEqual([]);
  });

  it('fails N10', () => {
    expect(findingsFor(primaryNeedIsACode_8650, { primaryNeedCode: 'N10' })).toEqual([finding('8650', 'ERROR', 'PrimaryNeedCode')]);
  });
});

describe('8805 closure date without a reason', () => {
  it('passes a closure with a reason', () => {
    expect(findingsFor(closureHasReason_8805, { cinClosureDate: '2025-09-01', reasonForClosure: 'RC7' })).toEqual([]);
  });

  it('fails a closure without one', () => {
    expect(findingsFor(closureHasReason_8805, { cinClosureDate: '2025-09-01', reasonForClosure: null })).toEqual([
      finding('8805', 'ERROR', 'ReasonForClosure'),
    ]);
  });
});

describe('8810 reason for closure without a closure date', () => {
  it('passes an open case without a reason', () => {
    expect(findingsFor(reasonHasClosure_8810, { cinClosureDate: null, reasonForClosure: null })).toEqual([]);
  });

  it('fails a reason on an open case', () => {
    expect(findingsFor(reasonHasClosure_8810, { cinClosureDate: null, reasonForClosure: 'RC7' })).toEqual([
      finding('8810', 'ERROR', 'CINclosureDate'),
    ]);
  });
});

describe('8866 referral source missing or invalid', () => {
  it('passes source 10 (unknown), and no source on a referral from before April 2013', () => {
    expect(findingsFor(referralSourceIsACode_8866, { referralSource: '10' })).toEqual([]);
    expect(findingsFor(referralSourceIsACode_8866, { cinReferralDate: '2013-03-31', referralSource: '' })).toEqual([]);
  });

  it('fails source 11 and a missing source', () => {
    expect(findingsFor(referralSourceIsACode_8866, { referralSource: '11' })).toEqual([finding('8866', 'ERROR', 'ReferralSource')]);
    expect(findingsFor(referralSourceIsACode_8866, { referralSource: null as unknown as string })).toEqual([
      finding('8866', 'ERROR', 'ReferralSource'),
    ]);
  });
});
