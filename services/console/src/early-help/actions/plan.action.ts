import { isEpisodeOpen } from '../episode-read';
import { lines, text, type EpisodeAction } from './episode-action';

/** The plan: agreed after the assessment (not before its day), once, with its goals. */
export const agreePlan: EpisodeAction = {
  slug: 'plan',
  step: 'plan',
  title: 'Record the agreed plan',
  button: 'Record the plan',
  recorded: 'The plan is recorded.',
  fields: { agreedOn: 'agreedOn', goals: 'goals' },
  labels: { agreedOn: 'The day the plan was agreed', goals: 'Goals' },
  firstField: 'agreedOn',
  isOffered: (read) => isEpisodeOpen(read) && read.needs.length > 0 && read.plan === null,
  bodyOf: (form) => ({ agreedOn: text(form.agreedOn), goals: lines(form.goals) }),
  defaults: (today) => ({ agreedOn: today }),
};
