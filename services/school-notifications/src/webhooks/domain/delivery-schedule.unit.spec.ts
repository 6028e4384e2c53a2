import { afterFailedAttempt, DEFAULT_DELIVERY_SCHEDULE, type AfterFailure } from './delivery-schedule';

const queuedAt = new Date('2026-03-02T09:00:00Z');
const at = (msAfterQueued: number) => new Date(queuedAt.getTime() + msAfterQueued);
const waitOf = (outcome: AfterFailure, failedAt: Date) => ('retryAt' in outcome ? outcome.retryAt.getTime() - failedAt.getTime() : null);

describe('when a failed webhook is tried again', () => {
  it.each([
    [1, 5_000, 10_000],
    [2, 10_000, 20_000],
    [3, 20_000, 40_000],
    [8, 640_000, 1_280_000],
    [10, 1_800_000, 3_600_000],
    [30, 1_800_000, 3_600_000],
  ])('after attempt %i it waits between %i and %i ms (backoff doubling, capped at an hour)', (attempts, shortest, longest) => {
    const failedAt = at(1_000);
    expect(waitOf(afterFailedAttempt(DEFAULT_DELIVERY_SCHEDULE, { attempts, queuedAt, failedAt }, 0), failedAt)).toBe(shortest);
    expect(waitOf(afterFailedAttempt(DEFAULT_DELIVERY_SCHEDULE, { attempts, queuedAt, failedAt }, 0.9999999999), failedAt)).toBe(longest);
  });

  it('jitter spreads the notifications that failed together', () => {
    const failedAt = at(60_000);
    const waits = [0.1, 0.4, 0.7].map((random) =>
      waitOf(afterFailedAttempt(DEFAULT_DELIVERY_SCHEDULE, { attempts: 4, queuedAt, failedAt }, random), failedAt),
    );
    expect(new Set(waits).size).toBe(3);
  });

  it('keeps trying until a full day has passed since it was queued, then gives up', () => {
    const day = 24 * 60 * 60_000;
    expect(afterFailedAttempt(DEFAULT_DELIVERY_SCHEDULE, { attempts: 29, queuedAt, failedAt: at(day - 1) }, 0.5)).toHaveProperty('retryAt');
    expect(afterFailedAttempt(DEFAULT_DELIVERY_SCHEDULE, { attempts: 30, queuedAt, failedAt: at(day) }, 0.5)).toEqual({ giveUp: true });
  });

  it('a day of retries from the first failure is about forty attempts, not thousands', () => {
    let attempts = 1;
    let failedAt = at(0);
    for (;;) {
      const outcome = afterFailedAttempt(DEFAULT_DELIVERY_SCHEDULE, { attempts, queuedAt, failedAt }, 0.5);
      if (!('retryAt' in outcome)) break;
      failedAt = outcome.retryAt;
      attempts += 1;
    }
    expect(failedAt.getTime() - queuedAt.getTime()).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    expect(attempts).toBeGreaterThan(30);
    expect(attempts).toBeLessThan(50);
  });
});
