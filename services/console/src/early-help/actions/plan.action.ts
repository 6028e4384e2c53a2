import { datePartsFor } from '../../forms/date-input';
import { isEpisodeOpen } from '../episode-read';
import { lines, type EpisodeAction } from './episode-action';

/** The plan: agreed after the assessment (not before its day), once, with its goals. */
export const agreePlan: EpisodeAction = {
  slug: 'plan',
  step: 'plan',
  title: 'Record the agreed plan',
  button: 'Record the plan',
  recorded: 'The plan is recorded.',
  dates: { agreedOn: 'The day the plan was agreed' },
  fields: { agreedOn: 'agreedOn', goals: 'goals' },
  labels: { goals: 'Goals' },
  firstField: 'agreedOn',
  isOffered: (read) => isEpisodeOpen(read) && read.needs.length > 0 && read.plan === null,
  bodyOf: (form, dates) => ({ agreedOn: dates.agreedOn, goals: lines(form.goals) }),
  defaults: (today) => datePartsFor('agreedOn', today),
};
