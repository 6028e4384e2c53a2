import type { EventEnvelope } from '@csc/contracts';
import { generatedHistory, HISTORY_ENDS, recordsAsAt, type CensusChild, type CinEpisode } from './census-records.spec-support';
import { dayOf } from './simulated-clock';

type Data = Record<string, unknown> & { caseId?: string; episodeId?: string };

/** The field that dates each case event: the census reads it, and the service records the event that day. */
const DATED_BY: Record<string, string> = {
  AssessmentStarted: 'startedOn',
  AssessmentCompleted: 'authorisedOn',
  StrategyDiscussionHeld: 'heldOn',
  Section47Concluded: 'concludedOn',
  ChildProtectionConferenceHeld: 'heldOn',
  ChildProtectionPlanStarted: 'startedOn',
  ChildProtectionPlanReviewed: 'heldOn',
  ChildProtectionPlanEnded: 'endedOn',
  ChildInNeedPlanStarted: 'startedOn',
  ChildInNeedPlanEnded: 'endedOn',
  BecameLookedAfter: 'startedOn',
  CeasedToBeLookedAfter: 'endedOn',
  CaseClosed: 'closedOn',
  ChildCharacteristicsRecorded: 'recordedOn',
};

/**
 * The census validation rules about CIN episodes (docs/domain.md, cin-census/validation-rules) and the
 * services' own invariants, checked over a generated year and a half: what case-progression's decider
 * would refuse, or the DfE would reject, must never be generated.
 */
describe('a generated history keeps the census rules of episodes', () => {
  let events: EventEnvelope[] = [];
  let children: CensusChild[] = [];
  let episodes: CinEpisode[] = [];
  beforeAll(() => {
    events = generatedHistory();
    children = recordsAsAt(events, HISTORY_ENDS);
    episodes = children.flatMap((child) => child.episodes);
  }, 60_000);
  const ofType = (type: string) => events.filter((event) => event.type === type).map((event) => event.data as Data);

  it('numbers each stream 1, 2, 3... in the order it is handed out, and a cause always comes before its effect', () => {
    const versions = new Map<string, number>();
    const seen = new Set<string>();
    let lastRecorded = '';
    for (const event of events) {
      expect(event.streamVersion).toBe((versions.get(event.streamId) ?? 0) + 1);
      versions.set(event.streamId, event.streamVersion);
      if (event.causationId) expect(seen.has(event.causationId)).toBe(true);
      expect(event.recordedAt >= lastRecorded).toBe(true);
      lastRecorded = event.recordedAt;
      seen.add(event.eventId);
    }
  });

  it('records each step of a case on the day it is dated, so a census taken at the year end sees all the year', () => {
    const dated = events.filter((event) => DATED_BY[event.type]);
    expect(dated.length).toBeGreaterThan(10_000);
    for (const event of dated) expect(dayOf(Date.parse(event.recordedAt))).toBe((event.data as Data)[DATED_BY[event.type]]);
  });

  it('records nothing on a case after it closes but the child details (2990, 8565), and closes RC8/RC9 only after an assessment (8825Q)', () => {
    const closed = new Set<string>();
    const assessed = new Set<string>();
    for (const event of events) {
      const caseId = (event.data as Data).caseId;
      if (!caseId || !event.streamId.startsWith('case-')) continue;
      if (event.type !== 'ChildCharacteristicsRecorded') expect(closed.has(caseId)).toBe(false);
      if (event.type === 'AssessmentCompleted') assessed.add(caseId);
      if (event.type === 'CaseClosed') {
        closed.add(caseId);
        const reason = (event.data as Data).reason as string;
        if (reason === 'RC8' || reason === 'RC9') expect(assessed.has(caseId)).toBe(true);
      }
    }
    expect(closed.size).toBeGreaterThan(1000);
  });

  it('closes RC8 or RC9 only an episode with no Section 47 enquiry, conference or plan (2990)', () => {
    const afterAssessment = episodes.filter((episode) => episode.reason === 'RC8' || episode.reason === 'RC9');
    expect(afterAssessment.length).toBeGreaterThan(1000);
    for (const episode of afterAssessment) {
      expect(episode.section47s).toEqual([]);
      expect(episode.cpPlans).toEqual([]);
      expect(episode.cinPlans).toEqual([]);
    }
  });

  it('closes an episode no earlier than anything in it (8565)', () => {
    for (const episode of episodes.filter((each) => each.closedOn && !each.nfa)) {
      const dates = [
        ...episode.assessments.flatMap((assessment) => [assessment.startedOn, assessment.authorisedOn]),
        ...episode.section47s.flatMap((section47) => [section47.startedOn, section47.icpcOn]),
        ...episode.cpPlans.map((plan) => plan.endedOn),
        ...episode.cinPlans.flatMap((plan) => [plan.startedOn, plan.endedOn]),
      ];
      for (const date of dates) if (date) expect(date <= episode.closedOn!).toBe(true);
    }
  });

  it('closes an episode only once its assessment is authorised (8867) and each Section 47 has its conference or needed none (8868)', () => {
    for (const episode of episodes.filter((each) => each.closedOn && !each.nfa)) {
      expect(episode.reason).toMatch(/^RC[1-9]$/);
      for (const assessment of episode.assessments) expect(assessment.authorisedOn).not.toBeNull();
      for (const section47 of episode.section47s) expect(section47.icpcOn === null).toBe(section47.icpcNotRequired);
    }
  });

  it('never opens a second case for a child while one is open (8820): a further referral joins it', () => {
    const openCaseOf = new Map<string, { caseId: string; referralDate: string }>();
    const lastClosedOn = new Map<string, string>();
    for (const event of events) {
      const data = event.data as Data;
      if (event.type === 'CaseOpened') {
        expect(openCaseOf.has(data.childId as string)).toBe(false);
        const previous = lastClosedOn.get(data.childId as string);
        if (previous) expect((data.referralDate as string) > previous).toBe(true);
        openCaseOf.set(data.childId as string, { caseId: data.caseId!, referralDate: data.referralDate as string });
      }
      if (event.type === 'ReferralAttachedToCase') expect(openCaseOf.get(data.childId as string)?.caseId).toBe(data.caseId);
      if (event.type === 'CaseClosed') {
        openCaseOf.delete(event.childId!);
        lastClosedOn.set(event.childId!, data.closedOn as string);
      }
    }
  });

  it('gives a child CIN episodes that never overlap, a referral with no further action included (8820), only the latest open (8815, 8816)', () => {
    for (const child of children) {
      const inOrder = [...child.episodes].sort((a, b) => a.referralDate.localeCompare(b.referralDate));
      inOrder.forEach((episode, index) => {
        const next = inOrder[index + 1];
        if (!next) return;
        expect(episode.closedOn).not.toBeNull();
        // The next may start the day this one closes only if this one is a referral with no further action.
        expect(next.referralDate > episode.closedOn! || (episode.nfa && next.referralDate === episode.closedOn)).toBe(true);
      });
    }
  });

  it('dates nothing in an episode before its referral (1103, 1104, 1105, 2889, 4015, 8630)', () => {
    for (const episode of episodes) {
      const dates = [
        episode.closedOn,
        ...episode.assessments.map((assessment) => assessment.startedOn),
        ...episode.section47s.flatMap((section47) => [section47.startedOn, section47.icpcOn]),
        ...episode.cpPlans.map((plan) => plan.startedOn),
        ...episode.cinPlans.map((plan) => plan.startedOn),
      ];
      for (const date of dates) if (date) expect(date >= episode.referralDate).toBe(true);
    }
  });

  it('has a valid source (8866) and primary need (8650) on every CIN referral, present when it led to further action (8610)', () => {
    expect(episodes.filter((episode) => episode.nfa).length).toBeGreaterThan(100);
    for (const episode of episodes) {
      expect(episode.source).toMatch(/^(1[A-D]|2[AB]|3[A-F]|4|5[A-D]|6|7|8|9|10)$/);
      expect(episode.primaryNeed).toMatch(/^N[0-9]$/);
    }
  });

  it('records nothing against a referral with no further action (8831, 8832, 4000): it opens no case', () => {
    const opened = new Set(ofType('CaseOpened').map((data) => data.referralId as string));
    const nfa = ofType('ReferralDecided').filter((data) => data.outcome === 'NFA');
    for (const referral of nfa) expect(opened.has(referral.referralId as string)).toBe(false);
  });

  it('records nothing after an early help episode closes, and steps a family up as a 5D referral linked to the episode', () => {
    const closed = new Set<string>();
    for (const event of events) {
      const episodeId = (event.data as Data).episodeId;
      if (!episodeId || !event.streamId.startsWith('episode-')) continue;
      expect(closed.has(episodeId)).toBe(false);
      if (event.type === 'EarlyHelpEpisodeClosed') closed.add(episodeId);
    }
    const steppedUp = new Set(ofType('EarlyHelpSteppedUp').map((data) => data.episodeId!));
    const stepUpReferrals = ofType('ReferralReceived').filter((data) => data.steppedUpFromEarlyHelpEpisodeId);
    expect(steppedUp.size).toBeGreaterThan(20);
    for (const referral of stepUpReferrals) {
      expect(referral.source).toBe('5D');
      expect(steppedUp.has(referral.steppedUpFromEarlyHelpEpisodeId as string)).toBe(true);
    }
    expect(stepUpReferrals.length).toBeGreaterThan(steppedUp.size * 0.9);
  });
});
