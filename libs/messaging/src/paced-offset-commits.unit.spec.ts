import { offsetAfter, PacedOffsetCommits, type OffsetToCommit } from './paced-offset-commits';

const at = (topic: string, partition: number, offset: number): OffsetToCommit => ({ topic, partition, offset: String(offset) });

describe('PacedOffsetCommits', () => {
  let commits: OffsetToCommit[][];
  let paced: PacedOffsetCommits;

  beforeEach(() => {
    jest.useFakeTimers();
    commits = [];
    paced = new PacedOffsetCommits(async (offsets) => void commits.push(offsets), 1_000);
  });

  afterEach(() => {
    paced.stop();
    jest.useRealTimers();
  });

  it('commits the first progress at once, then each partition latest at most once a second', async () => {
    await paced.processed(at('referrals', 0, 1));
    expect(commits).toEqual([[at('referrals', 0, 1)]]);

    await paced.processed(at('referrals', 0, 2));
    await paced.processed(at('referrals', 1, 7));
    await paced.processed(at('referrals', 0, 3));
    expect(commits).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(999);
    expect(commits).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(commits).toEqual([[at('referrals', 0, 1)], [at('referrals', 0, 3), at('referrals', 1, 7)]]);
  });

  it('commits progress made after the interval has passed in the batch that made it', async () => {
    await paced.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(1_500);
    await paced.processed(at('referrals', 0, 2));
    expect(commits).toEqual([[at('referrals', 0, 1)], [at('referrals', 0, 2)]]);
  });

  it('commits nothing when nothing was processed since the last commit', async () => {
    await paced.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(commits).toHaveLength(1);
  });

  it('after a rebalance, drops progress on partitions another member now holds', async () => {
    await paced.processed(at('referrals', 0, 1));
    await paced.processed(at('referrals', 0, 2));
    await paced.processed(at('referrals', 2, 9));
    paced.keepOnly({ referrals: [2] });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(commits).toEqual([[at('referrals', 0, 1)], [at('referrals', 2, 9)]]);
  });

  it('when its consumer is leaving, commits what is pending and then each progress at once', async () => {
    await paced.processed(at('referrals', 0, 1));
    await paced.processed(at('referrals', 0, 2));
    await paced.commitEachFromNow();
    expect(commits).toEqual([[at('referrals', 0, 1)], [at('referrals', 0, 2)]]);
    // Progress made while the flush above was under way: committed at once, not paced.
    await paced.processed(at('referrals', 0, 3));
    expect(commits).toHaveLength(3);
    paced.stop();
    await paced.processed(at('referrals', 0, 4));
    await jest.advanceTimersByTimeAsync(5_000);
    expect(commits).toHaveLength(3);
  });

  it('never runs two commits at once, and a refused commit fails nothing', async () => {
    let running = 0;
    let overlapped = false;
    const refusing = new PacedOffsetCommits(async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      running -= 1;
      throw new Error('The coordinator is not aware of this member');
    }, 0);
    const processed = [refusing.processed(at('referrals', 0, 1)), refusing.processed(at('referrals', 1, 1))];
    await jest.advanceTimersByTimeAsync(30);
    await expect(Promise.all(processed)).resolves.toEqual([undefined, undefined]);
    expect(overlapped).toBe(false);
    refusing.stop();
  });

  it('takes reading on from the offset after the message processed', () => {
    expect(offsetAfter('41')).toBe('42');
    expect(offsetAfter('9007199254740993')).toBe('9007199254740994');
  });
});
