import type { CensusRule } from '../src/cin-census/domain/rules/census-rule';
import type { CensusChild, CensusCpPlan, CensusFinding, CensusSection47, CinDetails } from '../src/cin-census/domain/census-return';
import { aChild, anEpisode, aReturn } from './census-builders';

/**
 * Child protection on top of the census builders: the usual path through an enquiry, a conference on its 14th
 * working day (Thursday 2025-05-29; the target, its 15th, is Friday 2025-05-30 after the late May bank holiday)
 * and a plan started there and reviewed three months on, with no CIN plan while it runs.
 */
export const anEnquiry = (overrides: Partial<CensusSection47> = {}): CensusSection47 => ({
  startDate: '2025-05-08',
  initialCpcTarget: '2025-05-30',
  dateOfInitialCpc: '2025-05-29',
  icpcNotRequired: false,
  ...overrides,
});

export const aCpPlan = (overrides: Partial<CensusCpPlan> = {}): CensusCpPlan => ({
  startDate: '2025-05-29',
  endDate: null,
  initialCategory: 'NEG',
  latestCategory: 'NEG',
  numberOfPreviousCpp: 0,
  reviewDates: ['2025-08-28'],
  ...overrides,
});

export const aProtectedEpisode = (overrides: Partial<CinDetails> = {}): CinDetails =>
  anEpisode({ cinPlans: [], section47s: [anEnquiry()], cpPlans: [aCpPlan()], ...overrides });

/** A second episode for the same child, after the first closed, with its own case id. */
export const aLaterEpisode = (overrides: Partial<CinDetails> = {}): CinDetails =>
  anEpisode({
    referralId: '00000000-0000-4000-8000-000000000002',
    caseId: '00000000-0000-4000-8000-0000000000c2',
    cinReferralDate: '2025-10-06',
    assessments: [{ startDate: '2025-10-07', authorisationDate: '2025-11-03', factors: ['16A'] }],
    cinPlans: [],
    ...overrides,
  });

export const aChildWith = (...episodes: CinDetails[]): CensusChild => aChild({ episodes });

export const findingsOf = (rule: CensusRule, child: CensusChild): CensusFinding[] => rule.check(aReturn([child]));

/** The finding a rule gives for the builders' child: every field exact but the message, which must carry the DfE's text. */
export const findingOf = (rule: CensusRule, field: string, episode: CinDetails | null = anEpisode()): CensusFinding => ({
  rule: rule.code,
  severity: rule.severity,
  childId: aChild().childId,
  laChildId: aChild().laChildId,
  ...(episode?.caseId ? { caseId: episode.caseId } : {}),
  field,
  message: expect.stringContaining(rule.text),
});
