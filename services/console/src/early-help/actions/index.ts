import { recordAssessment } from './assessment.action';
import { closeEpisode } from './closure.action';
import type { EpisodeAction } from './episode-action';
import { scoreLadder } from './ladder.action';
import { agreePlan } from './plan.action';
import { recordReview } from './review.action';
import { stepUp } from './step-up.action';
import { formTeam } from './team.action';

/** What a practitioner can record on an episode, in the order the work usually goes. */
export const EPISODE_ACTIONS: readonly EpisodeAction[] = [
  recordAssessment,
  formTeam,
  agreePlan,
  scoreLadder,
  recordReview,
  stepUp,
  closeEpisode,
];

export const episodeActionBySlug = (slug: string): EpisodeAction | undefined => EPISODE_ACTIONS.find((action) => action.slug === slug);
