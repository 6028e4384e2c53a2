/** How long a consumer may go without progress while it has work (or keeps failing) before readiness says it is stalled. */
export const DEFAULT_STALL_AFTER_MS = 120_000;

interface Progress {
  /** The last batch it got through (or when it joined its group: it has had no chance before). */
  lastProgressAt: number;
  /** Events left behind its last batch, as kafkajs or the projection runner saw them. */
  lag: number;
  /** The last failure since that batch: a batch thrown out of, a crash kafkajs restarts from. */
  failingSince: number | null;
  lastError: string | null;
  /** A batch in hand since then (a reaction waiting out a failure, heartbeating, holds its batch). */
  batchSince: number | null;
}

export interface StalledConsumer {
  secondsWithoutProgress: number;
  lag: number;
  lastError: string | null;
}

/**
 * Progress per consumer group, to tell a stalled consumer: no batch got through for `stallAfterMs`
 * while it had events to read, kept failing (a crash it is restarted from, a batch that fails again
 * and again) or held a batch.
 */
export class ConsumerStalls {
  private readonly progress = new Map<string, Progress>();

  constructor(
    readonly stallAfterMs: number,
    private readonly now: () => number,
  ) {}

  joined(groupId: string): void {
    const known = this.progress.get(groupId);
    // Joining is no progress for a group that keeps failing: it must not reset the clock a crash loop runs on.
    if (!known || known.failingSince === null) this.progress.set(groupId, { ...this.emptyProgress(), lag: known?.lag ?? 0 });
    // A rebalance takes the batch in hand away.
    else this.progress.set(groupId, { ...known, batchSince: null });
  }

  batchProcessed(groupId: string, lag: number): void {
    this.progress.set(groupId, {
      lastProgressAt: this.now(),
      lag: Math.max(0, lag),
      failingSince: null,
      lastError: null,
      batchSince: null,
    });
  }

  batchStarted(groupId: string): void {
    const known = this.progress.get(groupId) ?? this.emptyProgress();
    if (known.batchSince === null) this.progress.set(groupId, { ...known, batchSince: this.now() });
  }

  batchFailed(groupId: string, reason: string): void {
    const known = this.progress.get(groupId) ?? this.emptyProgress();
    this.progress.set(groupId, { ...known, failingSince: known.failingSince ?? this.now(), lastError: reason, batchSince: null });
  }

  forget(groupId: string): void {
    this.progress.delete(groupId);
  }

  /** Consumers with work (lag, failures, a batch in hand) and no progress for `stallAfterMs`. */
  get stalled(): Record<string, StalledConsumer> {
    const now = this.now();
    const stalled: Record<string, StalledConsumer> = {};
    for (const [groupId, { lastProgressAt, lag, failingSince, lastError, batchSince }] of this.progress) {
      // Work waiting since the last batch went through (events left, failures); else a batch in hand since it came.
      const since = lag > 0 || failingSince !== null ? lastProgressAt : batchSince;
      if (since === null || now - since < this.stallAfterMs) continue;
      stalled[groupId] = { secondsWithoutProgress: Math.floor((now - lastProgressAt) / 1000), lag, lastError };
    }
    return stalled;
  }

  private emptyProgress(): Progress {
    return { lastProgressAt: this.now(), lag: 0, failingSince: null, lastError: null, batchSince: null };
  }
}
