import { outcomesLadderScoredV1 } from './early-help-events.v1';

describe('OutcomesLadderScored', () => {
  const reading = (scores: object) => ({ episodeId: '77777777-7777-4777-8777-777777777777', scoredOn: '2025-01-20', scores });

  it('carries the areas scored that time: one area is a reading, as the early help service accepts it', () => {
    expect(outcomesLadderScoredV1.safeParse(reading({ GOOD_EDUCATION: 3 })).success).toBe(true);
  });

  it('refuses an area that is not an outcome area and a score off the ladder', () => {
    expect(outcomesLadderScoredV1.safeParse(reading({ HAPPINESS: 3 })).success).toBe(false);
    expect(outcomesLadderScoredV1.safeParse(reading({ GOOD_EDUCATION: 11 })).success).toBe(false);
  });
});
