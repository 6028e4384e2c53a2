import { firstNotYetApplied } from './applied-already';

const batchFrom = (...offsets: number[]) => offsets.map((offset) => ({ offset: String(offset) }));

describe("a batch's messages not yet applied", () => {
  it('are all of a batch that starts at the next offset or after it', () => {
    expect(firstNotYetApplied(batchFrom(40, 41, 42), 40n)).toBe(0);
    expect(firstNotYetApplied(batchFrom(45, 46), 40n)).toBe(0);
  });

  it('start at the next offset in a batch that begins before it, gaps in the offsets included', () => {
    expect(firstNotYetApplied(batchFrom(37, 38, 39, 40, 41), 40n)).toBe(3);
    expect(firstNotYetApplied(batchFrom(30, 35, 44, 47), 40n)).toBe(2);
  });

  it('are none of a batch applied to its end, or of an empty batch', () => {
    expect(firstNotYetApplied(batchFrom(37, 38, 39), 40n)).toBe(3);
    expect(firstNotYetApplied([], 40n)).toBe(0);
  });

  it('compare offsets exactly past 2^53, where Numbers would not', () => {
    const batch = [{ offset: '9007199254740993' }, { offset: '9007199254740994' }];
    expect(firstNotYetApplied(batch, 9007199254740994n)).toBe(1);
  });
});
