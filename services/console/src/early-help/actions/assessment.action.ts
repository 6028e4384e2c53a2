import { OUTCOME_AREAS } from '@csc/contracts';
import { datePartsFor } from '../../forms/date-input';
import { isEpisodeOpen } from '../episode-read';
import { ticked, type EpisodeAction } from './episode-action';

/** The early help assessment: the day it was completed and the family's needs among the ten outcome areas; once per episode. */
export const recordAssessment: EpisodeAction = {
  slug: 'assessment',
  step: 'assessment',
  title: 'Record the early help assessment',
  button: 'Record the assessment',
  recorded: 'The early help assessment is recorded.',
  dates: { completedOn: 'The day the assessment was completed' },
  fields: { completedOn: 'completedOn', needs: 'needs' },
  labels: { needs: 'Areas of need' },
  firstField: 'completedOn',
  // The API keeps one assessment, and needs at least one area, so an episode with needs has had it.
  isOffered: (read) => isEpisodeOpen(read) && read.needs.length === 0,
  bodyOf: (form, dates) => ({ completedOn: dates.completedOn, needs: ticked(form.needs) }),
  defaults: (today) => datePartsFor('completedOn', today),
  choicesFor: (_read, values) => ({
    needItems: Object.entries(OUTCOME_AREAS).map(([value, name]) => ({
      value,
      text: name,
      checked: ticked(values.needs).includes(value),
    })),
  }),
};
