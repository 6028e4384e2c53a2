import type { ChildCharacteristics, ChildDetailsCorrection, EventEnvelope } from '@csc/contracts';
import { openSubject } from '@csc/privacy';
import { subjectKeyFor } from './subject-keys';
import { generateHistory } from './generate-history';
import { dayOf } from './simulated-clock';

/** The history the census rule tests read: a year and a half from 1 April 2024, so the 2024-25 census year is whole. */
export const CENSUS_YEAR = { start: '2024-04-01', end: '2025-03-31' };
export const HISTORY_ENDS = '2025-09-30';
const SUBJECT_KEY = Buffer.alloc(32, 11);

export const generatedHistory = (): EventEnvelope[] => [...generateHistory({ seed: 11, years: 1.5, subjectKey: SUBJECT_KEY })];

/** The census records of every child as at `asAt`, or of the census year's children as at its last day. */
export const recordsAsAt = (events: readonly EventEnvelope[], asAt: string) => censusRecordsAsAt(events, SUBJECT_KEY, asAt);
export const censusYearRecords = (events: readonly EventEnvelope[]) =>
  censusYear(recordsAsAt(events, CENSUS_YEAR.end), CENSUS_YEAR.start, CENSUS_YEAR.end);

/**
 * What the CIN census would say of each child, read from a generated history the way docs/domain.md and
 * the census guide read it, for the tests of the census rules (the statutory-returns service builds
 * the real return; this is only enough to check the generator). Only what is dated on or before
 * `asAt` counts; the child's details are the latest referral's, with a social worker's record on a
 * case on top.
 */
export interface CensusChild {
  childId: string;
  sex: string | null;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  upn: string | null;
  formerUpn: string | null;
  upnUnknownReason: string | null;
  ethnicity: string | null;
  disabilities: string[];
  /** What each referral about the child said, oldest first. */
  reported: Reported[];
  episodes: CinEpisode[];
}

export interface CinEpisode {
  referralId: string;
  caseId: string | null;
  referralDate: string;
  nfa: boolean;
  primaryNeed: string | null;
  source: string;
  /** A referral with no further action is closed the day it was made. */
  closedOn: string | null;
  reason: string | null;
  assessments: { startedOn: string; authorisedOn: string | null; factors: string[] }[];
  section47s: { startedOn: string; concludedOn: string | null; icpcOn: string | null; icpcNotRequired: boolean }[];
  cpPlans: { startedOn: string; endedOn: string | null; reviews: string[] }[];
  cinPlans: { startedOn: string; endedOn: string | null }[];
}

export interface Reported {
  day: string;
  sex: string;
  child: { dateOfBirth?: string; expectedDateOfBirth?: string; upn?: string };
  characteristics: ChildCharacteristics;
}

type Data = Record<string, unknown> & { caseId?: string; subject?: unknown };
type Identity = Omit<CensusChild, 'childId' | 'reported' | 'episodes'>;

export const censusRecordsAsAt = (events: readonly EventEnvelope[], subjectKey: Buffer, asAt: string): CensusChild[] => {
  const children = new Map<string, CensusChild & { corrections: ChildDetailsCorrection[] }>();
  const cases = new Map<string, CinEpisode>();
  const section47s = new Map<string, CinEpisode['section47s'][number]>();
  const plans = new Map<string, { startedOn: string; endedOn: string | null; reviews?: string[] }>();
  const childOf = (childId: string) => {
    let child = children.get(childId);
    if (!child) {
      child = { childId, ...NOTHING_KNOWN, reported: [], episodes: [], corrections: [] };
      children.set(childId, child);
    }
    return child;
  };
  const opened = (event: EventEnvelope) => {
    const sealed = (event.data as Data).subject as { kid: string };
    return openSubject(subjectKeyFor(subjectKey, sealed.kid), sealed as never, event.eventId) as Data;
  };
  for (const event of events) {
    const data = event.data as Data;
    const episode = data.caseId ? cases.get(data.caseId) : undefined;
    const on = (day: unknown) => typeof day === 'string' && day <= asAt;
    switch (event.type) {
      case 'ReferralReceived': {
        const day = dayOf(Date.parse(data.receivedAt as string));
        if (!on(day)) break;
        const subject = opened(event) as Pick<Reported, 'child' | 'characteristics'>;
        const sex = (data.child as { sex: string }).sex;
        const upn = subject.child.upn ?? null;
        childOf(data.childId as string).reported.push({ day, sex, ...subject });
        Object.assign(childOf(data.childId as string), {
          sex,
          dateOfBirth: subject.child.dateOfBirth ?? null,
          expectedDateOfBirth: subject.child.expectedDateOfBirth ?? null,
          upn,
          formerUpn: subject.characteristics.formerUpn ?? null,
          upnUnknownReason: subject.characteristics.upnUnknownReason ?? null,
          ethnicity: subject.characteristics.ethnicity ?? null,
          disabilities: subject.characteristics.disabilities ?? [],
        });
        break;
      }
      case 'ReferralDecided':
        if (data.outcome === 'NFA' && on(data.referralDate)) childOf(data.childId as string).episodes.push(episodeOf(data, null, true));
        break;
      case 'CaseOpened':
        if (!on(data.referralDate)) break;
        cases.set(data.caseId!, episodeOf(data, data.caseId!, false));
        childOf(data.childId as string).episodes.push(cases.get(data.caseId!)!);
        break;
      case 'AssessmentStarted':
        if (episode && on(data.startedOn))
          episode.assessments.push({ startedOn: data.startedOn as string, authorisedOn: null, factors: [] });
        break;
      case 'AssessmentCompleted':
        if (episode && on(data.authorisedOn))
          Object.assign(episode.assessments.at(-1)!, { authorisedOn: data.authorisedOn, factors: data.factors });
        break;
      case 'StrategyDiscussionHeld':
        if (!episode || !on(data.heldOn) || !data.section47Id) break;
        section47s.set(data.section47Id as string, {
          startedOn: data.heldOn as string,
          concludedOn: null,
          icpcOn: null,
          icpcNotRequired: false,
        });
        episode.section47s.push(section47s.get(data.section47Id as string)!);
        break;
      case 'Section47Concluded':
        if (!on(data.concludedOn)) break;
        Object.assign(section47s.get(data.section47Id as string)!, {
          concludedOn: data.concludedOn,
          icpcNotRequired: data.icpcRequired === false,
        });
        break;
      case 'ChildProtectionConferenceHeld':
        if (on(data.heldOn)) section47s.get(data.section47Id as string)!.icpcOn = data.heldOn as string;
        break;
      case 'ChildProtectionPlanStarted':
      case 'ChildInNeedPlanStarted': {
        if (!episode || !on(data.startedOn)) break;
        const plan = {
          startedOn: data.startedOn as string,
          endedOn: null,
          ...(event.type === 'ChildProtectionPlanStarted' ? { reviews: [] } : {}),
        };
        plans.set(data.planId as string, plan);
        if (event.type === 'ChildProtectionPlanStarted') episode.cpPlans.push(plan as CinEpisode['cpPlans'][number]);
        else episode.cinPlans.push(plan);
        break;
      }
      case 'ChildProtectionPlanReviewed':
        if (on(data.heldOn)) plans.get(data.planId as string)!.reviews!.push(data.heldOn as string);
        break;
      case 'ChildProtectionPlanEnded':
      case 'ChildInNeedPlanEnded':
        if (on(data.endedOn)) plans.get(data.planId as string)!.endedOn = data.endedOn as string;
        break;
      case 'CaseClosed':
        if (episode && on(data.closedOn)) Object.assign(episode, { closedOn: data.closedOn, reason: data.reason });
        break;
      case 'ChildCharacteristicsRecorded':
        if (on(data.recordedOn)) childOf(data.childId as string).corrections.push(opened(event) as ChildDetailsCorrection);
        break;
    }
  }
  return [...children.values()].filter((child) => child.episodes.length > 0).map(withCorrections);
};

/** The children with a CIN episode open at some time in the census year from `start` to `end`, with only those episodes. */
export const censusYear = (records: CensusChild[], start: string, end: string): CensusChild[] =>
  records
    .map((child) => ({ ...child, episodes: child.episodes.filter((episode) => !episode.closedOn || episode.closedOn >= start) }))
    .filter((child) => child.episodes.length > 0 && child.episodes.some((episode) => episode.referralDate <= end));

const NOTHING_KNOWN: Identity = {
  sex: null,
  dateOfBirth: null,
  expectedDateOfBirth: null,
  upn: null,
  formerUpn: null,
  upnUnknownReason: null,
  ethnicity: null,
  disabilities: [],
};

const episodeOf = (data: Data, caseId: string | null, nfa: boolean): CinEpisode => ({
  referralId: data.referralId as string,
  caseId,
  referralDate: data.referralDate as string,
  nfa,
  primaryNeed: (data.primaryNeed as string | null) ?? null,
  source: data.source as string,
  // The return gives an NFA referral no closure date; here it ends on its own day, so that the overlap
  // checks (8820) treat it as the instant it is.
  closedOn: nfa ? (data.referralDate as string) : null,
  reason: null,
  assessments: [],
  section47s: [],
  cpPlans: [],
  cinPlans: [],
});

/** A social worker's record wins over what referrers said: each field given replaces it, null clears it. */
const withCorrections = ({ corrections, ...child }: CensusChild & { corrections: ChildDetailsCorrection[] }): CensusChild => {
  const corrected: CensusChild = { ...child };
  for (const correction of corrections) {
    for (const [field, value] of Object.entries(correction)) {
      if (value !== undefined) Object.assign(corrected, { [field]: field === 'disabilities' ? (value ?? []) : value });
    }
  }
  return corrected;
};
