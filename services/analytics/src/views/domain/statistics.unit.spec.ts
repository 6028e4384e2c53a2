import { median, sum } from './statistics';

describe('view statistics', () => {
  it('takes the median of an odd and an even count, to one decimal', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([1, 2.25])).toBe(1.6);
  });

  it('has no median of nothing', () => {
    expect(median([])).toBeNull();
  });

  it('sums a value over rows', () => {
    expect(sum([{ n: 2 }, { n: 5 }], (row) => row.n)).toBe(7);
    expect(sum([], () => 1)).toBe(0);
  });
});
