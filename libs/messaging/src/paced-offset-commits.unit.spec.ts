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

  it('on joining the group again, drops the progress not yet committed (kafkajs resumes from the committed offsets)', async () => {
    await paced.processed(at('referrals', 0, 1));
    await paced.processed(at('referrals', 0, 2));
    await paced.processed(at('referrals', 2, 9));
    paced.rejoined();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(commits).toEqual([[at('referrals', 0, 1)]]);
    // Progress after the join is committed as before.
    await paced.processed(at('referrals', 2, 4));
    expect(commits).toEqual([[at('referrals', 0, 1)], [at('referrals', 2, 4)]]);
  });

  it('when its consumer is leaving, commits what is pending and then each progress at once', async () => {
    await paced.processed(at('referrals', 0, 1));
    await paced.processed(at('referrals', 0, 2));
    await paced.commitEachFromNow();
    expect(commits).toEqual([[at('referrals', 0, 1)], [at('referrals', 0, 2)]]);
    // Progress made while the flush above was under way: committed at once (not waited for), not paced.
    await paced.processed(at('referrals', 0, 3));
    await jest.advanceTimersByTimeAsync(0);
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

  /** A commit function whose answers the test gives, one commit at a time. */
  const answeredByHand = () => {
    const tried: OffsetToCommit[][] = [];
    const answers: Array<{ accept: () => void; refuse: () => void }> = [];
    const commits = new PacedOffsetCommits(
      (offsets) =>
        new Promise<void>((resolve, reject) => {
          tried.push(offsets);
          answers.push({ accept: resolve, refuse: () => reject(new Error('The group is rebalancing')) });
        }),
      1_000,
    );
    return { commits, tried, answers };
  };

  it('tries a refused commit again an interval later, where nothing newer has come meanwhile', async () => {
    const { commits: flaky, tried, answers } = answeredByHand();
    void flaky.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(0);
    answers[0].accept();
    void flaky.processed(at('referrals', 0, 2));
    void flaky.processed(at('referrals', 1, 5));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(tried[1]).toEqual([at('referrals', 0, 2), at('referrals', 1, 5)]);
    // Newer progress on one of the two while that commit is under way, then it is refused.
    void flaky.processed(at('referrals', 1, 6));
    answers[1].refuse();
    await jest.advanceTimersByTimeAsync(999);
    expect(tried).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(tried[2]).toEqual([at('referrals', 1, 6), at('referrals', 0, 2)]);
    answers[2].accept();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(tried).toHaveLength(3);
    flaky.stop();
  });

  it('with nothing newer, tries a refused commit again once the interval has passed, not sooner', async () => {
    const { commits: flaky, tried, answers } = answeredByHand();
    void flaky.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(0);
    answers[0].refuse();
    await jest.advanceTimersByTimeAsync(999);
    expect(tried).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(tried).toEqual([[at('referrals', 0, 1)], [at('referrals', 0, 1)]]);
    flaky.stop();
  });

  it('tries again at least 100 ms apart, however short its pace', async () => {
    let tries = 0;
    const unpaced = new PacedOffsetCommits(() => {
      tries += 1;
      return Promise.reject(new Error('The coordinator is loading'));
    }, 0);
    void unpaced.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(tries).toBeGreaterThanOrEqual(10);
    expect(tries).toBeLessThanOrEqual(11);
    unpaced.stop();
  });

  it('tries nothing again once its consumer has left', async () => {
    const { commits: flaky, tried, answers } = answeredByHand();
    void flaky.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(0);
    flaky.stop();
    answers[0].refuse();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(tried).toHaveLength(1);
  });

  it('records no progress from a batch begun before the member joined the group again', async () => {
    const joinedAs = paced.joins;
    paced.rejoined();
    await paced.processed(at('referrals', 0, 7), joinedAs);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(commits).toEqual([]);
    await paced.processed(at('referrals', 0, 8), paced.joins);
    expect(commits).toEqual([[at('referrals', 0, 8)]]);
  });

  it('once leaving begins, a batch waiting on a commit the broker does not answer goes on', async () => {
    const hanging = new PacedOffsetCommits(() => new Promise(() => undefined), 1_000);
    let processed = false;
    void hanging.processed(at('referrals', 0, 1)).then(() => (processed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(processed).toBe(false);
    void hanging.commitEachFromNow(2_000);
    await jest.advanceTimersByTimeAsync(0);
    expect(processed).toBe(true);
    hanging.stop();
  });

  it('does not try again a commit refused before the member joined the group again', async () => {
    const { commits: flaky, tried, answers } = answeredByHand();
    void flaky.processed(at('referrals', 0, 5));
    await jest.advanceTimersByTimeAsync(0);
    flaky.rejoined();
    answers[0].refuse();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(tried).toEqual([[at('referrals', 0, 5)]]);
    flaky.stop();
  });

  it('while leaving, a batch does not wait on a commit the broker does not answer', async () => {
    const { commits: leaving, tried } = answeredByHand();
    void leaving.processed(at('referrals', 0, 1));
    await jest.advanceTimersByTimeAsync(0);
    void leaving.commitEachFromNow(2_000);
    let processed = false;
    void leaving.processed(at('referrals', 0, 2)).then(() => (processed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(processed).toBe(true);
    expect(tried).toHaveLength(1);
    leaving.stop();
  });

  it('a commit function that throws at once is a refusal, not a broken chain', async () => {
    let calls = 0;
    const throwing = new PacedOffsetCommits(
      (() => {
        calls += 1;
        if (calls === 1) throw new Error('not connected');
        return Promise.resolve();
      }) as () => Promise<void>,
      1_000,
    );
    await expect(throwing.processed(at('referrals', 0, 1))).resolves.toBeUndefined();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    throwing.stop();
  });

  it('leaving waits at most the time it is given for a commit that does not answer', async () => {
    const hanging = new PacedOffsetCommits(() => new Promise(() => undefined), 1_000);
    void hanging.processed(at('referrals', 0, 1));
    let left = false;
    void hanging.commitEachFromNow(2_000).then(() => (left = true));
    await jest.advanceTimersByTimeAsync(1_999);
    expect(left).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(left).toBe(true);
    hanging.stop();
  });

  it('takes reading on from the offset after the message processed', () => {
    expect(offsetAfter('41')).toBe('42');
    expect(offsetAfter('9007199254740993')).toBe('9007199254740994');
  });
});
