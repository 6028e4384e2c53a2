import { LADDER_MAX, LADDER_MIN, type OutcomeArea } from '@csc/contracts';
import type { SeededRandom } from './seeded-random';

/** One OutcomesLadderScored reading: a score from 1 to 10 for each outcome area scored that time. */
export type LadderScores = Partial<Record<OutcomeArea, number>>;

/**
 * Readings for one family over `areas`, built so that exactly `progressedIn` areas (the first ones
 * listed) progress from the first to the last reading and the others do not; readings in between
 * move part of the way. One reading is just the baseline.
 */
export const ladderReadings = (
  random: SeededRandom,
  areas: readonly OutcomeArea[],
  readings: number,
  progressedIn: number,
): LadderScores[] => {
  if (progressedIn > areas.length) throw new Error(`cannot progress in ${progressedIn} of ${areas.length} areas`);
  const first: LadderScores = {};
  const last: LadderScores = {};
  areas.forEach((area, index) => {
    const before = random.int(LADDER_MIN + 1, 6);
    first[area] = before;
    last[area] = index < progressedIn ? Math.min(LADDER_MAX, before + random.int(1, 3)) : Math.max(LADDER_MIN, before - random.int(0, 1));
  });
  if (readings <= 1) return [first];
  const between = Array.from({ length: readings - 2 }, (_, index) => {
    const share = (index + 1) / (readings - 1);
    const scores: LadderScores = {};
    for (const area of areas) scores[area] = Math.round(first[area]! + (last[area]! - first[area]!) * share);
    return scores;
  });
  return [first, ...between, last];
};
