import { isEpisodeOpen } from '../episode-read';
import { text, type EpisodeAction } from './episode-action';

/** A review looks at the plan: offered once one is agreed, as often as the team meets. */
export const recordReview: EpisodeAction = {
  slug: 'review',
  step: 'reviews',
  title: 'Record a review of the plan',
  button: 'Record the review',
  recorded: 'The review is recorded.',
  fields: { heldOn: 'heldOn' },
  labels: { heldOn: 'The day the review was held' },
  firstField: 'heldOn',
  isOffered: (read) => isEpisodeOpen(read) && read.plan !== null,
  bodyOf: (form) => ({ heldOn: text(form.heldOn) }),
  defaults: (today) => ({ heldOn: today }),
};
