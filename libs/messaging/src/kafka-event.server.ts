import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  assertFromOwningTopic,
  EVENT_HEADERS,
  InvalidEnvelopeError,
  isEventType,
  parseEnvelope,
  topicOf,
  type EventEnvelope,
  type Upcasters,
} from '@csc/contracts';
import type { ConsumerHealth } from './consumer-health';
import { sendToDeadLetterTopic } from './dead-letter';
import { describeErrorSafely, isPermanentError, isTransientError } from './error-classification';
import type { EventInbox } from './event-inbox';
import { DEFAULT_CONSUMER_SESSION, type ConsumerSessionSettings } from './kafka-client';
import { keepConnecting } from './keep-connecting';
import { KafkaEventContext, type KafkaEventDelivery } from './kafka-event.context';

/** Options a reaction may give `@EventPattern(type, extras)`. */
export interface EventPatternExtras {
  /** Consume in a consumer group of its own (its own offsets and pace) instead of the server's default. */
  group?: string;
  /** For event types outside the catalogue (tests, outside topics): where they are published. */
  topic?: string;
}

export interface KafkaEventServerOptions {
  kafka: Kafka;
  /** The default consumer group: usually the service's name. */
  groupId: string;
  inbox: EventInbox;
  /** Appended to every topic name (test isolation); empty in production. */
  topicSuffix?: string;
  upcasters?: Upcasters;
  /** Attempts per event before it is parked on the dead-letter topic (transient failures do not count). */
  maxAttempts?: number;
  retryBackoffMs?: number;
  /** The longest wait between retries of a transient failure (the database restarting, say). */
  maxTransientBackoffMs?: number;
  health?: ConsumerHealth;
  partitionsConsumedConcurrently?: number;
  /** A new group starts from the beginning of history, as replaying consumers need. */
  fromBeginning?: boolean;
  /** Session, heartbeat and rebalance timing (KAFKA_SESSION_TIMEOUT_MS...); DEFAULT_CONSUMER_SESSION when absent. */
  session?: ConsumerSessionSettings;
}

export interface DeadLetterNotice {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
}

/** Events the server emits through `on()` (the transport's status hooks). */
export type KafkaEventServerEvents = {
  'dead-letter': (notice: DeadLetterNotice) => void;
};

interface GroupSubscription {
  groupId: string;
  topics: Set<string>;
  handlersByType: Map<string, MessageHandler>;
}

/**
 * A NestJS transport over kafkajs for domain events (`@EventPattern('<event type>')`). Unlike the
 * built-in Kafka transport it routes by the envelope's `type` string (never a class name), consumes
 * in batches, runs one consumer per group so reactions can move at their own pace, makes every
 * reaction idempotent through the inbox, and parks an event that keeps failing on the topic's
 * `.dlq` twin so one poison event never stalls its partition.
 */
export class KafkaEventServer extends Server<KafkaEventServerEvents> implements CustomTransportStrategy {
  private readonly consumers: Consumer[] = [];
  private producer: Producer | null = null;
  private readonly deadLetterListeners: KafkaEventServerEvents['dead-letter'][] = [];
  private stopping = false;
  /** Ends the background connecting (and its waits) when the server closes. */
  private readonly stopped = new AbortController();

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    // kafkajs lets the batch in hand finish before it leaves the group.
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    await this.producer?.disconnect();
    this.consumers.length = 0;
    this.producer = null;
  }

  on<K extends keyof KafkaEventServerEvents>(event: K, callback: KafkaEventServerEvents[K]): void {
    if (event === 'dead-letter') this.deadLetterListeners.push(callback);
  }

  unwrap<T>(): T {
    return { kafka: this.options.kafka, consumers: this.consumers, producer: this.producer } as T;
  }

  /**
   * Works out the subscriptions now (a reaction wired wrongly refuses the start), then connects and
   * joins the groups in the background: the service answers HTTP at once, readiness says which groups
   * have not joined yet and why, and a broker that is down is tried again until it answers.
   */
  private start(): void {
    const subscriptions = this.subscriptions();
    if (subscriptions.length === 0) return;
    for (const subscription of subscriptions) this.options.health?.consumerExpected(subscription.groupId);
    this.producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.connectInBackground(this.producer, subscriptions).catch((error: unknown) => {
      // Not a broker being away (that is retried): something kafkajs refused outright. Readiness and the log say so.
      const reason = describeErrorSafely(error);
      for (const { groupId } of subscriptions) this.options.health?.consumerCrashed(groupId, reason);
      this.logger.error(`consumers could not be started: ${reason}`);
    });
  }

  private async connectInBackground(producer: Producer, subscriptions: GroupSubscription[]): Promise<void> {
    // The dead-letter producer first: no event is consumed that could not be parked.
    const connected = await keepConnecting(() => producer.connect(), {
      signal: this.stopped.signal,
      onWaiting: (reason, retryInMs) => {
        for (const { groupId } of subscriptions) this.options.health?.consumerWaiting(groupId, `cannot reach the broker: ${reason}`);
        this.logger.warn(`cannot reach the broker (${reason}); trying again in ${retryInMs} ms`);
      },
    });
    // Stopped meanwhile: close() may have come before the connection did.
    if (this.stopped.signal.aborted) await producer.disconnect().catch(() => undefined);
    else if (connected) await Promise.all(subscriptions.map((subscription) => this.startGroup(subscription)));
  }

  private async startGroup(subscription: GroupSubscription): Promise<void> {
    const { groupId } = subscription;
    const consumer = this.options.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      // Fetches return as soon as events arrive; the wait only bounds how long shutdown waits for an idle fetch.
      maxWaitTimeInMs: 500,
      ...(this.options.session ?? DEFAULT_CONSUMER_SESSION),
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts a consumer after most crashes (and it rejoins); one it gives up on stays down in readiness.
      const reason = describeErrorSafely(payload.error);
      if (payload.restart) this.options.health?.consumerWaiting(groupId, `restarting after a crash: ${reason}`);
      else this.options.health?.consumerCrashed(groupId, reason);
      this.logger.error(`consumer ${groupId} crashed (${reason}); ${payload.restart ? 'restarting' : 'not restarting'}`);
    });
    consumer.on(consumer.events.GROUP_JOIN, () => this.options.health?.consumerStarted(groupId));
    this.consumers.push(consumer);
    const running = await keepConnecting(
      async () => {
        try {
          await consumer.connect();
          await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: this.options.fromBeginning ?? true });
          // Resolves once the group is joined (or kafkajs has taken over retrying the join itself).
          await consumer.run({
            eachBatchAutoResolve: false,
            autoCommit: true,
            partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
            eachBatch: (payload) => this.consumeBatch(subscription, payload),
          });
        } catch (error) {
          await consumer.disconnect().catch(() => undefined);
          throw error;
        }
      },
      {
        signal: this.stopped.signal,
        onWaiting: (reason, retryInMs) => {
          this.options.health?.consumerWaiting(groupId, `cannot reach the broker: ${reason}`);
          this.logger.warn(`consumer ${groupId} cannot start (${reason}); trying again in ${retryInMs} ms`);
        },
      },
    );
    // Stopped while it was starting: close() may have disconnected it before it connected.
    if (this.stopped.signal.aborted) await consumer.disconnect().catch(() => undefined);
    else if (running) this.logger.log(`consuming ${[...subscription.handlersByType.keys()].join(', ')} as group ${groupId}`);
  }

  /** Groups the registered reactions by consumer group, each with the topics its event types travel on. */
  private subscriptions(): GroupSubscription[] {
    const byGroup = new Map<string, GroupSubscription>();
    for (const [type, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) continue;
      // Nest chains a second @EventPattern of the same type onto the first; one reaction per type keeps retries and the inbox honest.
      if (handler.next) throw new Error(`two reactions to ${type} in one service: give one of them its own event type or combine them`);
      const extras = (handler.extras ?? {}) as EventPatternExtras;
      const groupId = extras.group ?? this.options.groupId;
      const subscription = byGroup.get(groupId) ?? { groupId, topics: new Set<string>(), handlersByType: new Map() };
      subscription.topics.add(this.topicFor(type, extras));
      subscription.handlersByType.set(type, handler);
      byGroup.set(groupId, subscription);
    }
    return [...byGroup.values()];
  }

  private topicFor(type: string, extras: EventPatternExtras): string {
    // The catalogue's owning topic is the only one a catalogue event is accepted from (consumeMessage).
    if (extras.topic && isEventType(type) && extras.topic !== topicOf(type)) {
      throw new Error(`@EventPattern('${type}'): it travels on ${topicOf(type)} only; drop the pattern's topic`);
    }
    const base = extras.topic ?? (isEventType(type) ? topicOf(type) : undefined);
    if (!base) throw new Error(`@EventPattern('${type}'): not in the event catalogue; give its topic in the pattern's extras`);
    return `${base}${this.options.topicSuffix ?? ''}`;
  }

  private async consumeBatch(subscription: GroupSubscription, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.consumeMessage(subscription, batch.topic, batch.partition, message);
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  private async consumeMessage(subscription: GroupSubscription, topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let envelope: EventEnvelope;
    try {
      const parsed = parseEnvelope(message.value);
      // Behind the broker's ACLs, a second check: an event off its owning topic is forged or misrouted, never acted on.
      assertFromOwningTopic(parsed.type, topic, this.options.topicSuffix);
      envelope = this.upcast(parsed);
    } catch (error) {
      // A malformed or misplaced event will never become right: no point retrying it. Nothing in it is
      // trusted, its event id included, so the inbox does not record it (that id may be a real event's).
      await this.deadLetter(subscription, topic, partition, message, 1, error);
      return;
    }
    const handler = subscription.handlersByType.get(envelope.type);
    if (!handler) return; // another reaction's event on a shared topic
    const maxAttempts = this.options.maxAttempts ?? 5;
    const backoff = this.options.retryBackoffMs ?? 200;
    let lastError: unknown;
    let attempt = 0;
    let transientFailures = 0;
    while (attempt < maxAttempts) {
      attempt += 1;
      try {
        await this.options.inbox.handleOnce(subscription.groupId, envelope, (manager) =>
          this.dispatch(handler, envelope, manager, {
            topic,
            partition,
            offset: message.offset,
            attempt,
            consumerGroup: subscription.groupId,
            traceparent: headerOf(message, EVENT_HEADERS.traceparent),
          }),
        );
        return;
      } catch (error) {
        lastError = error;
        // Leave it unresolved when stopping: this instance or another takes it from here.
        if (this.stopping) throw error;
        if (isTransientError(error)) {
          // Not the event's fault: wait and try again, however long it takes, without using up its attempts.
          attempt -= 1;
          transientFailures += 1;
          const wait = Math.min(this.options.maxTransientBackoffMs ?? 10_000, backoff * 2 ** Math.min(transientFailures, 10));
          this.logger.warn(
            `${envelope.type} ${envelope.eventId} hit a transient failure in ${subscription.groupId} (${describeErrorSafely(error)}); retrying in ${wait} ms`,
          );
          await delay(wait);
          continue;
        }
        this.logger.warn(
          `${envelope.type} ${envelope.eventId} failed in ${subscription.groupId} (attempt ${attempt}/${maxAttempts}): ${describeErrorSafely(error)}`,
        );
        if (isPermanentError(error)) break;
        if (attempt < maxAttempts) await delay(backoff * 2 ** (attempt - 1));
      }
    }
    await this.deadLetter(subscription, topic, partition, message, attempt, lastError);
    await this.options.inbox.recordDeadLetter(subscription.groupId, envelope);
  }

  private async dispatch(
    handler: MessageHandler,
    envelope: EventEnvelope,
    manager: KafkaEventContext['manager'],
    delivery: KafkaEventDelivery,
  ): Promise<void> {
    const context = new KafkaEventContext([envelope, manager, delivery]);
    const result = await handler(envelope, context);
    // Nest's exception layer turns a thrown error into an erroring observable: surface it as a failure.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private upcast(envelope: EventEnvelope): EventEnvelope {
    return this.options.upcasters?.toCurrentShape(envelope) ?? envelope;
  }

  private async deadLetter(
    subscription: GroupSubscription,
    topic: string,
    partition: number,
    message: KafkaMessage,
    attempts: number,
    error: unknown,
  ): Promise<void> {
    if (!this.producer) throw new Error('dead-letter producer not connected');
    const reason = error instanceof InvalidEnvelopeError ? error.message : describeErrorSafely(error);
    await sendToDeadLetterTopic(this.producer, { topic, partition, message, consumerGroup: subscription.groupId, attempts, reason });
    this.logger.error(
      `parked offset ${message.offset} of ${topic}[${partition}] on the dead-letter topic for ${subscription.groupId}: ${reason}`,
    );
    for (const listener of this.deadLetterListeners) listener({ topic, partition, offset: message.offset, reason });
  }
}

const headerOf = (message: KafkaMessage, name: string): string | null => {
  const value = message.headers?.[name];
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? String(value[0]) : value.toString();
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
