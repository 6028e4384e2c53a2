/**
 * What counting a request against the rate limits costs, beside the budget it spends from: the CPU of
 * one `increment` once a caller's window holds a steady 300 to 12,000 live hits (hits leave the window as
 * fast as they come, so dropping them is measured too), for @nestjs/throttler's own in-memory storage and
 * for the SlidingWindowStorage the services use, against the Node CPU per referral the speed issue allows
 * (2 ms). With the default limits a window holds at most 301 hits per token and 3,001 per client IP (the
 * block stops the count there); the tests and benchmarks raise the limits out of reach, so a load test at
 * 100-200 requests a second from one address holds 6,000-12,000. The clock is simulated (Date.now), so
 * the figure is the counting alone.
 *   npm run bench:rate-limit -- [increments=5000]
 * Writes bench/results/rate-limit-cost.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { SlidingWindowStorage } from '@csc/platform';

const NODE_CPU_PER_REFERRAL_TARGET_MS = 2;
const LIVE_HITS = [300, 3_000, 6_000, 12_000];
const WINDOW_MS = 60_000;

// Both storages read Date.now: the bench moves it, one request every WINDOW_MS / liveHits.
let simulatedNow = Date.UTC(2026, 0, 1);
Date.now = () => simulatedNow;

/** CPU per increment, in µs, with `liveHits` hits in the caller's window throughout. */
const microsecondsPerIncrement = async (
  storage: ThrottlerStorage,
  caller: string,
  liveHits: number,
  increments: number,
): Promise<number> => {
  const step = WINDOW_MS / liveHits;
  const request = () => {
    simulatedNow += step;
    return storage.increment(caller, WINDOW_MS, 1e9, WINDOW_MS, 'client-ip');
  };
  // Two windows' worth first: the steady state, where every request adds one hit and drops one.
  for (let hit = 0; hit < 2 * liveHits; hit += 1) await request();
  const before = process.cpuUsage();
  for (let hit = 0; hit < increments; hit += 1) await request();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / increments;
};

const main = async () => {
  const increments = Number(process.argv[2] ?? 5_000);
  const library = new ThrottlerStorageService();
  const slidingWindow = new SlidingWindowStorage();
  const rows = [];
  for (const liveHits of LIVE_HITS) {
    const libraryMicroseconds = await microsecondsPerIncrement(library, `client-ip:library-${liveHits}`, liveHits, increments);
    const slidingWindowMicroseconds = await microsecondsPerIncrement(slidingWindow, `client-ip:sliding-${liveHits}`, liveHits, increments);
    rows.push({
      liveHits,
      libraryMicroseconds: Number(libraryMicroseconds.toFixed(2)),
      slidingWindowMicroseconds: Number(slidingWindowMicroseconds.toFixed(2)),
      // One limit's count: its share of the 2 ms per referral.
      libraryShareOfTargetPercent: Number((libraryMicroseconds / (NODE_CPU_PER_REFERRAL_TARGET_MS * 10)).toFixed(2)),
      slidingWindowShareOfTargetPercent: Number((slidingWindowMicroseconds / (NODE_CPU_PER_REFERRAL_TARGET_MS * 10)).toFixed(3)),
    });
  }
  library.onApplicationShutdown();
  const result = {
    measuredAt: new Date().toISOString(),
    incrementsMeasured: increments,
    nodeCpuPerReferralTargetMs: NODE_CPU_PER_REFERRAL_TARGET_MS,
    rows,
  };
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'rate-limit-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const row of rows) {
    console.log(
      `${row.liveHits} live hits: library ${row.libraryMicroseconds} µs, sliding window ${row.slidingWindowMicroseconds} µs per increment ` +
        `(${row.libraryShareOfTargetPercent}% / ${row.slidingWindowShareOfTargetPercent}% of ${NODE_CPU_PER_REFERRAL_TARGET_MS} ms)`,
    );
  }
};

void main();
