import { datePartsFor } from '../../forms/date-input';
import { isEpisodeOpen } from '../episode-read';
import type { EpisodeAction } from './episode-action';

/** A review looks at the plan: offered once one is agreed, as often as the team meets. */
export const recordReview: EpisodeAction = {
  slug: 'review',
  step: 'reviews',
  title: 'Record a review of the plan',
  button: 'Record the review',
  recorded: 'The review is recorded.',
  dates: { heldOn: 'The day the review was held' },
  fields: { heldOn: 'heldOn' },
  firstField: 'heldOn',
  isOffered: (read) => isEpisodeOpen(read) && read.plan !== null,
  bodyOf: (_form, dates) => ({ heldOn: dates.heldOn }),
  defaults: (today) => datePartsFor('heldOn', today),
};
