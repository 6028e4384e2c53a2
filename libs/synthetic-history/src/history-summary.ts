import { topicOf, type EventEnvelope, type EventType } from '@csc/contracts';
import { sourceGroupOf, type SourceGroup } from './national-mix';

/** What a stream of events holds, in the terms of docs/domain.md's national figures. Shares are 0..1 (NaN when nothing to divide by). */
export interface HistorySummary {
  events: number;
  eventsByType: Record<string, number>;
  eventsByTopic: Record<string, number>;
  referrals: number;
  outcomes: Record<string, number>;
  cinReferrals: number;
  /** NFA / CIN referrals (national 6.5-7.1%). */
  nfaShareOfCinReferrals: number;
  /** Source groups of CIN referrals, as the DfE publishes them. */
  sourceMix: Record<SourceGroup, number>;
  /** Source groups of every referral received. */
  sourceMixOfAllReferrals: Record<SourceGroup, number>;
  /** CIN referrals within 12 months of the same child's previous CIN referral (docs/domain.md's rule), per CIN referral (national 22.4%). */
  reReferrals: number;
  reReferralShare: number;
  assessmentsCompleted: number;
  /** Authorised within 45 working days of the referral (national about 86%). */
  assessmentsWithinTimescaleShare: number;
  /** Cases closed RC8 / assessments completed (national 29.9-30.8%). */
  assessedNotInNeedShare: number;
  section47s: number;
  conferences: number;
  /** ICPCs within 15 working days of the strategy discussion (national about 80%). */
  conferencesWithinTimescaleShare: number;
  protectionPlansStarted: number;
  casesClosedByReason: Record<string, number>;
  episodesOpenedByOrigin: Record<string, number>;
  episodesClosedByOutcome: Record<string, number>;
}

export interface CinReferral {
  referralId: string;
  childId: string;
  receivedAt: string;
  referralDate: string;
}

const SOURCE_GROUPS: SourceGroup[] = ['POLICE', 'SCHOOLS', 'HEALTH', 'LA_SERVICES', 'INDIVIDUALS', 'OTHER'];

/** Counts what a generated (or any) stream of events holds, in one pass. */
export const summariseHistory = (events: Iterable<EventEnvelope>): HistorySummary => {
  const tally = new HistoryTally();
  for (const event of events) tally.add(event);
  return tally.summary();
};

/**
 * The running counts behind summariseHistory, for a caller that hands the events on as well (the CLI
 * publishes while it counts). Keeps only counts and, for the re-referral rule, each CIN referral's
 * child and dates.
 */
export class HistoryTally {
  private readonly eventsByType: Record<string, number> = {};
  private readonly eventsByTopic: Record<string, number> = {};
  private readonly outcomes: Record<string, number> = {};
  private readonly cinSources = groupCounts();
  private readonly allSources = groupCounts();
  private readonly closures: Record<string, number> = {};
  private readonly origins: Record<string, number> = {};
  private readonly endings: Record<string, number> = {};
  private readonly cinReferrals: CinReferral[] = [];
  private total = 0;
  private assessments = 0;
  private timelyAssessments = 0;
  private conferences = 0;
  private timelyConferences = 0;

  add(event: EventEnvelope): void {
    this.total += 1;
    increment(this.eventsByType, event.type);
    increment(this.eventsByTopic, topicOf(event.type as EventType));
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'ReferralReceived':
        this.allSources[sourceGroupOf(data.source as string)] += 1;
        break;
      case 'ReferralDecided':
        increment(this.outcomes, data.outcome as string);
        if (data.cinReferral) {
          this.cinSources[sourceGroupOf(data.source as string)] += 1;
          this.cinReferrals.push({
            referralId: data.referralId as string,
            childId: data.childId as string,
            receivedAt: data.receivedAt as string,
            referralDate: data.referralDate as string,
          });
        }
        break;
      case 'AssessmentCompleted':
        this.assessments += 1;
        if (data.withinTimescale) this.timelyAssessments += 1;
        break;
      case 'ChildProtectionConferenceHeld':
        this.conferences += 1;
        if (data.withinTimescale) this.timelyConferences += 1;
        break;
      case 'CaseClosed':
        increment(this.closures, data.reason as string);
        break;
      case 'EarlyHelpEpisodeOpened':
        increment(this.origins, data.origin as string);
        break;
      case 'EarlyHelpEpisodeClosed':
        increment(this.endings, data.outcome as string);
        break;
    }
  }

  summary(): HistorySummary {
    const cin = this.cinReferrals.length;
    const referrals = this.eventsByType.ReferralReceived ?? 0;
    const reReferrals = countReReferrals(this.cinReferrals);
    return {
      events: this.total,
      eventsByType: { ...this.eventsByType },
      eventsByTopic: { ...this.eventsByTopic },
      referrals,
      outcomes: { ...this.outcomes },
      cinReferrals: cin,
      nfaShareOfCinReferrals: (this.outcomes.NFA ?? 0) / cin,
      sourceMix: shares(this.cinSources, cin),
      sourceMixOfAllReferrals: shares(this.allSources, referrals),
      reReferrals,
      reReferralShare: reReferrals / cin,
      assessmentsCompleted: this.assessments,
      assessmentsWithinTimescaleShare: this.timelyAssessments / this.assessments,
      assessedNotInNeedShare: (this.closures.RC8 ?? 0) / this.assessments,
      section47s: this.eventsByType.Section47Concluded ?? 0,
      conferences: this.conferences,
      conferencesWithinTimescaleShare: this.timelyConferences / this.conferences,
      protectionPlansStarted: this.eventsByType.ChildProtectionPlanStarted ?? 0,
      casesClosedByReason: { ...this.closures },
      episodesOpenedByOrigin: { ...this.origins },
      episodesClosedByOutcome: { ...this.endings },
    };
  }
}

/**
 * docs/domain.md's rule: a CIN referral is a re-referral when the same child's previous CIN referral
 * (by time received) was within 12 months, on or before the same calendar date a year later (a year
 * after 29 February is 28 February). The analytics view keeps the same rule.
 */
export const countReReferrals = (referrals: readonly CinReferral[]): number => {
  const byChild = new Map<string, CinReferral[]>();
  for (const referral of referrals) {
    const history = byChild.get(referral.childId);
    if (history) history.push(referral);
    else byChild.set(referral.childId, [referral]);
  }
  let count = 0;
  for (const history of byChild.values()) {
    history.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.referralId.localeCompare(b.referralId));
    for (let index = 1; index < history.length; index += 1) {
      if (history[index].referralDate <= oneYearAfter(history[index - 1].referralDate)) count += 1;
    }
  }
  return count;
};

export const oneYearAfter = (date: string): string => {
  const year = Number(date.slice(0, 4)) + 1;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
};

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const groupCounts = (): Record<SourceGroup, number> =>
  Object.fromEntries(SOURCE_GROUPS.map((group) => [group, 0])) as Record<SourceGroup, number>;

const shares = (counts: Record<SourceGroup, number>, total: number): Record<SourceGroup, number> =>
  Object.fromEntries(SOURCE_GROUPS.map((group) => [group, counts[group] / total])) as Record<SourceGroup, number>;
