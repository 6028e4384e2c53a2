import type { EventEnvelope } from '@csc/contracts';
import { isBankHoliday, isWeekend, workingDaysBetween } from '@csc/domain';
import { generateHistory } from './generate-history';

type Data = Record<string, unknown> & { caseId?: string; episodeId?: string };

/**
 * The census validation rules (DOMAIN.md) and the services' own invariants, checked over a generated
 * year and a half: what case-progression's decider would refuse must never be generated.
 */
describe('a generated history keeps the census rules', () => {
  const events: EventEnvelope[] = [];
  beforeAll(() => {
    for (const event of generateHistory({ seed: 11, years: 1.5 })) events.push(event);
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

  it('records nothing on a case after it closes (2990), and closes RC8/RC9 only after an assessment (8825Q)', () => {
    const closed = new Set<string>();
    const assessed = new Set<string>();
    for (const event of events) {
      const caseId = (event.data as Data).caseId;
      if (!caseId || !event.streamId.startsWith('case-')) continue;
      expect(closed.has(caseId)).toBe(false);
      if (event.type === 'AssessmentCompleted') assessed.add(caseId);
      if (event.type === 'CaseClosed') {
        closed.add(caseId);
        const reason = (event.data as Data).reason as string;
        if (reason === 'RC8' || reason === 'RC9') expect(assessed.has(caseId)).toBe(true);
      }
    }
    expect(closed.size).toBeGreaterThan(1000);
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

  it('holds no ICPC at a weekend or on a bank holiday (8875), and counts its working days with the services own function', () => {
    const strategyOn = new Map(ofType('StrategyDiscussionHeld').map((data) => [data.section47Id as string, data.heldOn as string]));
    const conferences = ofType('ChildProtectionConferenceHeld');
    expect(conferences.length).toBeGreaterThan(200);
    for (const conference of conferences) {
      const heldOn = conference.heldOn as string;
      expect(isWeekend(heldOn) || isBankHoliday(heldOn)).toBe(false);
      const days = workingDaysBetween(strategyOn.get(conference.section47Id as string)!, heldOn);
      expect(conference.workingDaysFromStrategyDiscussion).toBe(days);
      expect(conference.withinTimescale).toBe(days <= 15);
    }
  });

  it('starts no assessment before the referral (1103) and counts its timeliness with the services own function', () => {
    const referralDateOf = new Map(ofType('CaseOpened').map((data) => [data.caseId!, data.referralDate as string]));
    for (const started of ofType('AssessmentStarted'))
      expect((started.startedOn as string) >= referralDateOf.get(started.caseId!)!).toBe(true);
    for (const completed of ofType('AssessmentCompleted')) {
      const days = workingDaysBetween(referralDateOf.get(completed.caseId!)!, completed.authorisedOn as string);
      expect(completed.workingDaysFromReferral).toBe(days);
      expect(completed.withinTimescale).toBe(days <= 45);
      const factors = completed.factors as string[];
      if (factors.includes('21')) expect(factors).toEqual(['21']);
    }
  });

  it('never starts and ends a CP plan on one day (8840), and starts no more plans than conferences (2883)', () => {
    const startedOn = new Map(ofType('ChildProtectionPlanStarted').map((data) => [data.planId as string, data.startedOn as string]));
    for (const ended of ofType('ChildProtectionPlanEnded')) expect(ended.endedOn).not.toBe(startedOn.get(ended.planId as string));
    expect(startedOn.size).toBeLessThanOrEqual(ofType('ChildProtectionConferenceHeld').length);
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
