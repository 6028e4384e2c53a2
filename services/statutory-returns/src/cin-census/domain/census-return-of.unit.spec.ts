import {
  CASE_ID,
  CHILD_ID,
  REFERRAL_ID,
  aCaseClosed,
  aCaseOpened,
  aCaseReferredOn,
  aChildCharacteristicsRecorded,
  aCinPlanEnded,
  aCinPlanStarted,
  aCoarseChild,
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
  anEarlyHelpEpisodeOpened,
  anNfaReferralOn,
} from '../../../test/child-events';
import { childRecordOf, type OpenedEvent } from '../../child-records/domain/child-record-of';
import { laChildIdOf } from '../../child-records/domain/la-child-id';
import { censusChildOf, censusReturnOf } from './census-return-of';
import { collectionYearOf } from './collection-year';

const YEAR = collectionYearOf('2025-26')!;
const NEXT_YEAR = collectionYearOf('2026-27')!;

type Given = OpenedEvent | OpenedEvent[];
const recordOf = (...events: Given[]) => childRecordOf(CHILD_ID, events.flat());
/** The child as the 2025-26 return states them, or null when they are not in it. */
const censusChild = (...events: Given[]) => censusChildOf(recordOf(...events), YEAR);
const episodesOf = (...events: Given[]) => censusChild(...events)?.episodes ?? [];
const theEpisode = (...events: Given[]) => {
  const episodes = episodesOf(...events);
  if (episodes.length !== 1) throw new Error(`expected one CIN episode, got ${episodes.length}`);
  return episodes[0];
};

const SECOND_CASE = '00000000-0000-4000-8000-0000000000c2';
const SECOND_REFERRAL = '00000000-0000-4000-8000-0000000000f2';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('censusReturnOf: the CIN census return for a collection year, 1 April to 31 March', () => {
  describe('which CIN episodes are the year’s', () => {
    it('a case closed on 31 March is in, with its closure', () => {
      const episode = theEpisode(aCaseReferredOn({ referralDate: '2025-05-06' }), aCaseClosed({ closedOn: '2026-03-31', reason: 'RC7' }));

      expect([episode.cinClosureDate, episode.reasonForClosure]).toEqual(['2026-03-31', 'RC7']);
    });

    it('a referral accepted whose case has not arrived is an open episode of its own year, and of no later one', () => {
      const accepted = [aReferralReceived(), aReferralDecided({ referralDate: '2025-05-06' })];

      expect(episodesOf(...accepted).map((episode) => [episode.caseId, episode.cinReferralDate, episode.cinClosureDate])).toEqual([
        [null, '2025-05-06', null],
      ]);
      expect(censusChildOf(recordOf(...accepted), NEXT_YEAR)).toBeNull();
    });

    it('a case closed on 31 March of the year before is not: the child is left out', () => {
      expect(censusChild(aCaseReferredOn({ referralDate: '2024-11-04' }), aCaseClosed({ closedOn: '2025-03-31' }))).toBeNull();
    });

    it('a case closed on 1 April, the year’s first day, is in', () => {
      const episode = theEpisode(aCaseReferredOn({ referralDate: '2024-11-04' }), aCaseClosed({ closedOn: '2025-04-01', reason: 'RC7' }));

      expect(episode.cinClosureDate).toBe('2025-04-01');
    });

    it('a referral received on 1 April after the year is next year’s', () => {
      expect(censusChild(aCaseReferredOn({ referralDate: '2026-04-01' }))).toBeNull();
    });

    it('a case open since an earlier year is in, with its own referral date', () => {
      const episode = theEpisode(aCaseReferredOn({ referralDate: '2024-11-04' }));

      expect([episode.cinReferralDate, episode.cinClosureDate, episode.reasonForClosure]).toEqual(['2024-11-04', null, null]);
    });

    it('a case closed after 31 March was open at the reference date: no closure date or reason', () => {
      const episode = theEpisode(aCaseReferredOn({ referralDate: '2025-05-06' }), aCaseClosed({ closedOn: '2026-04-10', reason: 'RC1' }));

      expect([episode.cinClosureDate, episode.reasonForClosure]).toEqual([null, null]);
    });

    it('a referral closed with no further action is an episode of its own year only', () => {
      const record = recordOf(anNfaReferralOn('2025-07-01'));

      expect(censusChildOf(record, YEAR)?.episodes).toEqual([
        {
          referralId: REFERRAL_ID,
          caseId: null,
          cinReferralDate: '2025-07-01',
          referralSource: '2A',
          primaryNeedCode: 'N1',
          cinClosureDate: null,
          reasonForClosure: null,
          dateOfInitialCpc: null,
          assessments: [],
          cinPlans: [],
          section47s: [],
          referralNfa: true,
          cpPlans: [],
        },
      ]);
      expect(censusChildOf(record, NEXT_YEAR)).toBeNull();
      expect(censusChild(anNfaReferralOn('2025-03-31'))).toBeNull();
    });

    it('a referral accepted whose case has not arrived yet is an open episode of the year', () => {
      const episode = theEpisode(aReferralReceived(), aReferralDecided());

      expect([episode.referralId, episode.caseId, episode.referralNfa, episode.cinClosureDate]).toEqual([REFERRAL_ID, null, false, null]);
    });

    it('a further referral joining the open case is not an episode of its own', () => {
      const episodes = episodesOf(
        aCaseReferredOn({ referralDate: '2025-05-06' }),
        aReferralReceived({ referralId: SECOND_REFERRAL, receivedAt: '2025-07-01T09:00:00.000Z' }),
        aReferralDecided({ referralId: SECOND_REFERRAL, outcome: 'ALREADY_OPEN', cinReferral: false, referralDate: '2025-07-01' }),
        aReferralAttachedToCase({ referralId: SECOND_REFERRAL, referralDate: '2025-07-01' }),
      );

      expect(episodes.map((episode) => episode.referralId)).toEqual([REFERRAL_ID]);
    });

    it('a child with only contacts the front door did not accept, and early help, is not in the return', () => {
      const child = censusChild(
        aReferralReceived(),
        aReferralDecided({ outcome: 'STEP_DOWN_TO_EARLY_HELP', cinReferral: false }),
        aReferralReceived({ referralId: SECOND_REFERRAL, receivedAt: '2025-09-01T09:00:00.000Z' }),
        aReferralDecided({ referralId: SECOND_REFERRAL, outcome: 'SIGNPOSTED', cinReferral: false, referralDate: '2025-09-01' }),
        anEarlyHelpEpisodeOpened({ openedOn: '2025-05-08', origin: 'REFERRAL_STEP_DOWN' }),
      );

      expect(child).toBeNull();
    });

    it('lists a child’s episodes oldest referral first', () => {
      const episodes = episodesOf(
        aCaseReferredOn({ referralDate: '2025-10-06', referralId: id(3), caseId: SECOND_CASE }),
        anNfaReferralOn('2025-09-01', id(2)),
        aCaseReferredOn({ referralDate: '2024-11-04', referralId: id(1) }),
        aCaseClosed({ closedOn: '2025-06-30' }),
      );

      expect(episodes.map((episode) => [episode.cinReferralDate, episode.caseId, episode.referralNfa])).toEqual([
        ['2024-11-04', CASE_ID, false],
        ['2025-09-01', null, true],
        ['2025-10-06', SECOND_CASE, false],
      ]);
    });
  });

  describe('assessments and CIN plans', () => {
    it('an assessment authorised after 31 March shows as open, with no factors', () => {
      const { assessments } = theEpisode(
        aCaseReferredOn({ referralDate: '2026-02-16' }),
        anAssessmentStarted({ startedOn: '2026-03-02' }),
        anAssessmentCompleted({ authorisedOn: '2026-04-08', factors: ['16A', '3A'] }),
      );

      expect(assessments).toEqual([{ startDate: '2026-03-02', authorisationDate: null, factors: [] }]);
    });

    it('only assessments open at some time in the year: not one authorised before it, nor one started after it', () => {
      const { assessments } = theEpisode(
        aCaseReferredOn({ referralDate: '2024-11-04' }),
        anAssessmentStarted({ assessmentId: id(1), startedOn: '2024-11-05' }),
        anAssessmentCompleted({ assessmentId: id(1), authorisedOn: '2024-12-10' }),
        anAssessmentStarted({ assessmentId: id(2), startedOn: '2025-06-02' }),
        anAssessmentCompleted({ assessmentId: id(2), authorisedOn: '2025-07-01', factors: ['21'] }),
        anAssessmentStarted({ assessmentId: id(3), startedOn: '2026-04-02' }),
      );

      expect(assessments).toEqual([{ startDate: '2025-06-02', authorisationDate: '2025-07-01', factors: ['21'] }]);
    });

    it('a CIN plan ended before the year is left out, and one ended after it shows no end date', () => {
      const { cinPlans } = theEpisode(
        aCaseReferredOn({ referralDate: '2024-11-04' }),
        aCinPlanStarted({ planId: id(1), startedOn: '2024-12-02' }),
        aCinPlanEnded({ planId: id(1), endedOn: '2025-02-03' }),
        aCinPlanStarted({ planId: id(2), startedOn: '2025-02-03' }),
        aCinPlanEnded({ planId: id(2), endedOn: '2026-04-15' }),
      );

      expect(cinPlans).toEqual([{ startDate: '2025-02-03', endDate: null }]);
    });
  });

  describe('Section 47 enquiries and initial conferences', () => {
    it('sets the conference target 15 working days after the strategy discussion, past the late May bank holiday', () => {
      const episode = theEpisode(
        aCaseReferredOn({ referralDate: '2025-05-06' }),
        aStrategyDiscussionHeld({ heldOn: '2025-05-08' }),
        aSection47Concluded({ concludedOn: '2025-05-20', icpcRequired: true }),
        aConferenceHeld({ heldOn: '2025-05-29' }),
      );

      expect(episode.section47s).toEqual([
        { startDate: '2025-05-08', initialCpcTarget: '2025-05-30', dateOfInitialCpc: '2025-05-29', icpcNotRequired: false },
      ]);
      expect(episode.dateOfInitialCpc).toBeNull();
    });

    it('an enquiry still awaiting its conference at 31 March is in, its target past Easter into the next year', () => {
      const { section47s } = theEpisode(aCaseReferredOn({ referralDate: '2026-03-16' }), aStrategyDiscussionHeld({ heldOn: '2026-03-20' }));

      expect(section47s).toEqual([
        { startDate: '2026-03-20', initialCpcTarget: '2026-04-14', dateOfInitialCpc: null, icpcNotRequired: false },
      ]);
    });

    it('an enquiry that ended before the year is not in it, by a conference or by needing none', () => {
      const { section47s } = theEpisode(
        aCaseReferredOn({ referralDate: '2024-11-04' }),
        aStrategyDiscussionHeld({ strategyDiscussionId: id(1), section47Id: id(11), heldOn: '2025-02-03' }),
        aSection47Concluded({ section47Id: id(11), concludedOn: '2025-02-20', icpcRequired: false }),
        aStrategyDiscussionHeld({ strategyDiscussionId: id(2), section47Id: id(12), heldOn: '2025-03-03' }),
        aConferenceHeld({ section47Id: id(12), heldOn: '2025-03-20' }),
      );

      expect(section47s).toEqual([]);
    });

    it('an enquiry concluded in the year with no conference needed says so', () => {
      const [enquiry] = theEpisode(
        aCaseReferredOn({ referralDate: '2025-05-06' }),
        aStrategyDiscussionHeld({ heldOn: '2025-05-08' }),
        aSection47Concluded({ concludedOn: '2025-05-20', icpcRequired: false }),
      ).section47s;

      expect([enquiry.icpcNotRequired, enquiry.dateOfInitialCpc]).toEqual([true, null]);
    });

    it('an enquiry concluded or conferenced only after 31 March shows as still open at the reference date', () => {
      const [noneNeededLater, conferencedLater] = theEpisode(
        aCaseReferredOn({ referralDate: '2026-02-02' }),
        aStrategyDiscussionHeld({ strategyDiscussionId: id(1), section47Id: id(11), heldOn: '2026-02-04' }),
        aSection47Concluded({ section47Id: id(11), concludedOn: '2026-04-02', icpcRequired: false }),
        aStrategyDiscussionHeld({ strategyDiscussionId: id(2), section47Id: id(12), heldOn: '2026-03-09' }),
        aConferenceHeld({ section47Id: id(12), heldOn: '2026-04-01' }),
      ).section47s;

      expect([noneNeededLater.icpcNotRequired, conferencedLater.dateOfInitialCpc]).toEqual([false, null]);
    });

    it('a conference held without an enquiry is dated on the CINdetails, if held in the year', () => {
      const inYear = theEpisode(
        aCaseReferredOn({ referralDate: '2025-05-06' }),
        aConferenceHeld({ section47Id: null, heldOn: '2025-06-12' }),
      );
      const before = theEpisode(
        aCaseReferredOn({ referralDate: '2024-11-04' }),
        aConferenceHeld({ section47Id: null, heldOn: '2025-03-12' }),
      );

      expect([inYear.dateOfInitialCpc, inYear.section47s]).toEqual(['2025-06-12', []]);
      expect(before.dateOfInitialCpc).toBeNull();
    });
  });

  describe('child protection plans', () => {
    const aCaseWithPlan = (...more: OpenedEvent[]) => [
      ...aCaseReferredOn({ referralDate: '2025-05-06' }),
      aCpPlanStarted({ startedOn: '2025-05-29', category: 'NEG' }),
      ...more,
    ];

    it('a plan ended after 31 March shows no end date', () => {
      const [plan] = theEpisode(aCaseWithPlan(aCpPlanEnded({ endedOn: '2026-04-20' }))).cpPlans;

      expect(plan.endDate).toBeNull();
    });

    it('shows only the reviews held in the year, and the category the last of them set', () => {
      const [plan] = theEpisode(
        aCaseReferredOn({ referralDate: '2024-11-04' }),
        aCpPlanStarted({ startedOn: '2024-12-05', category: 'NEG' }),
        aCpPlanReviewed({ heldOn: '2025-03-06', latestCategory: 'NEG' }),
        aCpPlanReviewed({ heldOn: '2025-09-04', latestCategory: 'PHY' }),
      ).cpPlans;

      expect([plan.reviewDates, plan.initialCategory, plan.latestCategory]).toEqual([['2025-09-04'], 'NEG', 'PHY']);
    });

    it('a review after 31 March is not this year’s, nor the category it set', () => {
      const [plan] = theEpisode(aCaseWithPlan(aCpPlanReviewed({ heldOn: '2026-04-16', latestCategory: 'EMO' }))).cpPlans;

      expect([plan.reviewDates, plan.latestCategory]).toEqual([[], 'NEG']);
    });

    it('counts the plans the child had before each one, across earlier cases', () => {
      const episodes = episodesOf(
        aCaseReferredOn({ referralDate: '2023-09-04', referralId: id(1) }),
        aCpPlanStarted({ planId: id(21), startedOn: '2023-10-02' }),
        aCpPlanEnded({ planId: id(21), endedOn: '2024-03-04' }),
        aCaseClosed({ closedOn: '2024-06-03' }),
        aCaseReferredOn({ referralDate: '2025-05-06', referralId: id(2), caseId: SECOND_CASE }),
        aCpPlanStarted({ caseId: SECOND_CASE, planId: id(22), startedOn: '2025-05-29' }),
        aCpPlanEnded({ caseId: SECOND_CASE, planId: id(22), endedOn: '2025-10-02' }),
        aCpPlanStarted({ caseId: SECOND_CASE, planId: id(23), startedOn: '2025-12-04' }),
      );

      expect(episodes.map((episode) => episode.cpPlans.map((plan) => [plan.startDate, plan.numberOfPreviousCpp]))).toEqual([
        [
          ['2025-05-29', 1],
          ['2025-12-04', 2],
        ],
      ]);
    });
  });

  describe('the child’s details', () => {
    it('an unborn child’s sex is U whatever a scan suggested, with the expected date and no birth date', () => {
      const child = censusChild(
        aReferralReceived({
          child: aCoarseChild({ unborn: true, ageAtReferral: null, sex: 'F' }),
          about: { dateOfBirth: undefined, expectedDateOfBirth: '2026-06-01' },
        }),
        aReferralDecided(),
      );

      expect([child?.personBirthDate, child?.expectedPersonBirthDate, child?.sex]).toEqual([null, '2026-06-01', 'U']);
    });

    it('a child born after 31 March was unborn at the reference date: the birth date stands in as the expected one (rule 8520)', () => {
      const child = censusChild(
        aReferralReceived({
          child: aCoarseChild({ unborn: true, ageAtReferral: null, sex: 'U' }),
          about: { dateOfBirth: undefined, expectedDateOfBirth: '2026-04-20' },
        }),
        aReferralDecided(),
        aCaseOpened(),
        aChildCharacteristicsRecorded({ dateOfBirth: '2026-04-05', sex: 'M' }, { recordedOn: '2026-04-07' }),
      );

      expect([child?.personBirthDate, child?.expectedPersonBirthDate, child?.sex]).toEqual([null, '2026-04-05', 'U']);
    });

    it('a born child has a birth date and no expected date', () => {
      const child = censusChild(aCaseReferredOn({ referralDate: '2025-05-06' }));

      expect([child?.personBirthDate, child?.expectedPersonBirthDate, child?.sex]).toEqual(['2015-03-14', null, 'F']);
    });

    it('leaves out why a UPN is unknown once a UPN is known', () => {
      const unknown = censusChild(aReferralReceived({ characteristics: { upnUnknownReason: 'UN2' } }), aReferralDecided());
      const known = censusChild(
        aReferralReceived({ characteristics: { upnUnknownReason: 'UN2' } }),
        aReferralDecided(),
        aChildCharacteristicsRecorded({ upn: 'A123456789012' }),
      );

      expect([unknown?.upn, unknown?.upnUnknownReason]).toEqual([null, 'UN2']);
      expect([known?.upn, known?.upnUnknownReason]).toEqual(['A123456789012', null]);
    });

    it('a death after 31 March is not this return’s', () => {
      const diedInYear = censusChild(
        aCaseReferredOn({ referralDate: '2025-05-06' }),
        aChildCharacteristicsRecorded({ dateOfDeath: '2026-03-03' }),
      );
      const diedAfter = censusChild(
        aCaseReferredOn({ referralDate: '2025-05-06' }),
        aChildCharacteristicsRecorded({ dateOfDeath: '2026-04-03' }),
      );

      expect([diedInYear?.personDeathDate, diedAfter?.personDeathDate]).toEqual(['2026-03-03', null]);
    });

    it('names the child by LAchildID, with disabilities never recorded as none listed', () => {
      const child = censusChild(aCaseReferredOn({ referralDate: '2025-05-06' }));

      expect([child?.childId, child?.laChildId, child?.disabilities, child?.ethnicity]).toEqual([
        CHILD_ID,
        laChildIdOf(CHILD_ID),
        [],
        null,
      ]);
    });
  });

  it('lists the children in LAchildID order, leaving out a child with no episode in the year', () => {
    const childIds = [
      'c0000000-0000-4000-8000-000000000001',
      'a0000000-0000-4000-8000-000000000002',
      'b0000000-0000-4000-8000-000000000003',
    ];
    const [inYear, alsoInYear, notInYear] = [
      aCaseReferredOn({ referralDate: '2025-05-06' }),
      anNfaReferralOn('2025-09-01'),
      aCaseReferredOn({ referralDate: '2026-04-07' }),
    ];
    const records = [childRecordOf(childIds[0], inYear), childRecordOf(childIds[1], alsoInYear), childRecordOf(childIds[2], notInYear)];

    const census = censusReturnOf(records, YEAR, '823');

    expect([census.year, census.laCode]).toEqual([YEAR, '823']);
    expect(census.children.map((child) => child.laChildId)).toEqual(['A0000000000040008000', 'C0000000000040008000']);
  });
});
