import { ThrottlerStorageService } from '@nestjs/throttler';
import { SlidingWindowStorage, type RateLimitCount } from './sliding-window-storage';

/** A clock the test moves: both storages read Date.now (fake timers), ours may also take it directly. */
const at = (ms: number) => jest.setSystemTime(ms);

/** What the guard acts on: the count, whether refused, and (when refused) Retry-After's seconds. */
const decided = ({ totalHits, isBlocked, timeToBlockExpire, timeToExpire }: RateLimitCount) => ({
  totalHits,
  isBlocked,
  timeToExpire,
  ...(isBlocked ? { timeToBlockExpire } : {}),
});

/** How many expiry times the storage holds for a caller, live or already dropped (its memory). */
const heldBy = (storage: SlidingWindowStorage, caller: string): number =>
  (storage as unknown as { windows: Map<string, { expiries: number[] }> }).windows.get(`client-ip\u0000${caller}`)!.expiries.length;

/** A small deterministic generator, so a failure can be replayed from its seed. */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

describe('SlidingWindowStorage: the rate limits counted at a constant cost per request', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('answers every request as @nestjs/throttler’s own storage does: counts, refusals and Retry-After, blocking or not', async () => {
    for (const [seed, blockDuration, limit, ttl] of [
      [1, 2_000, 7, 1_000],
      [2, 500, 7, 1_000],
      [3, 0, 7, 1_000],
      [4, 10_000, 7, 1_000],
      // A window that never empties: the dropped hits are let go in batches (compaction) while live ones stay.
      [5, 5_000, 100, 5_000],
    ]) {
      let now = 1_000_000;
      at(now);
      const library = new ThrottlerStorageService();
      const ours = new SlidingWindowStorage();
      const random = seeded(seed);
      for (let request = 0; request < 3_000; request += 1) {
        // Bursts and pauses: many requests in the same millisecond, some gaps longer than the window.
        const pause = random();
        now += pause < 0.5 ? 0 : pause < 0.95 ? Math.floor(random() * 40) : Math.floor(random() * 1_500);
        at(now);
        const caller = `client-ip:10.0.0.${Math.floor(random() * 3)}`;
        const [theirs, mine] = await Promise.all([
          library.increment(caller, ttl, limit, blockDuration, 'client-ip'),
          ours.increment(caller, ttl, limit, blockDuration, 'client-ip'),
        ]);
        expect({ seed, request, ...decided(mine) }).toEqual({ seed, request, ...decided(theirs) });
      }
      if (ttl === 5_000) {
        // About 1,000 requests each, none refused: without compaction each caller would hold every one of them.
        for (const address of [0, 1, 2]) expect(heldBy(ours, `client-ip:10.0.0.${address}`)).toBeLessThan(300);
      }
      library.onApplicationShutdown();
    }
  });

  it('refuses the request over the limit, for the block, then counts afresh', async () => {
    const storage = new SlidingWindowStorage();
    for (let hit = 1; hit <= 3; hit += 1)
      expect(await storage.increment('client-ip:a', 60_000, 3, 60_000, 'client-ip')).toMatchObject({ totalHits: hit, isBlocked: false });
    expect(await storage.increment('client-ip:a', 60_000, 3, 60_000, 'client-ip')).toMatchObject({
      totalHits: 4,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    at(1_000_000 + 59_500);
    expect(await storage.increment('client-ip:a', 60_000, 3, 60_000, 'client-ip')).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    // Another caller, and the same caller under another limit, have budgets of their own.
    expect(await storage.increment('client-ip:b', 60_000, 3, 60_000, 'client-ip')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('client-ip:a', 60_000, 3, 60_000, 'token-subject')).toMatchObject({ totalHits: 1, isBlocked: false });
    at(1_000_000 + 60_000);
    expect(await storage.increment('client-ip:a', 60_000, 3, 60_000, 'client-ip')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets hits leave the window one by one, oldest first', async () => {
    const storage = new SlidingWindowStorage();
    for (const second of [0, 1, 2]) {
      at(1_000_000 + second * 1_000);
      await storage.increment('client-ip:a', 2_500, 100, 2_500, 'client-ip');
    }
    at(1_000_000 + 2_500);
    expect((await storage.increment('client-ip:a', 2_500, 100, 2_500, 'client-ip')).totalHits).toBe(3);
    at(1_000_000 + 3_500);
    expect((await storage.increment('client-ip:a', 2_500, 100, 2_500, 'client-ip')).totalHits).toBe(3);
  });

  it('forgets callers with nothing left in the window, so a flood from many addresses does not stay in memory', async () => {
    const storage = new SlidingWindowStorage();
    for (let address = 0; address < 5_000; address += 1)
      await storage.increment(`client-ip:10.1.${address}`, 1_000, 10, 1_000, 'client-ip');
    expect(storage.size).toBe(5_000);
    at(1_000_000 + 61_000);
    await storage.increment('client-ip:still-here', 1_000, 10, 1_000, 'client-ip');
    expect(storage.size).toBe(1);
  });

  it('holds a few dozen hits at most for a caller who calls now and then, however long it goes on', async () => {
    const storage = new SlidingWindowStorage();
    for (let poll = 0; poll < 10_000; poll += 1) {
      at(1_000_000 + poll * 30_000);
      await storage.increment('client-ip:poller', 60_000, 300, 60_000, 'client-ip');
    }
    // Two live at most; the dropped ones are let go in batches of a few dozen (a copy per request would cost more).
    expect(heldBy(storage, 'client-ip:poller')).toBeLessThanOrEqual(64);
  });

  it('goes on from where it was when the clock is set back: hits still expire and blocks still end', async () => {
    const storage = new SlidingWindowStorage();
    for (let hit = 0; hit < 3; hit += 1) await storage.increment('client-ip:a', 1_000, 3, 1_000, 'client-ip');
    at(1_000_000 - 30_000);
    // Still counted in order: the three hits of a moment ago are live, and this one is over the limit.
    expect(await storage.increment('client-ip:a', 1_000, 3, 1_000, 'client-ip')).toMatchObject({ totalHits: 4, isBlocked: true });
    at(1_000_000 - 30_000 + 1_000);
    // A second later by the clock as set back: the block is over, not held until the clock catches up.
    expect(await storage.increment('client-ip:a', 1_000, 3, 1_000, 'client-ip')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets idle callers after enough requests too, whatever the clock says', async () => {
    const storage = new SlidingWindowStorage();
    for (let address = 0; address < 10_000; address += 1) {
      at(1_000_000 + address * 2);
      await storage.increment(`client-ip:10.2.${address}`, 1_000, 10, 1_000, 'client-ip');
    }
    // 20 s on, far from the minute's sweep: the 10,000th request swept those whose second had passed.
    expect(storage.size).toBeLessThan(1_000);
  });

  it('keeps a busy caller’s hits to those still in the window, however long it keeps calling', async () => {
    const storage = new SlidingWindowStorage();
    let count: RateLimitCount | undefined;
    // 100 requests a second for ten minutes against a one-minute window: 6,000 live at any time.
    for (let request = 0; request < 60_000; request += 1) {
      at(1_000_000 + request * 10);
      count = await storage.increment('client-ip:proxy', 60_000, 1_000_000, 60_000, 'client-ip');
    }
    expect(count!.totalHits).toBe(6_000);
    expect(heldBy(storage, 'client-ip:proxy')).toBeLessThanOrEqual(2 * 6_000);
  });
});
