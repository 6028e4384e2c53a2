/**
 * When a webhook that did not answer 2xx is tried again, and when the service stops trying.
 *
 * Exponential backoff with jitter: the n-th retry waits between half and all of
 * `firstDelay * 2^(n-1)`, capped at `maxDelay`. The jitter spreads out the retries of the many
 * notifications that failed together when a school's endpoint went down, so they do not all
 * arrive at once when it comes back. The service gives up only once `retryFor` has passed since
 * the notification was queued: retries cover at least that whole period (24 hours by default).
 */
export interface DeliverySchedule {
  firstDelayMs: number;
  maxDelayMs: number;
  retryForMs: number;
}

export interface FailedAttempt {
  /** Attempts made so far, this one included. */
  attempts: number;
  queuedAt: Date;
  failedAt: Date;
}

export type AfterFailure = { retryAt: Date } | { giveUp: true };

/** `random` is in [0, 1): passed in, so the schedule is a pure function of its inputs. */
export const afterFailedAttempt = (schedule: DeliverySchedule, attempt: FailedAttempt, random: number): AfterFailure => {
  if (attempt.failedAt.getTime() - attempt.queuedAt.getTime() >= schedule.retryForMs) return { giveUp: true };
  const ceiling = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** Math.min(attempt.attempts - 1, 40));
  const delay = ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1);
  return { retryAt: new Date(attempt.failedAt.getTime() + Math.round(delay)) };
};

export const DEFAULT_DELIVERY_SCHEDULE: DeliverySchedule = {
  firstDelayMs: 10_000,
  maxDelayMs: 60 * 60_000,
  retryForMs: 24 * 60 * 60_000,
};
