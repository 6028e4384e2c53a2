import type { EarlyHelpOutcome } from '@csc/contracts';
import { datePartsFor } from '../../forms/date-input';
import { EARLY_HELP_OUTCOME_NAMES, isEpisodeOpen, type EpisodeRead } from '../episode-read';
import { text, type EpisodeAction } from './episode-action';

/**
 * The endings a close may record, as the API allows them now: graduating needs a plan, "did not progress"
 * means there never was one, and a step-up is recorded by stepping up.
 */
export const closingOutcomesFor = (read: Pick<EpisodeRead, 'plan'>): EarlyHelpOutcome[] => [
  read.plan ? 'GRADUATED' : 'NOT_PROGRESSED',
  'LEFT_WITHOUT_GRADUATING',
  'MOVED_AWAY',
];

/** The ending of an episode: its day and how it ended; nothing more can be recorded after it. */
export const closeEpisode: EpisodeAction = {
  slug: 'closure',
  step: 'closure',
  title: 'Close the episode',
  button: 'Close the episode',
  recorded: 'The episode is closed.',
  dates: { closedOn: 'The day the episode closed' },
  fields: { closedOn: 'closedOn', outcome: 'outcome' },
  labels: { outcome: 'How it ended' },
  firstField: 'closedOn',
  isOffered: isEpisodeOpen,
  bodyOf: (form, dates) => ({ closedOn: dates.closedOn, outcome: text(form.outcome) }),
  defaults: (today) => datePartsFor('closedOn', today),
  choicesFor: (read, values) => ({
    outcomeItems: closingOutcomesFor(read).map((outcome) => ({
      value: outcome,
      text: EARLY_HELP_OUTCOME_NAMES[outcome].text,
      hint: { text: EARLY_HELP_OUTCOME_NAMES[outcome].hint },
      checked: values.outcome === outcome,
    })),
  }),
};
