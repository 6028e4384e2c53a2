import { OUTCOME_AREAS, type OutcomeArea } from '@csc/contracts';
import { calendarDay } from '../display/calendar-day';
import { areaName, type EpisodeRead, type LadderReading } from './episode-read';

export interface LadderTable {
  /** One column per reading, oldest first. */
  dates: string[];
  /** One row per outcome area scored at least once, in the Supporting Families order. */
  rows: { area: string; scores: string[]; change: string }[];
}

/**
 * The outcomes ladder as a table of scores per area per reading date: the episode read gives the first
 * and the latest readings (and the distance travelled between them), so that is what it can draw over time.
 * An area not scored in a reading shows "Not scored", so no cell is left for a screen reader to guess at.
 */
export const ladderTable = (ladder: EpisodeRead['ladder']): LadderTable | null => {
  const readings = [ladder.first, ladder.latest].filter((reading): reading is LadderReading => reading !== null);
  if (readings.length === 0) return null;
  const scored = new Set(readings.flatMap((reading) => Object.keys(reading.scores)));
  const areas = (Object.keys(OUTCOME_AREAS) as OutcomeArea[]).filter((area) => scored.has(area));
  return {
    dates: readings.map((reading, index) => `${readingNames(readings.length)[index]}, ${calendarDay(reading.scoredOn)}`),
    rows: areas.map((area) => ({
      area: areaName(area),
      scores: readings.map((reading) => (reading.scores[area] === undefined ? 'Not scored' : `${reading.scores[area]} out of 10`)),
      change: changeOf(ladder.distanceTravelled[area]),
    })),
  };
};

/** Two readings may fall on one day: each column says which reading it is as well as its date. */
const readingNames = (count: number): string[] => (count === 1 ? ['Only reading'] : ['First reading', 'Latest reading']);

const changeOf = (distance: number | undefined): string => {
  if (distance === undefined) return 'Not known yet';
  if (distance === 0) return 'No change';
  return distance > 0 ? `Up ${distance}` : `Down ${-distance}`;
};
