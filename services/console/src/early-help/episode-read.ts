import { EARLY_HELP_OUTCOMES, OUTCOME_AREAS, type EarlyHelpOutcome, type OutcomeArea } from '@csc/contracts';
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
  /** The days reviews were held (YYYY-MM-DD), as recorded. */
  reviews: string[];
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

export const childNameOf = (read: Pick<EpisodeRead, 'child'>): string =>
  [read.child.givenName, read.child.familyName].filter(Boolean).join(' ') || 'Name not available';

/** The first block of the episode id, as the list and the page name it. */
export const episodeReference = (episodeId: string): string => `Episode ${episodeId.slice(0, 8).toUpperCase()}`;

/** How an episode may end, in a practitioner's words, with what each ending means (README, "Early help"). */
export const EARLY_HELP_OUTCOME_NAMES: Record<EarlyHelpOutcome, { text: string; hint: string }> = {
  GRADUATED: { text: 'Graduated', hint: 'The family had support through an agreed plan and no longer needs early help' },
  LEFT_WITHOUT_GRADUATING: { text: 'Left without graduating', hint: 'The family stopped taking part before the plan was finished' },
  NOT_PROGRESSED: { text: 'Did not progress onto support', hint: 'The episode ends before any plan was agreed' },
  MOVED_AWAY: { text: 'Moved away', hint: 'The family moved out of the area' },
  STEPPED_UP: { text: "Stepped up to children's social care", hint: 'Recorded by stepping the family up, not by closing' },
};

/** Open until its ending is recorded: a closed episode takes nothing more. */
export const isEpisodeOpen = (read: Pick<EpisodeRead, 'closedOn'>): boolean => read.closedOn === null;
