import { isEpisodeOpen } from '../episode-read';
import { text, type EpisodeAction } from './episode-action';

/** Stepping up asks children's social care to take over: the front door receives a referral and the episode closes. */
export const stepUp: EpisodeAction = {
  slug: 'step-up',
  step: 'step-up',
  title: "Step up to children's social care",
  button: 'Step up',
  recorded: "The family is stepped up to children's social care, and the episode is closed.",
  fields: { steppedUpOn: 'on', reason: 'reason' },
  labels: { steppedUpOn: 'The day of the step-up', reason: 'Why the family is stepped up' },
  firstField: 'steppedUpOn',
  isOffered: isEpisodeOpen,
  bodyOf: (form) => ({ on: text(form.steppedUpOn), reason: text(form.reason) }),
  defaults: (today) => ({ steppedUpOn: today }),
};
