import { describeErrorSafely } from './error-classification';
import type { ParkedEvent, ParkedEventStore } from './parked-event-store';
import { gaveUpWaiting, hasWaitedTooLong, nextAttemptAt, type ParkingPolicy } from './parking-schedule';
import type { AttemptOutcome } from './reaction-attempts';
import { delay, PartitionReleased, type Pause } from './transient-wait';

/** What the transport does for the retrier: the reaction, and the dead-letter path it already has. */
export interface ParkedEventHandling {
  /** Tries a parked event again as the consumer would, its parked row deleted in the reaction's transaction. */
  retry(parked: ParkedEvent, pause: Pause): Promise<AttemptOutcome>;
  /** Sends it to the dead-letter topic as it arrived, records that in the inbox and deletes its row. */
  deadLetter(parked: ParkedEvent, attempts: number, reason: string): Promise<void>;
}

export interface ParkedEventRetrierOptions {
  consumer: string;
  store: ParkedEventStore;
  policy: ParkingPolicy;
  handling: ParkedEventHandling;
  log: { warn(message: string): void; error(message: string): void };
  /** Told how many events the group has parked after each sweep (readiness shows it). */
  onParkedCount?: (count: number) => void;
  /** Heads claimed per sweep; the rest wait for the next one. */
  sweepBatch?: number;
}

/**
 * Gives parked events of one consumer group their next try, a sequence (topic, key) at a time and in
 * order: when an event of their key has just been handled (what they wait for has likely arrived),
 * and in a periodic sweep for what arrived through another group or instance. A head that still waits
 * past its bound is dead-lettered with the reason, and the events behind it go on.
 */
export class ParkedEventRetrier {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: ParkedEventRetrierOptions) {}

  /** After an event of `key` was handled. Returns the topics on which the key still has parked events. */
  async retryKey(key: string, pause: Pause): Promise<string[]> {
    const { consumer, store, policy } = this.options;
    for (const head of await store.claimHeads(consumer, { key }, policy.leaseMs)) await this.retrySequence(head, pause);
    return store.topicsWithParked(consumer, key);
  }

  /** Sweeps now and then every sweep interval, one sweep at a time, until stopped. */
  start(): void {
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        this.sweeping = this.sweep()
          .catch((error: unknown) =>
            this.options.log.warn(`sweep of parked events for ${this.options.consumer} failed: ${describeErrorSafely(error)}`),
          )
          .finally(() => {
            this.sweeping = null;
            if (!this.stopped) schedule(this.options.policy.sweepIntervalMs);
          });
      }, ms);
    };
    schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
  }

  async sweep(): Promise<void> {
    const { consumer, store, policy } = this.options;
    // Outside a batch there is no member to keep alive, only the lease (the transport bounds the waits
    // within it) and a prompt stop.
    const pause: Pause = async (ms) => {
      for (let left = ms; left > 0 && !this.stopped; left -= 200) await delay(Math.min(200, left));
      return !this.stopped;
    };
    const heads = await store.claimHeads(consumer, { due: true, limit: this.options.sweepBatch ?? 100 }, policy.leaseMs);
    for (const head of heads) {
      if (this.stopped) {
        await store.release(head.id, new Date());
        continue;
      }
      await this.retrySequence(head, pause).catch((error: unknown) => {
        if (!(error instanceof PartitionReleased)) throw error;
      });
    }
    this.options.onParkedCount?.(await store.count(consumer));
  }

  /** Retries a claimed head and, while each goes through, the events behind it. */
  private async retrySequence(head: ParkedEvent, pause: Pause): Promise<void> {
    const { consumer, store, policy, handling, log } = this.options;
    let parked: ParkedEvent | null = head;
    while (parked) {
      let outcome: AttemptOutcome;
      try {
        outcome = await handling.retry(parked, pause);
      } catch (error) {
        // Not the event's doing (the database is down, the server is stopping): a later sweep tries it again.
        await store.release(parked.id, new Date(Date.now() + policy.sweepIntervalMs)).catch(() => undefined);
        if (error instanceof PartitionReleased) throw error;
        log.warn(`parked ${parked.eventType} ${parked.eventId} in ${consumer} could not be retried: ${describeErrorSafely(error)}`);
        return;
      }
      const now = new Date();
      if (outcome.kind === 'waiting') {
        if (!hasWaitedTooLong(parked.parkedAt, now, policy)) {
          await store.reschedule(parked.id, outcome.awaited, nextAttemptAt(parked.parkedAt, parked.attempts + 1, now, policy));
          return;
        }
        await handling.deadLetter(parked, parked.attempts + 1, gaveUpWaiting(parked.parkedAt, now, outcome.awaited));
      } else if (outcome.kind === 'failed') {
        await handling.deadLetter(parked, outcome.attempts, describeErrorSafely(outcome.error));
      }
      parked = await store.claimNext(consumer, parked.topic, parked.sequenceKey, policy.leaseMs);
    }
  }
}
