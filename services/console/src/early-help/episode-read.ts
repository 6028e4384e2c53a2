import { EARLY_HELP_OUTCOMES, OUTCOME_AREAS, type OutcomeArea } from '@csc/contracts';
import { words } from '../display/calendar-day';

/** One row of `GET /v1/early-help/episodes` (README, "Early help"). */
export interface EpisodeListItem {
  episodeId: string;
  childId: string | null;
  stage: string;
  openedOn: string;
  nextDue: { what: string; dueOn: string } | null;
  overdue: boolean;
  version: number;
}

export interface LadderReading {
  scoredOn: string;
  scores: Partial<Record<OutcomeArea, number>>;
}

/** `GET /v1/early-help/episodes/{id}` as a practitioner reads it. */
export interface EpisodeRead {
  episodeId: string;
  stage: string;
  openedOn: string;
  closedOn: string | null;
  version: number;
  origin: string;
  child: { givenName?: string; familyName?: string; schoolUrn?: string | null };
  reason: string | null;
  needs: OutcomeArea[];
  leadPractitioner: string | null;
  teamMembers: string[];
  plan: { agreedOn: string; goals: string[] } | null;
  reviews: { heldOn: string }[];
  ladder: {
    readings: number;
    first: LadderReading | null;
    latest: LadderReading | null;
    distanceTravelled: Partial<Record<OutcomeArea, number>>;
  };
}

/** The episode view's stages, the furthest step last, in a practitioner's words. */
export const EPISODE_STAGE_NAMES: Record<string, string> = {
  OPENED: 'Opened',
  ASSESSED: 'Assessed',
  TEAM_FORMED: 'Team formed',
  PLAN_AGREED: 'Plan agreed',
  ...Object.fromEntries(EARLY_HELP_OUTCOMES.map((outcome) => [`CLOSED_${outcome}`, `Closed: ${words(outcome).toLowerCase()}`])),
};

export const EPISODE_DUE_NAMES: Record<string, string> = { ASSESSMENT: 'Assessment', PLAN: 'Plan', REVIEW: 'Review' };

export const areaName = (area: string): string => OUTCOME_AREAS[area as OutcomeArea] ?? area;

/** The first block of the episode id, as the list and the page name it. */
export const episodeReference = (episodeId: string): string => `Episode ${episodeId.slice(0, 8).toUpperCase()}`;
