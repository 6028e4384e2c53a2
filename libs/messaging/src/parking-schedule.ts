/** How long parked events wait and how often they are tried again. */
export interface ParkingPolicy {
  /** Past this, a sequence's head that still waits is dead-lettered and the events behind it go on. */
  maxWaitMs: number;
  /** How often each consumer group looks for parked events that are due (what arrived through another group or instance). */
  sweepIntervalMs: number;
  /** The longest pause between two tries of one parked event. */
  maxBackoffMs: number;
  /** How long a retrier holds a sequence; an instance that dies holding it lets go when this runs out. */
  leaseMs: number;
}

export const DEFAULT_PARKING_POLICY: ParkingPolicy = {
  maxWaitMs: 600_000,
  sweepIntervalMs: 5_000,
  maxBackoffMs: 60_000,
  leaseMs: 30_000,
};

/**
 * When a parked event that still waits is tried again: doubling from the sweep interval, so an event
 * whose predecessor is lost for good costs a few queries, not one per sweep; never later than its
 * bound, so it is dead-lettered on time.
 */
export const nextAttemptAt = (parkedAt: Date, attempts: number, now: Date, policy: ParkingPolicy): Date => {
  const backoff = Math.min(policy.maxBackoffMs, policy.sweepIntervalMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
  return new Date(Math.min(now.getTime() + backoff, parkedAt.getTime() + policy.maxWaitMs));
};

export const hasWaitedTooLong = (parkedAt: Date, now: Date, policy: ParkingPolicy): boolean =>
  now.getTime() - parkedAt.getTime() >= policy.maxWaitMs;

/** The dead-letter reason of a parked event given up on: how long and for what (`reason` holds ids only). */
export const gaveUpWaiting = (parkedAt: Date, now: Date, awaited: string): string =>
  `waited ${Math.round((now.getTime() - parkedAt.getTime()) / 1000)} s for ${awaited}`;

/** The reason of an event parked only to keep its key's order: replaced by its own once it is tried. */
export const BEHIND_A_PARKED_EVENT = 'the parked events of its key ahead of it';
