import type { AggregateList } from '@csc/platform';
import { nextEpisodeDueOf } from '../domain/episode-due-dates';
import { episodeStageOf } from '../domain/episode-stage';
import type { EpisodeState } from '../domain/episode.state';

/** An episode's row in the list: its stage (the episode view's word) and what is due next, from pure domain functions. */
export const episodeList: AggregateList<EpisodeState> = {
  table: 'episode_list',
  idColumn: 'episode_id',
  rowOf: (state) => {
    if (!state.opened) return null;
    const nextDue = nextEpisodeDueOf(state);
    return {
      child_id: state.opened.childId,
      stage: episodeStageOf(state),
      opened_on: state.opened.openedOn,
      next_due_what: nextDue?.what ?? null,
      next_due_on: nextDue?.dueOn ?? null,
    };
  },
};
