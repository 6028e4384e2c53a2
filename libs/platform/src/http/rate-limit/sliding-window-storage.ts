import type { ThrottlerStorage } from '@nestjs/throttler';

/** What `ThrottlerStorage.increment` answers (@nestjs/throttler's ThrottlerStorageRecord). */
export interface RateLimitCount {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** One caller's hits under one limit: their expiry times, oldest first, from `head` on. */
interface Window {
  expiries: number[];
  head: number;
  blockedUntil: number;
  /** When the caller's window started (the library's `expiresAt`, for `timeToExpire`). */
  windowEndsAt: number;
}

const SWEEP_EVERY_MS = 60_000;
/** Also swept after this many requests, whatever the clock says: a flood from many addresses is forgotten as it goes. */
const SWEEP_EVERY_REQUESTS = 10_000;
/** Below this many dropped hits an array is not worth copying; above it, it is copied once they are half of it. */
const COMPACT_FROM = 32;

/**
 * The rate limits' counts, in this process's memory, answering as @nestjs/throttler's own
 * ThrottlerStorageService does (the same hits, blocks and times: a unit spec runs both side by side),
 * at a constant cost per request. The library's storage copies a caller's whole list of live hits on
 * every request to drop the expired ones, so a request costs in proportion to the caller's hits in the
 * window: 18-47 µs at 3,000 (a proxy's address at the per-IP default's ceiling), 85-125 µs at 6,000 and
 * 173-189 µs at 12,000 (a load test at 100-200 requests a second with the limits raised), per limit
 * (`npm run bench:rate-limit`). Hits are appended in time order, so the expired ones are always at the
 * front, and are dropped from there: under 3 µs whatever the count. Callers with nothing left in the
 * window are forgotten once a minute (as the library's sweep does) and every 10,000 requests, so a flood
 * from many addresses does not stay in memory.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt: number;
  private requestsSinceSweep = 0;
  private lastNow: number;
  /** How far the clock has been set back since this storage began: added to every reading. */
  private setBack = 0;

  constructor(private readonly clock: () => number = Date.now) {
    this.lastNow = clock();
    this.nextSweepAt = this.lastNow + SWEEP_EVERY_MS;
  }

  /** Callers remembered (for tests: the sweep forgets idle ones). */
  get size(): number {
    return this.windows.size;
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateLimitCount> {
    const now = this.now();
    this.sweepIfDue(now);
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { expiries: [], head: 0, blockedUntil: 0, windowEndsAt: now + ttl };
      this.windows.set(id, window);
    }
    dropExpired(window, now);
    if (window.windowEndsAt <= now) window.windowEndsAt = now + ttl;
    const timeToExpire = secondsUntil(window.windowEndsAt, now);
    return Promise.resolve(
      blockDuration > 0
        ? countBlocking(window, now, ttl, limit, blockDuration, timeToExpire)
        : countRefusing(window, now, ttl, limit, timeToExpire),
    );
  }

  /**
   * The wall clock, never going back: hits are kept in the order they came. A clock set back (an NTP
   * step) goes on from where it was, at its own pace, so hits still expire and blocks still end.
   */
  private now(): number {
    let reading = this.clock() + this.setBack;
    if (reading < this.lastNow) {
      this.setBack += this.lastNow - reading;
      reading = this.lastNow;
    }
    this.lastNow = reading;
    return reading;
  }

  private sweepIfDue(now: number): void {
    this.requestsSinceSweep += 1;
    if (now < this.nextSweepAt && this.requestsSinceSweep < SWEEP_EVERY_REQUESTS) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    this.requestsSinceSweep = 0;
    for (const [id, window] of this.windows) {
      dropExpired(window, now);
      if (liveHits(window) === 0 && window.blockedUntil <= now && window.windowEndsAt <= now) this.windows.delete(id);
    }
  }
}

/** Over the limit, the caller is refused for `blockDuration`, hits not counted meanwhile; then counting starts again. */
const countBlocking = (
  window: Window,
  now: number,
  ttl: number,
  limit: number,
  blockDuration: number,
  timeToExpire: number,
): RateLimitCount => {
  if (window.blockedUntil === 0) {
    window.expiries.push(now + ttl);
    if (liveHits(window) > limit) window.blockedUntil = now + blockDuration;
  } else if (window.blockedUntil <= now) {
    // The block is over: this request is the first of a fresh count (what the library does, limit unchecked).
    window.blockedUntil = 0;
    window.expiries = [now + ttl];
    window.head = 0;
  }
  const isBlocked = window.blockedUntil > 0;
  return {
    totalHits: liveHits(window),
    timeToExpire,
    isBlocked,
    timeToBlockExpire: isBlocked ? secondsUntil(window.blockedUntil, now) : 0,
  };
};

/** No block: a request at the limit is refused (not counted) until the oldest hit leaves the window. */
const countRefusing = (window: Window, now: number, ttl: number, limit: number, timeToExpire: number): RateLimitCount => {
  const isBlocked = liveHits(window) >= limit;
  if (!isBlocked) window.expiries.push(now + ttl);
  const oldest = window.expiries[window.head];
  const timeToBlockExpire = oldest === undefined ? timeToExpire : secondsUntil(oldest, now);
  return {
    totalHits: liveHits(window) + (isBlocked ? 1 : 0),
    timeToExpire,
    isBlocked,
    timeToBlockExpire: isBlocked ? timeToBlockExpire : 0,
  };
};

const liveHits = (window: Window): number => window.expiries.length - window.head;

const dropExpired = (window: Window, now: number): void => {
  const { expiries } = window;
  while (window.head < expiries.length && expiries[window.head] <= now) window.head += 1;
  if (window.head === expiries.length) {
    window.expiries = [];
    window.head = 0;
  } else if (window.head >= COMPACT_FROM && window.head * 2 >= expiries.length) {
    // Copied once the dropped hits are half of the array: each hit is copied at most once more on average.
    window.expiries = expiries.slice(window.head);
    window.head = 0;
  }
};

const secondsUntil = (at: number, now: number): number => Math.ceil((at - now) / 1000);
