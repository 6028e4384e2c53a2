import type { CensusChild, CensusReturn, CinDetails, CollectionYear } from '../src/cin-census/domain/census-return';

/** Census builders for rule tests: a child who passes every rule, to be spoiled one field at a time. */
export const YEAR_2025_26: CollectionYear = { label: '2025-26', start: '2025-04-01', end: '2026-03-31', endYear: 2026 };

export const anEpisode = (overrides: Partial<CinDetails> = {}): CinDetails => ({
  referralId: '00000000-0000-4000-8000-000000000001',
  caseId: '00000000-0000-4000-8000-0000000000c1',
  cinReferralDate: '2025-05-06',
  referralSource: '2A',
  primaryNeedCode: 'N1',
  cinClosureDate: null,
  reasonForClosure: null,
  dateOfInitialCpc: null,
  assessments: [{ startDate: '2025-05-07', authorisationDate: '2025-06-02', factors: ['16A'] }],
  cinPlans: [{ startDate: '2025-06-03', endDate: null }],
  section47s: [],
  referralNfa: false,
  cpPlans: [],
  ...overrides,
});

export const aChild = (overrides: Partial<CensusChild> = {}): CensusChild => ({
  childId: '00000000-0000-4000-8000-0000000000a1',
  laChildId: 'A0000000000000000001',
  upn: 'Q823456789012',
  formerUpn: null,
  upnUnknownReason: null,
  personBirthDate: '2015-03-14',
  expectedPersonBirthDate: null,
  sex: 'F',
  personDeathDate: null,
  ethnicity: 'WBRI',
  disabilities: ['NONE'],
  episodes: [anEpisode()],
  unreadableSubjects: 0,
  ...overrides,
});

export const aReturn = (children: CensusChild[] = [aChild()], overrides: Partial<CensusReturn> = {}): CensusReturn => ({
  year: YEAR_2025_26,
  laCode: '823',
  children,
  ...overrides,
});
