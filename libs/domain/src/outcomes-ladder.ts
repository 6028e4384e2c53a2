/** One reading of the outcomes ladder: each outcome area scored 1 to 10. */
export type LadderScores = Readonly<Record<string, number>>;

/**
 * The outcome areas in which a family progressed between two readings: scored in both, and higher
 * in the later one. An area scored only once says nothing about progress, so it is not counted
 * either way (Team Around the School counted progress only for families with two readings).
 */
export const areasProgressed = (first: LadderScores, last: LadderScores): string[] =>
  Object.keys(last)
    .filter((area) => Object.hasOwn(first, area) && last[area] > first[area])
    .sort();
