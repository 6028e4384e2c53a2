import { setTimeout as sleep } from 'node:timers/promises';
import { describeErrorSafely } from './error-classification';

export interface KeepConnectingOptions {
  /** Aborted when the service stops: the attempts end, the wait between them too. */
  signal: AbortSignal;
  /** Each failed attempt, with what went wrong (safe to log) and how long until the next. */
  onWaiting: (reason: string, retryInMs: number) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `connect` until it succeeds or the service stops, waiting longer after each failure up to a
 * bound. A service started while the broker is down keeps its HTTP port and catches up once the
 * broker answers, instead of exiting. Resolves true once connected, false when stopped first.
 */
export const keepConnecting = async (connect: () => Promise<void>, options: KeepConnectingOptions): Promise<boolean> => {
  const first = options.firstDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 10_000;
  for (let failures = 0; !options.signal.aborted;) {
    try {
      await connect();
      return true;
    } catch (error) {
      if (options.signal.aborted) return false;
      failures += 1;
      const wait = Math.min(max, first * 2 ** Math.min(failures - 1, 10));
      options.onWaiting(describeErrorSafely(error), wait);
      await sleep(wait, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }
  return false;
};
