import { areasProgressed } from './outcomes-ladder';

describe('areasProgressed: where a family moved up the outcomes ladder between two readings', () => {
  it('counts the areas scored in both readings and higher in the later one', () => {
    expect(areasProgressed({ EDUCATION: 3, HOUSING: 5, HEALTH: 4 }, { EDUCATION: 6, HOUSING: 5, HEALTH: 2 })).toEqual(['EDUCATION']);
  });

  it('ignores an area scored in only one of the readings', () => {
    expect(areasProgressed({ EDUCATION: 3 }, { EDUCATION: 3, HOUSING: 9 })).toEqual([]);
    expect(areasProgressed({ EDUCATION: 3, HOUSING: 1 }, { EDUCATION: 4 })).toEqual(['EDUCATION']);
  });

  it('finds no progress between a reading and itself', () => {
    const reading = { EDUCATION: 2, HOUSING: 7 };
    expect(areasProgressed(reading, reading)).toEqual([]);
  });
});
