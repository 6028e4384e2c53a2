import type { EventEnvelope } from '@csc/contracts';
import { addMonths, isBankHoliday, isWeekend, workingDaysBetween } from '@csc/domain';
import {
  CENSUS_YEAR,
  censusYearRecords,
  generatedHistory,
  HISTORY_ENDS,
  recordsAsAt,
  type CensusChild,
  type CinEpisode,
} from './census-records.spec-support';
import { addWorkingDays } from './working-calendar';

type Data = Record<string, unknown> & { caseId?: string };
type Period = { startedOn: string; endedOn: string | null };

/** Each starts after the one before has ended (starting the day another ends is an overlap to 8940 and 4014). */
const expectNoOverlap = (periods: Period[]) => {
  const inOrder = [...periods].sort((a, b) => a.startedOn.localeCompare(b.startedOn));
  inOrder.slice(1).forEach((period, index) => expect(period.startedOn > (inOrder[index].endedOn ?? '9999-12-31')).toBe(true));
};

/** The day `a` starts falls within `b` (from its start to before its end; to the end of time while open). */
const startsWithin = (a: Period, b: Period) => a.startedOn >= b.startedOn && (b.endedOn === null || a.startedOn < b.endedOn);

/**
 * The census rules about assessments, Section 47 enquiries, conferences and plans, checked over the
 * episodes of a generated year and a half: the rules within one episode, and those across a child's
 * episodes (plans never overlap, whichever case they are on).
 */
describe('a generated history keeps the census rules of assessments, enquiries and plans', () => {
  let events: EventEnvelope[] = [];
  let children: CensusChild[] = [];
  let episodes: CinEpisode[] = [];
  beforeAll(() => {
    events = generatedHistory();
    children = recordsAsAt(events, HISTORY_ENDS);
    episodes = children.flatMap((child) => child.episodes);
  }, 60_000);
  const ofType = (type: string) => events.filter((event) => event.type === type).map((event) => event.data as Data);

  it('starts no assessment before the referral (1103) and counts its timeliness with the services own function', () => {
    const referralDateOf = new Map(ofType('CaseOpened').map((data) => [data.caseId!, data.referralDate as string]));
    for (const started of ofType('AssessmentStarted'))
      expect((started.startedOn as string) >= referralDateOf.get(started.caseId!)!).toBe(true);
    for (const completed of ofType('AssessmentCompleted')) {
      const days = workingDaysBetween(referralDateOf.get(completed.caseId!)!, completed.authorisedOn as string);
      expect(completed.workingDaysFromReferral).toBe(days);
      expect(completed.withinTimescale).toBe(days <= 45);
    }
  });

  it('has one assessment at a time in an episode (8896, 8863Q), authorised on or after it started (8608)', () => {
    for (const episode of episodes.filter((each) => !each.nfa)) {
      expect(episode.assessments.length).toBeLessThanOrEqual(1);
      // Only a case opened in the history's last days may not have started its assessment yet.
      if (episode.closedOn || episode.referralDate < '2025-09-20') expect(episode.assessments.length).toBe(1);
      for (const assessment of episode.assessments) {
        if (assessment.authorisedOn) expect(assessment.authorisedOn >= assessment.startedOn).toBe(true);
      }
    }
  });

  it('records factors on a completed assessment (8897Q), none twice (8898), 21 alone (8869), never 18A or 19A (8945Q, 8950Q)', () => {
    for (const { factors } of episodes.flatMap((episode) => episode.assessments).filter((assessment) => assessment.authorisedOn)) {
      expect(factors.length).toBeGreaterThan(0);
      expect(new Set(factors).size).toBe(factors.length);
      if (factors.includes('21')) expect(factors).toEqual(['21']);
      expect(factors).not.toContain('18A');
      expect(factors).not.toContain('19A');
    }
  });

  it('uses factor 21 only on an assessment the episode closes RC8 with, the same day (8873Q)', () => {
    const noFactors = episodes.filter((episode) => episode.assessments.some((assessment) => assessment.factors.includes('21')));
    expect(noFactors.length).toBeGreaterThan(200);
    for (const episode of noFactors) {
      expect(episode.reason).toBe('RC8');
      expect(episode.closedOn).toBe(episode.assessments[0].authorisedOn);
    }
  });

  it('has one Section 47 enquiry at a time in an episode (8839, 8890), started once the assessment has (2991Q)', () => {
    const withEnquiry = episodes.filter((episode) => episode.section47s.length > 0);
    expect(withEnquiry.length).toBeGreaterThan(600);
    for (const episode of withEnquiry) {
      expect(episode.section47s.length).toBe(1);
      expect(episode.section47s[0].startedOn >= episode.assessments[0].startedOn).toBe(true);
    }
  });

  it('holds an ICPC on a working day (8875), after the enquiry started (8615), counting working days with the services own function', () => {
    const strategyOn = new Map(ofType('StrategyDiscussionHeld').map((data) => [data.section47Id as string, data.heldOn as string]));
    const conferences = ofType('ChildProtectionConferenceHeld');
    expect(conferences.length).toBeGreaterThan(200);
    for (const conference of conferences) {
      const heldOn = conference.heldOn as string;
      expect(isWeekend(heldOn) || isBankHoliday(heldOn)).toBe(false);
      const startedOn = strategyOn.get(conference.section47Id as string)!;
      expect(heldOn > startedOn).toBe(true);
      const days = workingDaysBetween(startedOn, heldOn);
      expect(conference.workingDaysFromStrategyDiscussion).toBe(days);
      expect(conference.withinTimescale).toBe(days <= 15);
    }
  });

  it('starts a CP plan on the day of its conference (2885), so never more plans than conferences (2883)', () => {
    const heldOn = new Map(ofType('ChildProtectionConferenceHeld').map((data) => [data.conferenceId as string, data.heldOn as string]));
    const started = ofType('ChildProtectionPlanStarted');
    expect(started.length).toBeGreaterThan(200);
    for (const plan of started) expect(plan.startedOn).toBe(heldOn.get(plan.conferenceId as string));
  });

  it('never ends a CP plan the day it starts (8840) or before (8925), and reviews it only after it starts (8841) and before it ends', () => {
    for (const plan of episodes.flatMap((episode) => episode.cpPlans)) {
      if (plan.endedOn) expect(plan.endedOn > plan.startedOn).toBe(true);
      for (const review of plan.reviews) {
        expect(review > plan.startedOn).toBe(true);
        if (plan.endedOn) expect(review < plan.endedOn).toBe(true);
      }
    }
  });

  it('reviews a CP plan three months after the conference and then at most every six months', () => {
    for (const plan of episodes.flatMap((episode) => episode.cpPlans)) {
      [plan.startedOn, ...plan.reviews].forEach((day, index, days) => {
        const due = index === 0 ? addWorkingDays(addMonths(day, 3), 1) : addMonths(day, 6);
        const next = days[index + 1] ?? plan.endedOn ?? HISTORY_ENDS;
        expect(next <= due || next === plan.endedOn).toBe(true);
      });
    }
  });

  it("never overlaps a child's CP plans (8940) nor has two open (8935), whichever case they are on", () => {
    for (const child of children) expectNoOverlap(child.episodes.flatMap((episode) => episode.cpPlans));
  });

  it("never overlaps a child's CIN plans (4014) nor has two open (4004); each ends after it starts (4011), not the same day (4012Q)", () => {
    for (const child of children) {
      const plans = child.episodes.flatMap((episode) => episode.cinPlans);
      for (const plan of plans) if (plan.endedOn) expect(plan.endedOn > plan.startedOn).toBe(true);
      expectNoOverlap(plans);
    }
  });

  it('never has a CIN plan open while a CP plan is (4001, 4016, 4017), nor a CP review during a CIN plan (4003)', () => {
    let both = 0;
    for (const child of children) {
      const cpPlans = child.episodes.flatMap((episode) => episode.cpPlans);
      const cinPlans = child.episodes.flatMap((episode) => episode.cinPlans);
      if (cpPlans.length > 0 && cinPlans.length > 0) both += 1;
      for (const cp of cpPlans) {
        for (const cin of cinPlans) {
          expect(startsWithin(cin, cp)).toBe(false);
          expect(startsWithin(cp, cin)).toBe(false);
          for (const review of cp.reviews) expect(startsWithin({ startedOn: review, endedOn: null }, cin)).toBe(false);
        }
      }
    }
    expect(both).toBeGreaterThan(50);
  });

  it('leaves open at the year end no more late assessments (8670Q) and conferences (8675Q) than the national timeliness explains', () => {
    const yearEnd = CENSUS_YEAR.end;
    const census = censusYearRecords(events).flatMap((child) => child.episodes);
    const assessments = census.flatMap((episode) => episode.assessments);
    const lateOpen = assessments.filter((assessment) => !assessment.authorisedOn && workingDaysBetween(assessment.startedOn, yearEnd) > 45);
    expect(lateOpen.length / assessments.length).toBeLessThan(0.025);
    const section47s = census.flatMap((episode) => episode.section47s);
    const lateConferences = section47s.filter(
      (section47) => !section47.icpcOn && !section47.icpcNotRequired && workingDaysBetween(section47.startedOn, yearEnd) > 15,
    );
    expect(lateConferences.length / section47s.length).toBeLessThan(0.02);
  });
});
