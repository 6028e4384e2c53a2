import type { KafkaMessage } from 'kafkajs';
import { passesOverByTypeHeader, type EventEnvelope } from '@csc/contracts';
import type { ConsumerHealth } from './consumer-health';
import { describeErrorSafely, isTransientError } from './error-classification';
import type { EventInbox } from './event-inbox';
import { ParkedEventRetrier } from './parked-event-retrier';
import type { ArrivedMessage, ParkedEvent, ParkedEventStore } from './parked-event-store';
import type { ParkedSequences } from './parked-sequences';
import type { ParkingPolicy } from './parking-schedule';
import type { AttemptOutcome } from './reaction-attempts';
import { PartitionReleased, TransientWaits, type Pause } from './transient-wait';

export interface GroupParkingOptions {
  consumer: string;
  store: ParkedEventStore;
  inbox: EventInbox;
  policy: ParkingPolicy;
  /** The most parking one event may wait out a database blip, heartbeating. */
  maxTransientWaitMs: number;
  log: { warn(message: string): void; error(message: string): void };
  health?: ConsumerHealth;
  /** The transport's own path for one event, with the parked row deleted in the reaction's transaction. */
  retry(parked: ParkedEvent, pause: Pause): Promise<AttemptOutcome>;
  /** The transport's dead-letter topic path (the same as for an event that keeps failing). */
  sendToDeadLetter(parked: ParkedEvent, attempts: number, reason: string): Promise<void>;
}

/**
 * Parking for one consumer group, as its batches use it: which keys queue behind parked events,
 * parking an event, and trying a key's parked events once one of its events went through. The
 * retrier behind it also sweeps for what arrived through another group or instance.
 */
export class GroupParking {
  private readonly retrier: ParkedEventRetrier;

  constructor(private readonly options: GroupParkingOptions) {
    this.retrier = new ParkedEventRetrier({
      consumer: options.consumer,
      store: options.store,
      policy: options.policy,
      log: options.log,
      onParkedCount: (count) => options.health?.parkedEvents(options.consumer, count),
      handling: { retry: options.retry, deadLetter: (parked, attempts, reason) => this.deadLetter(parked, attempts, reason) },
    });
  }

  start(): void {
    this.retrier.start();
  }

  stop(): Promise<void> {
    return this.retrier.stop();
  }

  /**
   * One query per batch, for the keys of the events the group takes (keyless messages are looked up
   * one by one, as they come). Events it passes over by their type header are never parked nor wait
   * behind a parked one: a batch of only those (another service's events on a shared topic) costs no
   * query at all.
   */
  sequencesOf(messages: KafkaMessage[], takes: (type: string) => boolean): Promise<ParkedSequences> {
    const keys = messages.flatMap((message) =>
      message.key && !passesOverByTypeHeader(message.headers, takes) ? [message.key.toString()] : [],
    );
    return this.options.store.sequencesAmong(this.options.consumer, keys);
  }

  async lookUp(parked: ParkedSequences, key: string): Promise<void> {
    if (!parked.knows(key)) parked.replace(key, await this.options.store.topicsWithParked(this.options.consumer, key));
  }

  /** Sets the event aside so the partition goes on; a database blip while parking is waited out like any other. */
  async park(
    key: string,
    envelope: EventEnvelope,
    arrived: ArrivedMessage,
    reason: string,
    parked: ParkedSequences,
    pause: Pause,
  ): Promise<void> {
    const { consumer, store, maxTransientWaitMs, log } = this.options;
    const transient = new TransientWaits({ backoffMs: 200, maxBackoffMs: 5_000, budgetMs: maxTransientWaitMs }, pause);
    for (;;) {
      try {
        await store.park(consumer, key, envelope, arrived, reason);
        break;
      } catch (error) {
        if (!isTransientError(error) || !(await transient.next())) throw error;
      }
    }
    parked.add(arrived.topic, key);
    const { topic, partition, message } = arrived;
    log.warn(
      `parked ${envelope.type} ${envelope.eventId} (offset ${message.offset} of ${topic}[${partition}]) in ${consumer}: waiting for ${reason}`,
    );
  }

  /** An event of `key` went through: what its parked events on other topics wait for may be that very event. */
  async retryAfterHandled(key: string, parked: ParkedSequences, pause: Pause): Promise<void> {
    try {
      parked.replace(key, await this.retrier.retryKey(key, pause));
    } catch (error) {
      // The event in hand is handled; a parked one that cannot be retried now is the sweep's to retry.
      if (error instanceof PartitionReleased) throw error;
      this.options.log.warn(`retrying parked events in ${this.options.consumer} failed: ${describeErrorSafely(error)}`);
    }
  }

  private async deadLetter(parked: ParkedEvent, attempts: number, reason: string): Promise<void> {
    const { consumer, store, inbox } = this.options;
    await this.options.sendToDeadLetter(parked, attempts, reason);
    // After the send: a crash between the two sends it again at the next sweep (at least once), never loses it.
    await store.transaction(async (manager) => {
      await inbox.recordDeadLetter(consumer, { eventId: parked.eventId, type: parked.eventType }, manager);
      await store.unpark(manager, parked.id);
    });
  }
}
