import { SeededRandom } from './seeded-random';
import { areasProgressed } from '@csc/domain';
import { ladderReadings } from './outcomes-ladder';

describe('ladderReadings', () => {
  it('progresses in exactly the areas asked for, from the first reading to the last', () => {
    const random = new SeededRandom(1);
    const areas = [
      'GOOD_EDUCATION',
      'SECURE_HOUSING',
      'CRIME_PREVENTION',
      'FINANCIAL_STABILITY',
      'SUBSTANCE_USE',
      'FAMILY_RELATIONSHIPS',
    ] as const;
    for (let progressedIn = 0; progressedIn <= areas.length; progressedIn += 1) {
      const readings = ladderReadings(random, areas, 3, progressedIn);
      expect(readings).toHaveLength(3);
      expect(areasProgressed(readings[0], readings[2])).toHaveLength(progressedIn);
      for (const scores of readings) for (const score of Object.values(scores)) expect(score >= 1 && score <= 10).toBe(true);
    }
  });
});
