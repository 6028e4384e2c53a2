import { aChild, anEpisode, aReturn } from '../../../../test/census-builders';
import type { CensusFinding } from '../census-return';
import {
  diedHasDeathDate_8585Q,
  episodesDoNotOverlap_8820,
  hasCinEpisode_8590,
  oneOpenCase_8815,
  openCaseIsLatest_8816,
  referredBeforeDeath_8555Q,
} from './cin-episodes.rules';

const CHILD = aChild().childId;
const located = (findings: CensusFinding[]) =>
  findings.map(({ rule, severity, childId, caseId, field }) => ({ rule, severity, childId, caseId, field }));

const FIRST_CASE = '00000000-0000-4000-8000-0000000000c1';
const SECOND_CASE = '00000000-0000-4000-8000-0000000000c2';
const closedEpisode = (cinReferralDate: string, cinClosureDate: string) =>
  anEpisode({ cinReferralDate, cinClosureDate, reasonForClosure: 'RC7', caseId: FIRST_CASE });
const openEpisode = (cinReferralDate: string) =>
  anEpisode({ referralId: '00000000-0000-4000-8000-000000000002', caseId: SECOND_CASE, cinReferralDate, assessments: [], cinPlans: [] });

describe('8555Q referral not after death', () => {
  it('passes a referral on the day of death', () => {
    expect(referredBeforeDeath_8555Q.check(aReturn([aChild({ personDeathDate: '2025-05-06' })]))).toEqual([]);
  });

  it('queries a referral after the death', () => {
    const census = aReturn([aChild({ personDeathDate: '2025-05-05' })]);
    expect(located(referredBeforeDeath_8555Q.check(census))).toEqual([
      { rule: '8555Q', severity: 'QUERY', childId: CHILD, caseId: FIRST_CASE, field: 'CINreferralDate' },
    ]);
  });
});

describe('8585Q closed as died with a date of death', () => {
  const diedEpisode = anEpisode({ cinClosureDate: '2025-09-01', reasonForClosure: 'RC2' });

  it('passes RC2 for a child with a date of death', () => {
    expect(diedHasDeathDate_8585Q.check(aReturn([aChild({ personDeathDate: '2025-08-30', episodes: [diedEpisode] })]))).toEqual([]);
  });

  it('queries RC2 for a child with no date of death', () => {
    const census = aReturn([aChild({ episodes: [diedEpisode] })]);
    expect(located(diedHasDeathDate_8585Q.check(census))).toEqual([
      { rule: '8585Q', severity: 'QUERY', childId: CHILD, caseId: FIRST_CASE, field: 'ReasonForClosure' },
    ]);
  });
});

describe('8590 child has a CIN episode', () => {
  it('passes a child with an episode', () => {
    expect(hasCinEpisode_8590.check(aReturn([aChild()]))).toEqual([]);
  });

  it('fails a child with none', () => {
    const census = aReturn([aChild({ episodes: [] })]);
    expect(located(hasCinEpisode_8590.check(census))).toEqual([
      { rule: '8590', severity: 'ERROR', childId: CHILD, caseId: undefined, field: 'CINdetails' },
    ]);
  });
});

describe('8815 one open case', () => {
  it('passes one open case beside a closed one and an open NFA referral', () => {
    const openNfa = anEpisode({ caseId: null, cinReferralDate: '2025-12-01', referralNfa: true, assessments: [], cinPlans: [] });
    const census = aReturn([aChild({ episodes: [closedEpisode('2025-05-06', '2025-07-01'), openEpisode('2025-08-01'), openNfa] })]);
    expect(oneOpenCase_8815.check(census)).toEqual([]);
  });

  it('fails each of two open cases', () => {
    const census = aReturn([aChild({ episodes: [anEpisode(), openEpisode('2025-08-01')] })]);
    expect(located(oneOpenCase_8815.check(census))).toEqual([
      { rule: '8815', severity: 'ERROR', childId: CHILD, caseId: FIRST_CASE, field: 'CINclosureDate' },
      { rule: '8815', severity: 'ERROR', childId: CHILD, caseId: SECOND_CASE, field: 'CINclosureDate' },
    ]);
  });
});

describe('8816 open case is the latest', () => {
  it('passes an open case referred after a closed one', () => {
    const census = aReturn([aChild({ episodes: [closedEpisode('2025-05-06', '2025-07-01'), openEpisode('2025-08-01')] })]);
    expect(openCaseIsLatest_8816.check(census)).toEqual([]);
  });

  it('fails an open case referred before a later referral', () => {
    const laterClosed = anEpisode({ ...closedEpisode('2025-09-01', '2025-10-01'), caseId: SECOND_CASE });
    const census = aReturn([aChild({ episodes: [anEpisode(), laterClosed] })]);
    expect(located(openCaseIsLatest_8816.check(census))).toEqual([
      { rule: '8816', severity: 'ERROR', childId: CHILD, caseId: FIRST_CASE, field: 'CINreferralDate' },
    ]);
  });
});

describe('8820 episodes do not overlap', () => {
  it('passes an episode referred on the day the previous one closed', () => {
    const census = aReturn([aChild({ episodes: [closedEpisode('2025-05-06', '2025-08-01'), openEpisode('2025-08-01')] })]);
    expect(episodesDoNotOverlap_8820.check(census)).toEqual([]);
  });

  it('fails an episode referred before the previous one closed', () => {
    const census = aReturn([aChild({ episodes: [closedEpisode('2025-05-06', '2025-08-02'), openEpisode('2025-08-01')] })]);
    expect(located(episodesDoNotOverlap_8820.check(census))).toEqual([
      { rule: '8820', severity: 'ERROR', childId: CHILD, caseId: SECOND_CASE, field: 'CINreferralDate' },
    ]);
  });

  it('fails an episode referred while an earlier case is still open', () => {
    const laterClosed = anEpisode({ ...closedEpisode('2025-09-01', '2025-10-01'), caseId: SECOND_CASE });
    const census = aReturn([aChild({ episodes: [anEpisode(), laterClosed] })]);
    expect(located(episodesDoNotOverlap_8820.check(census))).toEqual([
      { rule: '8820', severity: 'ERROR', childId: CHILD, caseId: SECOND_CASE, field: 'CINreferralDate' },
    ]);
  });
});
