/**
 * What counting a request against the rate limits costs, beside the budget it spends from: the CPU of
 * one `increment` with a caller's window already holding 1,000 to 12,000 live hits (a front door's
 * proxy address at its 3,000-a-minute default, a load test at 100-200 requests a second), for
 * @nestjs/throttler's own in-memory storage and for the SlidingWindowStorage the services use, against
 * the Node CPU per referral the speed issue allows (2 ms). Every request is counted twice: per client
 * IP and per token. The storages are driven directly, so the figure is the counting alone.
 *   npm run bench:rate-limit -- [increments=5000]
 * Writes bench/results/rate-limit-cost.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { SlidingWindowStorage } from '@csc/platform';

const NODE_CPU_PER_REFERRAL_TARGET_MS = 2;
const LIVE_HITS = [1_000, 3_000, 6_000, 12_000];
const WINDOW_MS = 60_000;

/** CPU per increment, in µs, once `liveHits` hits are in the caller's window. */
const microsecondsPerIncrement = async (
  storage: ThrottlerStorage,
  caller: string,
  liveHits: number,
  increments: number,
): Promise<number> => {
  for (let hit = 0; hit < liveHits; hit += 1) await storage.increment(caller, WINDOW_MS, 1e9, WINDOW_MS, 'client-ip');
  const before = process.cpuUsage();
  for (let hit = 0; hit < increments; hit += 1) await storage.increment(caller, WINDOW_MS, 1e9, WINDOW_MS, 'client-ip');
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
      // Two limits a request: its share of the 2 ms per referral.
      libraryShareOfTargetPercent: Number(((2 * libraryMicroseconds) / (NODE_CPU_PER_REFERRAL_TARGET_MS * 10)).toFixed(2)),
      slidingWindowShareOfTargetPercent: Number(((2 * slidingWindowMicroseconds) / (NODE_CPU_PER_REFERRAL_TARGET_MS * 10)).toFixed(3)),
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
        `(two a request: ${row.libraryShareOfTargetPercent}% / ${row.slidingWindowShareOfTargetPercent}% of ${NODE_CPU_PER_REFERRAL_TARGET_MS} ms)`,
    );
  }
};

void main();
