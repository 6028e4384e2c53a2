import {
  CASE_ID,
  CHILD_ID,
  CP_PLAN_ID,
  EPISODE_ID,
  REFERRAL_ID,
  SCHOOL_URN,
  aBecameLookedAfter,
  aCaseClosed,
  aCaseOpened,
  aCeasedToBeLookedAfter,
  aChildCharacteristicsRecorded,
  aCinPlanEnded,
  aCinPlanStarted,
  aConferenceHeld,
  aCpPlanEnded,
  aCpPlanReviewed,
  aCpPlanStarted,
  aReferralAttachedToCase,
  aReferralDecided,
  aReferralReceived,
  aSection47Concluded,
  aStrategyDiscussionHeld,
  anAssessmentCompleted,
  anAssessmentStarted,
  anEarlyHelpAssessmentCompleted,
  anEarlyHelpEpisodeClosed,
  anEarlyHelpEpisodeOpened,
  anInformationRequested,
} from '../../../test/child-events';
import { childRecordOf, type OpenedEvent } from './child-record-of';

const recordOf = (...events: OpenedEvent[]) => childRecordOf(CHILD_ID, events);

const SECOND_REFERRAL = '00000000-0000-4000-8000-0000000000f2';

/** The same events in an order a seed picks (a small linear congruential generator: the same seed, the same order). */
const shuffled = (events: OpenedEvent[], seed: number): OpenedEvent[] => {
  const order = [...events];
  let state = seed;
  for (let index = order.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const other = state % (index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
};

const aWholeCase = (): OpenedEvent[] => [
  aReferralReceived(),
  aReferralDecided(),
  aCaseOpened(),
  anAssessmentStarted({ startedOn: '2025-05-07' }),
  anAssessmentCompleted({ authorisedOn: '2025-06-02', factors: ['16A', '3A'], outcome: 'STRATEGY_DISCUSSION' }),
  aStrategyDiscussionHeld({ heldOn: '2025-05-08' }),
  aSection47Concluded({ concludedOn: '2025-05-20', icpcRequired: true }),
  aConferenceHeld({ heldOn: '2025-05-29' }),
  aCpPlanStarted({ startedOn: '2025-05-29', category: 'NEG' }),
  aCpPlanReviewed({ heldOn: '2025-08-28', latestCategory: 'EMO' }),
  aCpPlanEnded({ endedOn: '2026-01-15' }),
  aCinPlanStarted({ startedOn: '2026-01-15' }),
  aCinPlanEnded({ endedOn: '2026-02-01' }),
  aBecameLookedAfter({ startedOn: '2025-09-01', legalStatus: 'V2' }),
  aCeasedToBeLookedAfter({ endedOn: '2025-10-01', reason: 'E13' }),
  aCaseClosed({ closedOn: '2026-02-02', reason: 'RC7' }),
];

describe('childRecordOf: one child’s events folded into the record the returns read', () => {
  describe('referrals', () => {
    it('keeps a referral as received and decided, linked to the case it opened', () => {
      const record = recordOf(aReferralReceived(), aReferralDecided(), aCaseOpened());

      expect(record.referrals).toEqual([
        {
          referralId: REFERRAL_ID,
          receivedAt: '2025-05-06T08:30:00.000Z',
          referralDate: '2025-05-06',
          source: '2A',
          referrerOrganisationId: SCHOOL_URN,
          outcome: 'ACCEPTED_FOR_ASSESSMENT',
          decidedAt: '2025-05-06T15:00:00.000Z',
          primaryNeed: 'N1',
          factors: ['16A'],
          informationRequested: false,
          caseId: CASE_ID,
        },
      ]);
    });

    it('dates a contact not yet decided by the day it was received in England', () => {
      const [contact] = recordOf(aReferralReceived({ receivedAt: '2025-03-31T23:30:00.000Z' })).referrals;

      expect([contact.referralDate, contact.outcome, contact.decidedAt, contact.caseId]).toEqual(['2025-04-01', null, null, null]);
    });

    it('marks a referral the front door went back to the referrer about', () => {
      const [asked] = recordOf(aReferralReceived(), anInformationRequested()).referrals;
      const [countedAtDecision] = recordOf(aReferralReceived(), aReferralDecided({ informationRequestCount: 2 })).referrals;

      expect([asked.informationRequested, countedAtDecision.informationRequested]).toEqual([true, true]);
    });

    it('links a further referral to the open case it joined', () => {
      const record = recordOf(
        ...[aReferralReceived(), aReferralDecided(), aCaseOpened()],
        aReferralReceived({ referralId: SECOND_REFERRAL, receivedAt: '2025-07-01T09:00:00.000Z' }),
        aReferralDecided({
          referralId: SECOND_REFERRAL,
          outcome: 'ALREADY_OPEN',
          referralDate: '2025-07-01',
          receivedAt: '2025-07-01T09:00:00.000Z',
        }),
        aReferralAttachedToCase({ referralId: SECOND_REFERRAL, referralDate: '2025-07-01' }),
      );

      expect(record.referrals.map((referral) => [referral.referralId, referral.caseId])).toEqual([
        [REFERRAL_ID, CASE_ID],
        [SECOND_REFERRAL, CASE_ID],
      ]);
      expect(record.cases.map((episode) => episode.referralId)).toEqual([REFERRAL_ID]);
    });

    it('lists referrals oldest first, by when they were received rather than recorded', () => {
      const record = recordOf(
        aReferralReceived({ referralId: SECOND_REFERRAL, receivedAt: '2025-07-01T09:00:00.000Z' }),
        aReferralReceived({ referralId: REFERRAL_ID, receivedAt: '2025-05-06T08:30:00.000Z' }),
      );

      expect(record.referrals.map((referral) => referral.referralId)).toEqual([REFERRAL_ID, SECOND_REFERRAL]);
    });
  });

  describe('cases', () => {
    it('puts each case event where it belongs on its case', () => {
      const [episode] = recordOf(...aWholeCase()).cases;

      expect(episode).toEqual({
        caseId: CASE_ID,
        referralId: REFERRAL_ID,
        referralDate: '2025-05-06',
        source: '2A',
        primaryNeed: 'N1',
        closedOn: '2026-02-02',
        closureReason: 'RC7',
        assessments: [
          {
            assessmentId: expect.any(String),
            startedOn: '2025-05-07',
            authorisedOn: '2025-06-02',
            factors: ['16A', '3A'],
            outcome: 'STRATEGY_DISCUSSION',
          },
        ],
        strategyDiscussions: [{ strategyDiscussionId: expect.any(String), heldOn: '2025-05-08', section47Id: expect.any(String) }],
        section47s: [{ section47Id: expect.any(String), startedOn: '2025-05-08', concludedOn: '2025-05-20', icpcRequired: true }],
        conferences: [
          { conferenceId: expect.any(String), heldOn: '2025-05-29', section47Id: expect.any(String), childProtectionPlan: true },
        ],
        cpPlans: [
          {
            planId: CP_PLAN_ID,
            conferenceId: expect.any(String),
            startedOn: '2025-05-29',
            endedOn: '2026-01-15',
            initialCategory: 'NEG',
            latestCategory: 'EMO',
            reviews: [{ heldOn: '2025-08-28', latestCategory: 'EMO' }],
          },
        ],
        cinPlans: [{ planId: expect.any(String), startedOn: '2026-01-15', endedOn: '2026-02-01' }],
        lookedAfter: [
          { periodId: expect.any(String), startedOn: '2025-09-01', endedOn: '2025-10-01', legalStatus: 'V2', endReason: 'E13' },
        ],
      });
    });

    it('starts a Section 47 enquiry only at a strategy discussion that decided on one', () => {
      const [episode] = recordOf(aCaseOpened(), aStrategyDiscussionHeld({ section47Id: null })).cases;

      expect([episode.strategyDiscussions.length, episode.section47s]).toEqual([1, []]);
    });

    it('gives the same record whatever order the events arrive in', () => {
      const events = aWholeCase();
      const inLogOrder = recordOf(...events);

      for (const seed of [1, 7, 42, 2025]) expect(recordOf(...shuffled(events, seed))).toEqual(inLogOrder);
      expect(recordOf(...[...events].reverse())).toEqual(inLogOrder);
    });

    it('keeps one stream’s events in their own order when they were recorded in the same instant', () => {
      const at = '2025-06-02T12:00:00.000Z';
      const started = anAssessmentStarted({ recordedAt: at });
      const completed = anAssessmentCompleted({ recordedAt: at });

      const [episode] = recordOf(completed, started, aCaseOpened()).cases;

      expect(episode.assessments.map((assessment) => assessment.authorisedOn)).toEqual(['2025-06-02']);
    });

    it('puts a case event recorded before its CaseOpened on that case all the same', () => {
      const early = anAssessmentStarted({ recordedAt: '2024-12-31T09:00:00.000Z', startedOn: '2025-05-07' });

      const [episode] = recordOf(aCaseOpened(), early).cases;

      expect([episode.referralId, episode.assessments.map((assessment) => assessment.startedOn)]).toEqual([REFERRAL_ID, ['2025-05-07']]);
    });

    it('leaves out a case whose CaseOpened has not arrived yet', () => {
      expect(recordOf(anAssessmentStarted(), aCaseClosed()).cases).toEqual([]);
    });

    it('lists cases oldest referral first', () => {
      const later = '00000000-0000-4000-8000-0000000000c2';
      const record = recordOf(aCaseOpened({ caseId: later, referralDate: '2025-10-06' }), aCaseOpened({ referralDate: '2024-11-04' }));

      expect(record.cases.map((episode) => episode.caseId)).toEqual([CASE_ID, later]);
    });
  });

  describe('an erased child', () => {
    it('keeps the coarse facts (sex, school, dates, codes) but nothing the sealed subjects said', () => {
      const record = recordOf(
        aReferralReceived({ subject: null, about: { upn: 'A123456789012' }, characteristics: { ethnicity: 'WBRI' } }),
        aReferralDecided(),
        aCaseOpened(),
        aChildCharacteristicsRecorded(null),
        anAssessmentStarted(),
      );

      expect(record.identity).toEqual({
        sex: 'F',
        dateOfBirth: null,
        expectedDateOfBirth: null,
        dateOfDeath: null,
        upn: null,
        formerUpn: null,
        upnUnknownReason: null,
        ethnicity: null,
        disabilities: null,
        schoolUrn: SCHOOL_URN,
      });
      expect(record.referrals.map((referral) => [referral.referralDate, referral.outcome])).toEqual([
        ['2025-05-06', 'ACCEPTED_FOR_ASSESSMENT'],
      ]);
      expect(record.cases.map((episode) => [episode.referralDate, episode.assessments.length])).toEqual([['2025-05-06', 1]]);
    });
  });

  describe('early help', () => {
    it('keeps an episode from opening through its assessment to its close', () => {
      const record = recordOf(
        anEarlyHelpEpisodeOpened({ openedOn: '2025-03-03', origin: 'DIRECT_REQUEST', requestedByOrganisationId: SCHOOL_URN }),
        anEarlyHelpAssessmentCompleted({ completedOn: '2025-03-20' }),
        anEarlyHelpEpisodeClosed({ closedOn: '2025-04-30', outcome: 'GRADUATED' }),
      );

      expect(record.earlyHelp).toEqual([
        {
          episodeId: EPISODE_ID,
          openedOn: '2025-03-03',
          origin: 'DIRECT_REQUEST',
          requestedByOrganisationId: SCHOOL_URN,
          assessmentCompletedOn: '2025-03-20',
          closedOn: '2025-04-30',
          outcome: 'GRADUATED',
        },
      ]);
    });

    it('lists episodes oldest first and leaves out one whose opening has not arrived', () => {
      const stepDown = '00000000-0000-4000-8000-0000000000e5';
      const unopened = '00000000-0000-4000-8000-0000000000e6';
      const record = recordOf(
        anEarlyHelpEpisodeOpened({
          episodeId: stepDown,
          openedOn: '2026-02-03',
          origin: 'CASE_CLOSED_RC9',
          requestedByOrganisationId: null,
        }),
        anEarlyHelpEpisodeOpened({ openedOn: '2025-03-03' }),
        anEarlyHelpEpisodeClosed({ episodeId: unopened }),
      );

      expect(record.earlyHelp.map((episode) => [episode.episodeId, episode.origin, episode.closedOn])).toEqual([
        [EPISODE_ID, 'DIRECT_REQUEST', null],
        [stepDown, 'CASE_CLOSED_RC9', null],
      ]);
    });
  });

  it('gives a child with no events an empty record with nothing known of them', () => {
    expect(recordOf()).toEqual({
      childId: CHILD_ID,
      identity: expect.objectContaining({ sex: null, dateOfBirth: null, upn: null, schoolUrn: null }),
      referrals: [],
      cases: [],
      earlyHelp: [],
      unreadableSubjects: 0,
    });
  });
});
