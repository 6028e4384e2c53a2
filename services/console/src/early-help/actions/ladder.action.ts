import { LADDER_MAX, LADDER_MIN, OUTCOME_AREAS, type OutcomeArea } from '@csc/contracts';
import { datePartsFor } from '../../forms/date-input';
import { isEpisodeOpen } from '../episode-read';
import { text, type EpisodeAction, type PostedForm } from './episode-action';

const AREAS = Object.keys(OUTCOME_AREAS) as OutcomeArea[];

/** Each area's score has its own field, named by the area's code: `score-GOOD_EDUCATION`. */
export const scoreField = (area: OutcomeArea): string => `score-${area}`;

/**
 * The scores chosen, by area: an area left "Not scored" is left out. A score is sent as a number when it
 * is one, and as posted when not, so the API refuses it by its area rather than the console guessing.
 */
export const ladderScoresOf = (form: PostedForm): Record<string, number | string> =>
  Object.fromEntries(
    AREAS.flatMap((area) => {
      const score = text(form[scoreField(area)]);
      if (score === '') return [];
      return [[area, /^\d{1,2}$/.test(score) ? Number(score) : score]];
    }),
  );

const SCORES = Array.from({ length: LADDER_MAX - LADDER_MIN + 1 }, (_, index) => String(LADDER_MIN + index));

/** An outcomes ladder reading: a score from 1 to 10 for any of the ten areas, on a day; as often as the family is scored. */
export const scoreLadder: EpisodeAction = {
  slug: 'outcomes-ladder',
  step: 'outcomes-ladder',
  title: 'Score the outcomes ladder',
  button: 'Record the scores',
  recorded: 'The outcomes ladder scores are recorded.',
  // `scores`, a message about the scores as a whole, is shown at the top of the areas' fieldset.
  dates: { scoredOn: 'The day of the scores' },
  fields: { scoredOn: 'scoredOn', scores: 'scores', ...Object.fromEntries(AREAS.map((area) => [scoreField(area), `scores.${area}`])) },
  labels: {
    ...Object.fromEntries(AREAS.map((area) => [scoreField(area), `The score for ${OUTCOME_AREAS[area].toLowerCase()}`])),
  },
  firstField: 'scoredOn',
  isOffered: isEpisodeOpen,
  bodyOf: (form, dates) => ({ scoredOn: dates.scoredOn, scores: ladderScoresOf(form) }),
  defaults: (today) => datePartsFor('scoredOn', today),
  choicesFor: (read, values) => ({
    areas: AREAS.map((area) => {
      const latest = read.ladder.latest?.scores[area] ?? read.ladder.first?.scores[area];
      return {
        id: scoreField(area),
        name: OUTCOME_AREAS[area],
        hint: latest === undefined ? 'Not scored before' : `Last scored ${latest} out of 10`,
        items: [{ value: '', text: 'Not scored' }, ...SCORES.map((score) => ({ value: score, text: `${score} out of 10` }))].map(
          (item) => ({ ...item, selected: item.value === text(values[scoreField(area)]) }),
        ),
      };
    }),
  }),
};
