/** What a wait inside `eachBatch` needs from kafkajs to keep its place in the group. */
export interface HeldPartition {
  heartbeat(): Promise<void>;
  /** False once the consumer stops, the partition is sought elsewhere, or the server is closing. */
  stillOwned(): boolean;
}

/** Waits for `ms`; false if the wait was cut short because the caller should let go of its work. */
export type Pause = (ms: number) => Promise<boolean>;

/** The partition was taken away (rebalance, seek, shutdown) during a wait: leave the message unresolved. */
export class PartitionReleased extends Error {
  constructor() {
    super('the partition was released while waiting');
    this.name = 'PartitionReleased';
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A wait inside `eachBatch` that keeps the member alive: the broker evicts a member that has not
 * heartbeated for a session timeout, and kafkajs heartbeats only when asked. Slices of at most a
 * second keep it well inside any session timeout, and stop early when the partition is no longer ours.
 */
export const heartbeatingPause =
  (partition: HeldPartition, sleep: (ms: number) => Promise<void> = delay, sliceMs = 1_000): Pause =>
  async (ms) => {
    for (let left = ms; left > 0; left -= sliceMs) {
      if (!partition.stillOwned()) return false;
      await sleep(Math.min(sliceMs, left));
      // Throws when the group is rebalancing: out of eachBatch, kafkajs re-joins and redelivers from the last resolved offset.
      await partition.heartbeat();
    }
    return partition.stillOwned();
  };

export interface TransientBudget {
  /** The first wait; each later one twice as long. */
  backoffMs: number;
  /** The longest single wait. */
  maxBackoffMs: number;
  /** The most one event may wait in all for failures that are not its own. */
  budgetMs: number;
}

/**
 * The waits one event may spend on transient failures (the database restarting, a deadlock, a lost
 * optimistic race): doubling, capped, and bounded in total, so a long outage ends the batch (kafkajs
 * then restarts the consumer from the event) instead of holding a partition without end.
 */
export class TransientWaits {
  private waitedMs = 0;
  private failures = 0;

  constructor(
    private readonly budget: TransientBudget,
    private readonly pause: Pause,
  ) {}

  /** Waits before the next try: true to try again, false when the budget is spent; PartitionReleased when told to let go. */
  async next(): Promise<boolean> {
    const left = this.budget.budgetMs - this.waitedMs;
    if (left <= 0) return false;
    this.failures += 1;
    const ms = Math.min(this.budget.maxBackoffMs, this.budget.backoffMs * 2 ** Math.min(this.failures, 20), left);
    this.waitedMs += ms;
    if (!(await this.pause(ms))) throw new PartitionReleased();
    return true;
  }

  get spent(): boolean {
    return this.waitedMs >= this.budget.budgetMs;
  }
}
