import { datePartsFor } from '../../forms/date-input';
import { isEpisodeOpen } from '../episode-read';
import { text, type EpisodeAction } from './episode-action';

/** Stepping up asks children's social care to take over: the front door receives a referral and the episode closes. */
export const stepUp: EpisodeAction = {
  slug: 'step-up',
  step: 'step-up',
  title: "Step up to children's social care",
  button: 'Step up',
  recorded: "The family is stepped up to children's social care, and the episode is closed.",
  dates: { steppedUpOn: 'The day of the step-up' },
  fields: { steppedUpOn: 'on', reason: 'reason' },
  labels: { reason: 'Why the family is stepped up' },
  firstField: 'steppedUpOn',
  isOffered: isEpisodeOpen,
  bodyOf: (form, dates) => ({ on: dates.steppedUpOn, reason: text(form.reason) }),
  defaults: (today) => datePartsFor('steppedUpOn', today),
};
