import type {
  AssessmentRecord,
  CaseRecord,
  ChildInNeedPlanRecord,
  ChildProtectionPlanRecord,
  ChildRecord,
  ConferenceRecord,
  EarlyHelpRecord,
  LookedAfterRecord,
  ReferralRecord,
  Section47Record,
} from '../src/child-records/domain/child-record';
import type { AnnexAList } from '../src/annex-a/domain/annex-a-list';

/**
 * Child records for the Annex A specs (test-only): a girl born 2015-03-14, referred by her school
 * on 2025-06-02 and accepted for assessment, as of the inspection's reference day, 2025-11-14, whose
 * six months run from 2025-05-14. Each builder takes what a test changes.
 */
export const AS_OF = '2025-11-14';
export const CHILD_ID = '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f';
export const LA_CHILD_ID = '3F2A9C1E7B4D4E8A9C0F';

export const aReferral = (overrides: Partial<ReferralRecord> = {}): ReferralRecord => ({
  referralId: '00000000-0000-4000-8000-000000000001',
  receivedAt: '2025-06-02T09:30:00+01:00',
  referralDate: '2025-06-02',
  source: '2A',
  referrerOrganisationId: '100000',
  outcome: 'ACCEPTED_FOR_ASSESSMENT',
  decidedAt: '2025-06-03T12:00:00+01:00',
  primaryNeed: 'N1',
  factors: [],
  informationRequested: false,
  caseId: '00000000-0000-4000-8000-0000000000c1',
  ...overrides,
});

export const anAssessment = (overrides: Partial<AssessmentRecord> = {}): AssessmentRecord => ({
  assessmentId: '00000000-0000-4000-8000-0000000000a5',
  startedOn: '2025-06-03',
  authorisedOn: '2025-07-01',
  factors: ['2B'],
  outcome: 'CHILD_IN_NEED',
  ...overrides,
});

export const aSection47 = (overrides: Partial<Section47Record> = {}): Section47Record => ({
  section47Id: '00000000-0000-4000-8000-000000000047',
  startedOn: '2025-06-05',
  concludedOn: '2025-06-20',
  icpcRequired: true,
  ...overrides,
});

export const aConference = (overrides: Partial<ConferenceRecord> = {}): ConferenceRecord => ({
  conferenceId: '00000000-0000-4000-8000-0000000000cf',
  heldOn: '2025-06-25',
  section47Id: '00000000-0000-4000-8000-000000000047',
  childProtectionPlan: true,
  ...overrides,
});

export const aCpPlan = (overrides: Partial<ChildProtectionPlanRecord> = {}): ChildProtectionPlanRecord => ({
  planId: '00000000-0000-4000-8000-0000000000d1',
  conferenceId: '00000000-0000-4000-8000-0000000000cf',
  startedOn: '2025-06-25',
  endedOn: null,
  initialCategory: 'NEG',
  latestCategory: 'EMO',
  reviews: [{ heldOn: '2025-09-24', latestCategory: 'EMO' }],
  ...overrides,
});

export const aCinPlan = (overrides: Partial<ChildInNeedPlanRecord> = {}): ChildInNeedPlanRecord => ({
  planId: '00000000-0000-4000-8000-0000000000e1',
  startedOn: '2025-07-02',
  endedOn: null,
  ...overrides,
});

export const aLookedAfterPeriod = (overrides: Partial<LookedAfterRecord> = {}): LookedAfterRecord => ({
  periodId: '00000000-0000-4000-8000-0000000000f1',
  startedOn: '2025-08-01',
  endedOn: null,
  legalStatus: 'C2',
  endReason: null,
  ...overrides,
});

export const aCase = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: '00000000-0000-4000-8000-0000000000c1',
  referralId: '00000000-0000-4000-8000-000000000001',
  referralDate: '2025-06-02',
  source: '2A',
  primaryNeed: 'N1',
  closedOn: null,
  closureReason: null,
  assessments: [anAssessment()],
  strategyDiscussions: [],
  section47s: [],
  conferences: [],
  cpPlans: [],
  cinPlans: [aCinPlan()],
  lookedAfter: [],
  ...overrides,
});

export const anEarlyHelpEpisode = (overrides: Partial<EarlyHelpRecord> = {}): EarlyHelpRecord => ({
  episodeId: '00000000-0000-4000-8000-0000000000eb',
  openedOn: '2025-07-10',
  origin: 'DIRECT_REQUEST',
  requestedByOrganisationId: '100000',
  assessmentCompletedOn: '2025-08-01',
  closedOn: null,
  outcome: null,
  ...overrides,
});

export const aChildRecord = (overrides: Partial<ChildRecord> = {}): ChildRecord => ({
  childId: CHILD_ID,
  identity: {
    sex: 'F',
    dateOfBirth: '2015-03-14',
    expectedDateOfBirth: null,
    dateOfDeath: null,
    upn: 'A823456789012',
    formerUpn: null,
    upnUnknownReason: null,
    ethnicity: 'WBRI',
    disabilities: ['NONE'],
    schoolUrn: '100000',
  },
  referrals: [aReferral()],
  cases: [aCase()],
  earlyHelp: [],
  unreadableSubjects: 0,
  ...overrides,
});

/** Another child, told apart by id (and so by Child Unique ID). */
export const anotherChild = (n: number, overrides: Partial<ChildRecord> = {}): ChildRecord =>
  aChildRecord({ childId: `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`, ...overrides });

/** A list's rows as objects keyed by heading, so a spec names the column it checks. */
export const rowsOf = (list: AnnexAList): Record<string, string | number | null>[] =>
  list.rows.map((row) => Object.fromEntries(list.columns.map((heading, column) => [heading, row[column]])));
