import { freshRandomBytes } from './fresh-random-bytes';

describe('freshRandomBytes', () => {
  it('gives the size asked for, small or large', () => {
    for (const size of [1, 12, 32, 1024, 5000]) expect(freshRandomBytes(size)).toHaveLength(size);
  });

  it('never gives the same bytes twice, across many refills of its pool', () => {
    const seen = new Set<string>();
    for (let draw = 0; draw < 2000; draw++) seen.add(freshRandomBytes(12).toString('hex'));
    expect(seen.size).toBe(2000);
  });

  it('gives each caller its own copy: what it was given stays as given while later draws wipe the pool and refill it', () => {
    const given = freshRandomBytes(32);
    const asGiven = Buffer.from(given);
    for (let draw = 0; draw < 300; draw++) freshRandomBytes(32);
    expect(given.equals(asGiven)).toBe(true);
    expect(given.equals(Buffer.alloc(32))).toBe(false);
  });

  it('looks random: every byte value turns up, none far more often than the rest', () => {
    const counts = new Array<number>(256).fill(0);
    for (let draw = 0; draw < 4096; draw++) for (const byte of freshRandomBytes(16)) counts[byte]++;
    // 65,536 bytes: 256 of each value on average; a fair source stays well inside 150-380.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(380);
  });
});
