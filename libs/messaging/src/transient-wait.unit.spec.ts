import { heartbeatingPause, PartitionReleased, TransientWaits, type HeldPartition } from './transient-wait';

const held = (ownedFor = Infinity) => {
  const slept: number[] = [];
  let heartbeats = 0;
  const partition: HeldPartition = {
    heartbeat: async () => {
      heartbeats += 1;
    },
    stillOwned: () => slept.length < ownedFor,
  };
  const sleep = async (ms: number) => {
    slept.push(ms);
  };
  return { partition, sleep, slept, heartbeats: () => heartbeats };
};

describe('heartbeatingPause', () => {
  it('waits in slices of at most a second, heartbeating after each', async () => {
    const { partition, sleep, slept, heartbeats } = held();
    expect(await heartbeatingPause(partition, sleep)(2_500)).toBe(true);
    expect(slept).toEqual([1_000, 1_000, 500]);
    expect(heartbeats()).toBe(3);
  });

  it('stops as soon as the partition is no longer its own', async () => {
    const { partition, sleep, slept } = held(2);
    expect(await heartbeatingPause(partition, sleep)(10_000)).toBe(false);
    expect(slept).toEqual([1_000, 1_000]);
  });
});

describe('TransientWaits', () => {
  const pauses = () => {
    const waited: number[] = [];
    return { waited, pause: async (ms: number) => (waited.push(ms), true) };
  };

  it('doubles its waits up to the longest, and stops when the budget is spent', async () => {
    const { waited, pause } = pauses();
    const waits = new TransientWaits({ backoffMs: 100, maxBackoffMs: 1_000, budgetMs: 2_500 }, pause);
    const tries: boolean[] = [];
    for (let i = 0; i < 6; i++) tries.push(await waits.next());
    expect(waited).toEqual([200, 400, 800, 1_000, 100]);
    expect(tries).toEqual([true, true, true, true, true, false]);
    expect(waits.spent).toBe(true);
  });

  it('lets go when the partition is taken away mid-wait', async () => {
    const waits = new TransientWaits({ backoffMs: 100, maxBackoffMs: 1_000, budgetMs: 2_500 }, async () => false);
    await expect(waits.next()).rejects.toBeInstanceOf(PartitionReleased);
  });
});
