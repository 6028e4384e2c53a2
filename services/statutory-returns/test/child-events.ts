import type {
  AssessmentCompletedV1,
  AssessmentStartedV1,
  BecameLookedAfterV1,
  CaseClosedV1,
  CaseOpenedV1,
  CeasedToBeLookedAfterV1,
  ChildCharacteristics,
  ChildDetailsCorrection,
  ChildInNeedPlanEndedV1,
  ChildInNeedPlanStartedV1,
  ChildProtectionConferenceHeldV1,
  ChildProtectionPlanEndedV1,
  ChildProtectionPlanReviewedV1,
  ChildProtectionPlanStartedV1,
  ChildSubject,
  CoarseChild,
  EarlyHelpAssessmentCompletedV1,
  EarlyHelpEpisodeClosedV1,
  EarlyHelpEpisodeOpenedV1,
  InformationRequestedV1,
  ReferralAttachedToCaseV1,
  ReferralDecidedV1,
  ReferralReceivedV2,
  Section47ConcludedV1,
  StrategyDiscussionHeldV1,
} from '@csc/contracts';
import type { OpenedEvent } from '../src/child-records/domain/child-record-of';

/**
 * Opened events about one child (test-only), as the returns fold reads them: a girl born 2015-03-14,
 * referred by her school on Tuesday 2025-05-06 and accepted for assessment. Each builder takes what a
 * test changes; ids default to the first of their kind. Every event built is recorded after the one
 * built before it (unless the test says when), so the order a test builds events in is the log's order.
 */
export const CHILD_ID = '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f';
export const REFERRAL_ID = '00000000-0000-4000-8000-0000000000f1';
export const CASE_ID = '00000000-0000-4000-8000-0000000000c1';
export const ASSESSMENT_ID = '00000000-0000-4000-8000-0000000000a1';
export const STRATEGY_DISCUSSION_ID = '00000000-0000-4000-8000-0000000000d1';
export const SECTION_47_ID = '00000000-0000-4000-8000-000000000471';
export const CONFERENCE_ID = '00000000-0000-4000-8000-0000000000e1';
export const CP_PLAN_ID = '00000000-0000-4000-8000-0000000000b1';
export const CIN_PLAN_ID = '00000000-0000-4000-8000-0000000000b2';
export const PERIOD_ID = '00000000-0000-4000-8000-0000000000b3';
export const EPISODE_ID = '00000000-0000-4000-8000-0000000000e4';
export const SCHOOL_URN = '100001';

type Recorded<T> = Partial<T> & { recordedAt?: string };

let recorded = Date.parse('2025-01-01T00:00:00Z');
const versions = new Map<string, number>();

/** A later instant than every event built before it: the log's order is the order of building. */
const nextRecordedAt = (): string => {
  recorded += 60_000;
  return new Date(recorded).toISOString();
};

const opened = <T extends object>(type: string, streamId: string, data: T, recordedAt = nextRecordedAt()): OpenedEvent => {
  const streamVersion = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, streamVersion);
  return { eventId: `${streamId}/${streamVersion}`, type, streamId, streamVersion, recordedAt, data: data as Record<string, unknown> };
};

const referralStream = (referralId: string) => `referral-${referralId}`;
const caseStream = (caseId: string) => `case-${caseId}`;
const episodeStream = (episodeId: string) => `early-help-${episodeId}`;

export const aCoarseChild = (overrides: Partial<CoarseChild> = {}): CoarseChild => ({
  ageAtReferral: 10,
  unborn: false,
  sex: 'F',
  schoolUrn: SCHOOL_URN,
  ...overrides,
});

export const aChildSubject = (overrides: Partial<ChildSubject> = {}): ChildSubject => ({
  givenName: 'Amelia',
  familyName: 'Testchild',
  dateOfBirth: '2015-03-14',
  postcode: 'FY1 4QS',
  ...overrides,
});

interface ReferralReceivedOverrides extends Recorded<Omit<ReferralReceivedV2, 'subject'>> {
  /** What the referrer said of who the child is, over the defaults (`dateOfBirth: undefined` says nothing of it). */
  about?: Partial<ChildSubject>;
  characteristics?: ChildCharacteristics;
  /** Null: the child was erased, so the subject can no longer be opened. */
  subject?: null;
}

export const aReferralReceived = ({ recordedAt, about, characteristics = {}, subject, ...overrides }: ReferralReceivedOverrides = {}) => {
  const data: Omit<ReferralReceivedV2, 'subject'> & { subject: ReferralReceivedV2['subject'] | null } = {
    referralId: REFERRAL_ID,
    childId: CHILD_ID,
    receivedAt: '2025-05-06T08:30:00.000Z',
    source: '2A',
    referrerOrganisationId: SCHOOL_URN,
    child: aCoarseChild(),
    factors: ['16A'],
    consent: { given: true },
    steppedUpFromEarlyHelpEpisodeId: null,
    ...overrides,
    subject:
      subject === null
        ? null
        : {
            child: aChildSubject(about),
            referrer: { name: 'Designated Safeguarding Lead', role: 'DSL' },
            concernsSummary: 'Attendance has dropped.',
            characteristics,
          },
  };
  return opened('ReferralReceived', referralStream(data.referralId), data, recordedAt);
};

export const anInformationRequested = ({ recordedAt, ...overrides }: Recorded<InformationRequestedV1> = {}) => {
  const data: InformationRequestedV1 = {
    referralId: REFERRAL_ID,
    requestId: '00000000-0000-4000-8000-00000000011f',
    requestedAt: '2025-05-06T10:00:00.000Z',
    referrerOrganisationId: SCHOOL_URN,
    subject: { question: 'How often has she been absent?' },
    ...overrides,
  };
  return opened('InformationRequested', referralStream(data.referralId), data, recordedAt);
};

export const aReferralDecided = ({ recordedAt, ...overrides }: Recorded<ReferralDecidedV1> = {}) => {
  const data: ReferralDecidedV1 = {
    referralId: REFERRAL_ID,
    childId: CHILD_ID,
    outcome: 'ACCEPTED_FOR_ASSESSMENT',
    decidedAt: '2025-05-06T15:00:00.000Z',
    referralDate: '2025-05-06',
    receivedAt: '2025-05-06T08:30:00.000Z',
    cinReferral: true,
    primaryNeed: 'N1',
    source: '2A',
    referrerOrganisationId: SCHOOL_URN,
    child: aCoarseChild(),
    consentGiven: true,
    informationRequestCount: 0,
    steppedUpFromEarlyHelpEpisodeId: null,
    subject: { child: aChildSubject(), rationale: 'Threshold met.' },
    ...overrides,
  };
  return opened('ReferralDecided', referralStream(data.referralId), data, recordedAt);
};

export const aCaseOpened = ({ recordedAt, ...overrides }: Recorded<CaseOpenedV1> = {}) => {
  const data: CaseOpenedV1 = {
    caseId: CASE_ID,
    childId: CHILD_ID,
    referralId: REFERRAL_ID,
    referralDate: '2025-05-06',
    primaryNeed: 'N1',
    source: '2A',
    referrerOrganisationId: SCHOOL_URN,
    child: aCoarseChild(),
    consentGiven: true,
    subject: { child: aChildSubject() },
    ...overrides,
  };
  return opened('CaseOpened', caseStream(data.caseId), data, recordedAt);
};

export const aReferralAttachedToCase = ({ recordedAt, ...overrides }: Recorded<ReferralAttachedToCaseV1> = {}) => {
  const data: ReferralAttachedToCaseV1 = {
    caseId: CASE_ID,
    childId: CHILD_ID,
    referralId: REFERRAL_ID,
    referralDate: '2025-05-06',
    source: '2A',
    referrerOrganisationId: SCHOOL_URN,
    ...overrides,
  };
  return opened('ReferralAttachedToCase', caseStream(data.caseId), data, recordedAt);
};

interface CaseReferredOn {
  referralDate: string;
  referralId?: string;
  caseId?: string;
  source?: ReferralDecidedV1['source'];
  primaryNeed?: CaseOpenedV1['primaryNeed'];
}

/** A referral received on a day (at 10:00 in England), accepted for assessment that day, and the case it opened. */
export const aCaseReferredOn = ({
  referralDate,
  referralId = REFERRAL_ID,
  caseId = CASE_ID,
  source = '2A',
  primaryNeed = 'N1',
}: CaseReferredOn) => {
  const receivedAt = new Date(`${referralDate}T10:00:00Z`).toISOString();
  return [
    aReferralReceived({ referralId, receivedAt, source }),
    aReferralDecided({ referralId, receivedAt, referralDate, source, primaryNeed, decidedAt: `${referralDate}T15:00:00.000Z` }),
    aCaseOpened({ caseId, referralId, referralDate, source, primaryNeed }),
  ];
};

/** A referral received on a day and closed there with no further action: a CIN referral with no case. */
export const anNfaReferralOn = (referralDate: string, referralId = REFERRAL_ID) => {
  const receivedAt = new Date(`${referralDate}T10:00:00Z`).toISOString();
  return [
    aReferralReceived({ referralId, receivedAt }),
    aReferralDecided({ referralId, receivedAt, referralDate, outcome: 'NFA', decidedAt: `${referralDate}T15:00:00.000Z` }),
  ];
};

export const anAssessmentStarted = ({ recordedAt, ...overrides }: Recorded<AssessmentStartedV1> = {}) => {
  const data: AssessmentStartedV1 = { caseId: CASE_ID, assessmentId: ASSESSMENT_ID, startedOn: '2025-05-07', ...overrides };
  return opened('AssessmentStarted', caseStream(data.caseId), data, recordedAt);
};

export const anAssessmentCompleted = ({ recordedAt, ...overrides }: Recorded<AssessmentCompletedV1> = {}) => {
  const data: AssessmentCompletedV1 = {
    caseId: CASE_ID,
    assessmentId: ASSESSMENT_ID,
    authorisedOn: '2025-06-02',
    factors: ['16A', '3A'],
    outcome: 'CHILD_IN_NEED',
    workingDaysFromReferral: 18,
    withinTimescale: true,
    stepDown: null,
    subject: null,
    ...overrides,
  };
  return opened('AssessmentCompleted', caseStream(data.caseId), data, recordedAt);
};

export const aStrategyDiscussionHeld = ({ recordedAt, ...overrides }: Recorded<StrategyDiscussionHeldV1> = {}) => {
  const data: StrategyDiscussionHeldV1 = {
    caseId: CASE_ID,
    strategyDiscussionId: STRATEGY_DISCUSSION_ID,
    heldOn: '2025-05-08',
    section47Id: SECTION_47_ID,
    ...overrides,
  };
  return opened('StrategyDiscussionHeld', caseStream(data.caseId), data, recordedAt);
};

export const aSection47Concluded = ({ recordedAt, ...overrides }: Recorded<Section47ConcludedV1> = {}) => {
  const data: Section47ConcludedV1 = {
    caseId: CASE_ID,
    section47Id: SECTION_47_ID,
    concludedOn: '2025-05-20',
    icpcRequired: true,
    ...overrides,
  };
  return opened('Section47Concluded', caseStream(data.caseId), data, recordedAt);
};

export const aConferenceHeld = ({ recordedAt, ...overrides }: Recorded<ChildProtectionConferenceHeldV1> = {}) => {
  const data: ChildProtectionConferenceHeldV1 = {
    caseId: CASE_ID,
    conferenceId: CONFERENCE_ID,
    heldOn: '2025-05-29',
    section47Id: SECTION_47_ID,
    childProtectionPlan: true,
    workingDaysFromStrategyDiscussion: 14,
    withinTimescale: true,
    ...overrides,
  };
  return opened('ChildProtectionConferenceHeld', caseStream(data.caseId), data, recordedAt);
};

export const aCpPlanStarted = ({ recordedAt, ...overrides }: Recorded<ChildProtectionPlanStartedV1> = {}) => {
  const data: ChildProtectionPlanStartedV1 = {
    caseId: CASE_ID,
    planId: CP_PLAN_ID,
    conferenceId: CONFERENCE_ID,
    startedOn: '2025-05-29',
    category: 'NEG',
    ...overrides,
  };
  return opened('ChildProtectionPlanStarted', caseStream(data.caseId), data, recordedAt);
};

export const aCpPlanReviewed = ({ recordedAt, ...overrides }: Recorded<ChildProtectionPlanReviewedV1> = {}) => {
  const data: ChildProtectionPlanReviewedV1 = {
    caseId: CASE_ID,
    planId: CP_PLAN_ID,
    heldOn: '2025-08-28',
    latestCategory: 'NEG',
    ...overrides,
  };
  return opened('ChildProtectionPlanReviewed', caseStream(data.caseId), data, recordedAt);
};

export const aCpPlanEnded = ({ recordedAt, ...overrides }: Recorded<ChildProtectionPlanEndedV1> = {}) => {
  const data: ChildProtectionPlanEndedV1 = { caseId: CASE_ID, planId: CP_PLAN_ID, endedOn: '2026-01-15', ...overrides };
  return opened('ChildProtectionPlanEnded', caseStream(data.caseId), data, recordedAt);
};

export const aCinPlanStarted = ({ recordedAt, ...overrides }: Recorded<ChildInNeedPlanStartedV1> = {}) => {
  const data: ChildInNeedPlanStartedV1 = { caseId: CASE_ID, planId: CIN_PLAN_ID, startedOn: '2025-06-03', ...overrides };
  return opened('ChildInNeedPlanStarted', caseStream(data.caseId), data, recordedAt);
};

export const aCinPlanEnded = ({ recordedAt, ...overrides }: Recorded<ChildInNeedPlanEndedV1> = {}) => {
  const data: ChildInNeedPlanEndedV1 = { caseId: CASE_ID, planId: CIN_PLAN_ID, endedOn: '2025-12-01', ...overrides };
  return opened('ChildInNeedPlanEnded', caseStream(data.caseId), data, recordedAt);
};

export const aBecameLookedAfter = ({ recordedAt, ...overrides }: Recorded<BecameLookedAfterV1> = {}) => {
  const data: BecameLookedAfterV1 = { caseId: CASE_ID, periodId: PERIOD_ID, startedOn: '2025-09-01', legalStatus: 'V2', ...overrides };
  return opened('BecameLookedAfter', caseStream(data.caseId), data, recordedAt);
};

export const aCeasedToBeLookedAfter = ({ recordedAt, ...overrides }: Recorded<CeasedToBeLookedAfterV1> = {}) => {
  const data: CeasedToBeLookedAfterV1 = { caseId: CASE_ID, periodId: PERIOD_ID, endedOn: '2025-10-01', reason: 'E13', ...overrides };
  return opened('CeasedToBeLookedAfter', caseStream(data.caseId), data, recordedAt);
};

export const aCaseClosed = ({ recordedAt, ...overrides }: Recorded<CaseClosedV1> = {}) => {
  const data: CaseClosedV1 = {
    caseId: CASE_ID,
    closedOn: '2026-02-02',
    reason: 'RC7',
    referralDate: '2025-05-06',
    stepDown: null,
    subject: null,
    ...overrides,
  };
  return opened('CaseClosed', caseStream(data.caseId), data, recordedAt);
};

interface CharacteristicsRecordedOverrides {
  caseId?: string;
  recordedOn?: string;
  recordedAt?: string;
}

/** A social worker's record of the child's details: the fields given replace, null clears (null subject: erased). */
export const aChildCharacteristicsRecorded = (
  subject: ChildDetailsCorrection | null,
  { caseId = CASE_ID, recordedOn = '2025-06-10', recordedAt }: CharacteristicsRecordedOverrides = {},
) => opened('ChildCharacteristicsRecorded', caseStream(caseId), { caseId, childId: CHILD_ID, recordedOn, subject }, recordedAt);

export const anEarlyHelpEpisodeOpened = ({ recordedAt, ...overrides }: Recorded<EarlyHelpEpisodeOpenedV1> = {}) => {
  const data: EarlyHelpEpisodeOpenedV1 = {
    episodeId: EPISODE_ID,
    childId: CHILD_ID,
    openedOn: '2025-03-03',
    origin: 'DIRECT_REQUEST',
    originId: null,
    requestedByOrganisationId: SCHOOL_URN,
    sex: 'F',
    schoolUrn: SCHOOL_URN,
    consentGiven: true,
    subject: { child: aChildSubject() },
    ...overrides,
  };
  return opened('EarlyHelpEpisodeOpened', episodeStream(data.episodeId), data, recordedAt);
};

export const anEarlyHelpAssessmentCompleted = ({ recordedAt, ...overrides }: Recorded<EarlyHelpAssessmentCompletedV1> = {}) => {
  const data: EarlyHelpAssessmentCompletedV1 = {
    episodeId: EPISODE_ID,
    completedOn: '2025-03-20',
    needs: ['GOOD_EDUCATION'],
    ...overrides,
  };
  return opened('EarlyHelpAssessmentCompleted', episodeStream(data.episodeId), data, recordedAt);
};

export const anEarlyHelpEpisodeClosed = ({ recordedAt, ...overrides }: Recorded<EarlyHelpEpisodeClosedV1> = {}) => {
  const data: EarlyHelpEpisodeClosedV1 = {
    episodeId: EPISODE_ID,
    closedOn: '2025-04-30',
    outcome: 'GRADUATED',
    hadPlan: true,
    ...overrides,
  };
  return opened('EarlyHelpEpisodeClosed', episodeStream(data.episodeId), data, recordedAt);
};
