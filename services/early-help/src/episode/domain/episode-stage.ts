import { EARLY_HELP_OUTCOMES } from '@csc/contracts';
import type { EpisodeState } from './episode.state';

/** The episode view's `stage` words, the furthest step first: a closed episode says how it ended. */
export const EPISODE_STAGES = [
  ...EARLY_HELP_OUTCOMES.map((outcome) => `CLOSED_${outcome}` as const),
  'PLAN_AGREED',
  'TEAM_FORMED',
  'ASSESSED',
  'OPENED',
] as const;
export type EpisodeStage = (typeof EPISODE_STAGES)[number];

/** Where the episode has got to, the furthest step first. */
export const episodeStageOf = (state: EpisodeState): EpisodeStage => {
  if (state.closure) return `CLOSED_${state.closure.outcome}`;
  if (state.plan) return 'PLAN_AGREED';
  if (state.team) return 'TEAM_FORMED';
  if (state.assessment) return 'ASSESSED';
  return 'OPENED';
};
