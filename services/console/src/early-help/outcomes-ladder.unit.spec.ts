import { ladderTable } from './outcomes-ladder';

describe('the outcomes ladder table', () => {
  it('has a column per reading and a row per area scored, with the distance travelled', () => {
    const table = ladderTable({
      readings: 3,
      first: { scoredOn: '2025-01-10', scores: { GOOD_EDUCATION: 3, FAMILY_RELATIONSHIPS: 5 } },
      latest: { scoredOn: '2025-04-10', scores: { GOOD_EDUCATION: 6, FAMILY_RELATIONSHIPS: 4, SECURE_HOUSING: 7 } },
      distanceTravelled: { GOOD_EDUCATION: 3, FAMILY_RELATIONSHIPS: -1 },
    });
    expect(table).toEqual({
      dates: ['First reading, 10 January 2025', 'Latest reading, 10 April 2025'],
      rows: [
        { area: 'Getting a good education', scores: ['3 out of 10', '6 out of 10'], change: 'Up 3' },
        { area: 'Improved family relationships', scores: ['5 out of 10', '4 out of 10'], change: 'Down 1' },
        { area: 'Secure housing', scores: ['Not scored', '7 out of 10'], change: 'Not known yet' },
      ],
    });
  });

  it('shows a single reading on its own, and nothing when the ladder has not been scored', () => {
    const one = ladderTable({
      readings: 1,
      first: { scoredOn: '2025-01-10', scores: { SUBSTANCE_USE: 2 } },
      latest: null,
      distanceTravelled: {},
    });
    expect(one?.dates).toEqual(['Only reading, 10 January 2025']);
    expect(one?.rows).toEqual([
      { area: 'Promoting recovery and reducing harm from substance use', scores: ['2 out of 10'], change: 'Not known yet' },
    ]);
    expect(ladderTable({ readings: 0, first: null, latest: null, distanceTravelled: {} })).toBeNull();
  });
});
