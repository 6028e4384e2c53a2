import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  assertFromOwningTopic,
  EVENT_HEADERS,
  InvalidEnvelopeError,
  parseEnvelope,
  passesOverByTypeHeader,
  type EventEnvelope,
  type Upcasters,
} from '@csc/contracts';
import type { ConsumerHealth } from './consumer-health';
import { sendToDeadLetterTopic } from './dead-letter';
import type { StoredDeadLetter } from './dead-letter-store';
import { DeadLetters, type ReplayResult } from './dead-letters';
import { awaitedEventOf, describeErrorSafely } from './error-classification';
import type { EventInbox } from './event-inbox';
import { DEFAULT_CONSUMER_SESSION, type ConsumerSessionSettings } from './kafka-client';
import { keepConnecting } from './keep-connecting';
import { offsetAfter, PacedOffsetCommits } from './paced-offset-commits';
import { KafkaEventContext, type KafkaEventDelivery } from './kafka-event.context';
import { GroupParking } from './group-parking';
import { groupSubscriptions, takesType, type GroupSubscription } from './group-subscriptions';
import { ParkedEventStore, type ArrivedMessage } from './parked-event-store';
import type { ParkedSequences } from './parked-sequences';
import { BEHIND_A_PARKED_EVENT, DEFAULT_PARKING_POLICY, type ParkingPolicy } from './parking-schedule';
import { attemptReaction, type AttemptOutcome } from './reaction-attempts';
import { UNREADABLE_EVENT, type ConsumerObserver } from './consumer-observer';
import { inConversation, inSpanOf, SpanKind, traceparentHere } from '@csc/tracing';
import type { ConsumerGroupTopics } from './consumer-lag';
import { heartbeatingPause, PartitionReleased, TransientWaits, type Pause } from './transient-wait';

export { serviceGroupId, type EventPatternExtras } from './group-subscriptions';

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
  /**
   * The most one event waits out transient failures, heartbeating; past it the batch ends and kafkajs
   * restarts the consumer from that event (nothing is dead-lettered for a failure that is not its own).
   */
  maxTransientWaitMs?: number;
  /** Events waiting for an earlier event: how long they may wait, how often they are retried. */
  parking?: Partial<ParkingPolicy>;
  health?: ConsumerHealth;
  partitionsConsumedConcurrently?: number;
  /** A new group starts from the beginning of history, as replaying consumers need. */
  fromBeginning?: boolean;
  /** Session, heartbeat and rebalance timing (KAFKA_SESSION_TIMEOUT_MS...); DEFAULT_CONSUMER_SESSION when absent. */
  session?: ConsumerSessionSettings;
  /** Where dead letters are recorded and replayed from (the platform shares it with /v1/dead-letters). */
  deadLetters?: DeadLetters;
  /** Told what became of each event (the platform counts it for /metrics). */
  observer?: ConsumerObserver;
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

interface ParsedMessage {
  envelope: EventEnvelope;
  handler: MessageHandler;
}

/** Rolls a replay back: another replay or a discard dealt with the letter first. */
class LetterAlreadyResolved extends Error {}

/**
 * A NestJS transport over kafkajs for domain events (`@EventPattern('<event type>')`). Unlike the
 * built-in Kafka transport it routes by the envelope's `type` string (never a class name), consumes
 * in batches, runs one consumer per group so reactions can move at their own pace, makes every
 * reaction idempotent through the inbox, and parks an event that keeps failing on the topic's
 * dead letters (`dead-letters.<topic>`) so one poison event never stalls its partition. Nothing holds a partition without end:
 * transient failures are waited out heartbeating and within a budget, and an event waiting for an
 * earlier one is set aside in `parked_events` (its key's later events queue behind it) while the
 * partition's other keys go on.
 */
export class KafkaEventServer extends Server<KafkaEventServerEvents> implements CustomTransportStrategy {
  private readonly consumers: Consumer[] = [];
  private readonly parkings: GroupParking[] = [];
  private producer: Producer | null = null;
  private readonly deadLetterListeners: KafkaEventServerEvents['dead-letter'][] = [];
  private stopping = false;
  private readonly parkedEvents: ParkedEventStore;
  private readonly parking: ParkingPolicy;
  readonly deadLetters: DeadLetters;
  /** The groups this server runs (from start, joined or not): close() stops watching them and detaches their replays. */
  private readonly subscriptions: GroupSubscription[] = [];
  /** Ends the background connecting (and its waits) when the server closes. */
  private readonly stopped = new AbortController();

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.parkedEvents = new ParkedEventStore(options.inbox.dataSource);
    this.deadLetters = options.deadLetters ?? new DeadLetters(options.inbox.dataSource);
    this.parking = { ...DEFAULT_PARKING_POLICY, ...options.parking };
  }

  /** Each consumer group this server runs and the topics it reads (for its lag in /metrics). */
  groups(): ConsumerGroupTopics[] {
    return this.subscriptions.map(({ groupId, topics }) => ({ groupId, topics: [...topics] }));
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    for (const { groupId } of this.subscriptions) this.deadLetters.detach(groupId);
    await Promise.all(this.parkings.map((parking) => parking.stop()));
    this.stopped.abort();
    const commits = this.subscriptions.flatMap(({ commits }) => (commits ? [commits] : []));
    await Promise.all(commits.map((groupCommits) => groupCommits.commitEachFromNow()));
    // kafkajs lets the batch in hand finish before it leaves the group; it commits nothing once leaving, so
    // the message in hand on each partition may be read again after a restart (the inbox passes over it).
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    for (const groupCommits of commits) groupCommits.stop();
    // Stopped on purpose: no longer expected to join, nothing to watch for stalls.
    for (const { groupId } of this.subscriptions) this.options.health?.consumerStopped(groupId);
    this.subscriptions.length = 0;
    await this.producer?.disconnect();
    this.consumers.length = 0;
    this.parkings.length = 0;
    this.producer = null;
  }

  on<K extends keyof KafkaEventServerEvents>(event: K, callback: KafkaEventServerEvents[K]): void {
    if (event === 'dead-letter') this.deadLetterListeners.push(callback);
  }

  unwrap<T>(): T {
    return { kafka: this.options.kafka, consumers: this.consumers, producer: this.producer } as T;
  }

  /**
   * Works out the subscriptions now (a reaction wired wrongly refuses the start, as does a database
   * without the parked events table), then connects and joins the groups in the background: the
   * service answers HTTP at once, readiness says which groups have not joined yet and why, and a
   * broker that is down is tried again until it answers.
   */
  private async start(): Promise<void> {
    const subscriptions = groupSubscriptions(this.messageHandlers, this.options.groupId, this.options.topicSuffix ?? '');
    if (subscriptions.length === 0) return;
    // Every batch reads it: without it each batch would fail and the consumer restart without end.
    if (!(await this.parkedEvents.tableExists())) {
      throw new Error('parked_events is missing: add CreateParkedEvents1767400000000 (@csc/messaging) to the service migrations');
    }
    // Every dead letter is recorded there first: without it no poison event could be set aside.
    if (!(await this.deadLetters.store.tableExists())) {
      throw new Error('dead_letters is missing: add CreateDeadLetters1767500000000 (@csc/messaging) to the service migrations');
    }
    this.subscriptions.push(...subscriptions);
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
      // kafkajs restarts a consumer after most crashes (and it rejoins); one it gives up on stays down in readiness,
      // and one restarted again and again without getting through a batch shows as stalled.
      const reason = describeErrorSafely(payload.error);
      if (payload.restart) {
        this.options.health?.consumerWaiting(groupId, `restarting after a crash: ${reason}`);
        this.options.health?.batchFailed(groupId, reason);
      } else this.options.health?.consumerCrashed(groupId, reason);
      this.logger.error(`consumer ${groupId} crashed (${reason}); ${payload.restart ? 'restarting' : 'not restarting'}`);
    });
    // Progress reaches Kafka paced (PacedOffsetCommits): the inbox passes over what is read again after a restart.
    const commits = new PacedOffsetCommits((offsets) => consumer.commitOffsets(offsets));
    subscription.commits = commits;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      commits.rejoined();
      this.options.health?.consumerStarted(groupId);
    });
    consumer.on(consumer.events.START_BATCH_PROCESS, () => this.options.health?.batchStarted(groupId));
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
      this.options.health?.batchProcessed(groupId, Number(payload.offsetLag)),
    );
    this.consumers.push(consumer);
    // Before the first batch, which uses it.
    const parking = this.parkingFor(subscription);
    subscription.parking = parking;
    this.parkings.push(parking);
    const running = await keepConnecting(
      async () => {
        try {
          await consumer.connect();
          await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: this.options.fromBeginning ?? true });
          // Resolves once the group is joined (or kafkajs has taken over retrying the join itself).
          await consumer.run({
            eachBatchAutoResolve: false,
            autoCommit: false,
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
    else if (running) {
      this.deadLetters.attach(groupId, (letter, by) => this.replay(subscription, letter, by));
      parking.start();
      this.logger.log(`consuming ${[...subscription.handlersByType.keys()].join(', ')} as group ${groupId}`);
    }
  }

  private async consumeBatch(subscription: GroupSubscription, payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const pause = heartbeatingPause({ heartbeat, stillOwned: () => isRunning() && !isStale() && !this.stopping });
    const commits = subscription.commits!;
    // A batch of an earlier membership (one broker's fetch can rejoin the group while another's batch runs) stops.
    const joinedAs = commits.joins;
    const parked = await subscription.parking!.sequencesOf(batch.messages, takesType(subscription));
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || commits.joins !== joinedAs) break;
      try {
        await this.consumeMessage(subscription, { topic: batch.topic, partition: batch.partition, message }, parked, pause);
      } catch (error) {
        // Left unresolved: whoever holds the partition now takes it from this message.
        if (error instanceof PartitionReleased) return;
        throw error;
      }
      resolveOffset(message.offset);
      await commits.processed({ topic: batch.topic, partition: batch.partition, offset: offsetAfter(message.offset) }, joinedAs);
      await heartbeat();
    }
  }

  private async consumeMessage(
    subscription: GroupSubscription,
    arrived: ArrivedMessage,
    parked: ParkedSequences,
    pause: Pause,
  ): Promise<void> {
    const parsed = await this.parse(subscription, arrived);
    if (!parsed) return;
    const { envelope, handler } = parsed;
    const parking = subscription.parking!;
    // The relay's key: the child, else the stream.
    const key = arrived.message.key?.toString() ?? envelope.childId ?? envelope.streamId;
    await parking.lookUp(parked, key);
    // Kafka orders a key's events within a topic: while some are parked, the later ones queue behind them.
    // On other topics they go on (the event awaited is usually one of them), as they always could: no order holds across topics.
    if (parked.has(arrived.topic, key)) {
      this.options.observer?.parked(subscription.groupId, envelope.type);
      return parking.park(key, envelope, arrived, BEHIND_A_PARKED_EVENT, parked, pause);
    }
    const outcome = await this.attempt(subscription, handler, envelope, arrived, pause);
    if (outcome.kind === 'waiting') {
      this.options.observer?.parked(subscription.groupId, envelope.type);
      return parking.park(key, envelope, arrived, outcome.awaited, parked, pause);
    }
    if (outcome.kind === 'failed') {
      await this.deadLetter(subscription, arrived, envelope, outcome.attempts, outcome.error);
      await this.options.inbox.recordDeadLetter(subscription.groupId, envelope);
      return;
    }
    // A key without parked events (nearly all) costs nothing more here.
    if (parked.hasAny(key)) await parking.retryAfterHandled(key, parked, pause);
  }

  /** The envelope and its reaction; a malformed or misplaced message is dead-lettered at once (null). */
  private async parse(subscription: GroupSubscription, arrived: ArrivedMessage): Promise<ParsedMessage | null> {
    // Another reaction's event on a shared topic (its type header says so): passed over unread.
    if (passesOverByTypeHeader(arrived.message.headers, takesType(subscription))) return null;
    let envelope: EventEnvelope;
    try {
      envelope = this.envelopeOf(arrived);
    } catch (error) {
      // A malformed or misplaced event will never become right: no point retrying it. Nothing in it is
      // trusted, its event id included, so the inbox does not record it (that id may be a real event's).
      await this.deadLetter(subscription, arrived, null, 1, error);
      return null;
    }
    const handler = subscription.handlersByType.get(envelope.type);
    return handler ? { envelope, handler } : null; // no handler: another reaction's event on a shared topic
  }

  private envelopeOf({ topic, message }: ArrivedMessage): EventEnvelope {
    const parsed = parseEnvelope(message.value);
    // Behind the broker's ACLs, a second check: an event off its owning topic is forged or misrouted, never acted on.
    assertFromOwningTopic(parsed.type, topic, this.options.topicSuffix);
    return this.upcast(parsed);
  }

  /**
   * An operator re-delivers a dead letter to the group that failed it, through the same reaction (one
   * attempt: it is the operator's to try again). The inbox lets the dead-lettered event through once,
   * and the letter is marked REPLAYED in the reaction's transaction, so the two change together.
   */
  private async replay(subscription: GroupSubscription, letter: StoredDeadLetter, by: string): Promise<ReplayResult> {
    const { id } = letter;
    const failed = async (error: unknown): Promise<ReplayResult> => {
      const awaited = awaitedEventOf(error);
      const reason = awaited !== null ? `still waiting for ${awaited}` : describeErrorSafely(error);
      await this.deadLetters.store.replayFailed(id, reason);
      this.logger.warn(`replaying dead letter ${id} in ${subscription.groupId} failed: ${reason}`);
      return { id, result: 'FAILED', error: reason };
    };
    let envelope: EventEnvelope;
    try {
      envelope = this.envelopeOf(letter);
    } catch (error) {
      return failed(error instanceof InvalidEnvelopeError ? error : new Error('not a valid event envelope: it cannot be replayed'));
    }
    const handler = subscription.handlersByType.get(envelope.type);
    if (!handler || letter.eventId !== envelope.eventId)
      return failed(new Error(`no reaction to ${envelope.type} in ${subscription.groupId}`));
    try {
      const outcome = await this.options.inbox.handleOnce(
        subscription.groupId,
        envelope,
        (manager) =>
          this.dispatch(handler, envelope, manager, {
            topic: letter.topic,
            partition: letter.partition,
            offset: letter.message.offset,
            attempt: letter.attempts + 1,
            consumerGroup: subscription.groupId,
            traceparent: headerOf(letter.message, EVENT_HEADERS.traceparent),
          }),
        async (manager) => {
          if (!(await this.deadLetters.store.markReplayed(manager, id, by, 'replayed'))) throw new LetterAlreadyResolved();
        },
        { replay: true },
      );
      this.logger.log(`dead letter ${id} (${envelope.type} ${envelope.eventId}) replayed in ${subscription.groupId} by ${by}: ${outcome}`);
      return { id, result: 'REPLAYED', applied: outcome === 'handled' };
    } catch (error) {
      if (error instanceof LetterAlreadyResolved) {
        const now = await this.deadLetters.store.get(id);
        return { id, result: 'ALREADY_RESOLVED', status: now?.status ?? 'REPLAYED' };
      }
      return failed(error);
    }
  }

  private async attempt(
    subscription: GroupSubscription,
    handler: MessageHandler,
    envelope: EventEnvelope,
    { topic, partition, message }: ArrivedMessage,
    pause: Pause,
    unpark?: (manager: KafkaEventContext['manager']) => Promise<void>,
    transientBudgetMs = this.options.maxTransientWaitMs ?? 30_000,
  ): Promise<AttemptOutcome> {
    const backoffMs = this.options.retryBackoffMs ?? 200;
    const observer = this.options.observer;
    const outcome = await attemptReaction({
      inbox: this.options.inbox,
      consumer: subscription.groupId,
      envelope,
      react: (manager, attempt) =>
        this.dispatch(handler, envelope, manager, {
          topic,
          partition,
          offset: message.offset,
          attempt,
          consumerGroup: subscription.groupId,
          traceparent: headerOf(message, EVENT_HEADERS.traceparent),
        }),
      unpark,
      maxAttempts: this.options.maxAttempts ?? 5,
      backoffMs,
      transient: new TransientWaits(
        { backoffMs, maxBackoffMs: this.options.maxTransientBackoffMs ?? 10_000, budgetMs: transientBudgetMs },
        pause,
      ),
      pause,
      isStopping: () => this.stopping,
      warn: (text) => this.logger.warn(text),
      onRetry: (cause) => observer?.retried(subscription.groupId, envelope.type, cause),
    });
    if (outcome.kind === 'handled') observer?.handled(subscription.groupId, envelope.type);
    return outcome;
  }

  private parkingFor(subscription: GroupSubscription): GroupParking {
    return new GroupParking({
      consumer: subscription.groupId,
      store: this.parkedEvents,
      inbox: this.options.inbox,
      policy: this.parking,
      maxTransientWaitMs: this.options.maxTransientWaitMs ?? 30_000,
      log: this.logger,
      health: this.options.health,
      retry: async (parkedEvent, pause) => {
        const parsed = await this.parse(subscription, parkedEvent);
        const unpark = (manager: KafkaEventContext['manager']) => this.parkedEvents.unpark(manager, parkedEvent.id);
        // Within half its lease, so no second retrier takes the sequence while this one waits.
        const budgetMs = Math.min(this.options.maxTransientWaitMs ?? 30_000, this.parking.leaseMs / 2);
        if (parsed) return this.attempt(subscription, parsed.handler, parsed.envelope, parkedEvent, pause, unpark, budgetMs);
        // Dead-lettered by parse (an upcaster changed), or its reaction is gone: nothing is left to retry.
        await this.parkedEvents.transaction(unpark);
        return { kind: 'handled' };
      },
      sendToDeadLetter: (parkedEvent, attempts, reason) =>
        this.deadLetter(subscription, parkedEvent, { eventId: parkedEvent.eventId, type: parkedEvent.eventType }, attempts, reason),
    });
  }

  private async dispatch(
    handler: MessageHandler,
    envelope: EventEnvelope,
    manager: KafkaEventContext['manager'],
    delivery: KafkaEventDelivery,
  ): Promise<void> {
    const context = new KafkaEventContext([envelope, manager, delivery]);
    // The reaction continues the trace of the request that wrote the event (its traceparent header).
    await inSpanOf(
      delivery.traceparent,
      `process ${envelope.type}`,
      SpanKind.CONSUMER,
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': delivery.topic,
        'messaging.destination.partition.id': String(delivery.partition),
        'messaging.consumer.group.name': delivery.consumerGroup,
        'csc.event_type': envelope.type,
        'csc.attempt': delivery.attempt,
      },
      () =>
        inConversation({ correlationId: envelope.correlationId, traceparent: traceparentHere(delivery.traceparent) }, async () => {
          const result = await handler(envelope, context);
          // Nest's exception layer turns a thrown error into an erroring observable: surface it as a failure.
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        }),
    );
  }

  private upcast(envelope: EventEnvelope): EventEnvelope {
    return this.options.upcasters?.toCurrentShape(envelope) ?? envelope;
  }

  /** Recorded in `dead_letters` first (its id goes in the headers), then sent; a crash between sends it again under the same id. */
  private async deadLetter(
    subscription: GroupSubscription,
    arrived: ArrivedMessage,
    event: { eventId: string; type: string } | null,
    attempts: number,
    error: unknown,
  ): Promise<void> {
    if (!this.producer) throw new Error('dead-letter producer not connected');
    const { topic, partition, message } = arrived;
    const reason = error instanceof InvalidEnvelopeError ? error.message : describeErrorSafely(error);
    const consumerGroup = subscription.groupId;
    const id = await this.deadLetters.store.record({ topic, partition, message, consumer: consumerGroup, event, error: reason, attempts });
    await sendToDeadLetterTopic(this.producer, { id, topic, partition, message, consumerGroup, attempts, reason });
    this.logger.error(
      `parked offset ${message.offset} of ${topic}[${partition}] on the dead-letter topic for ${consumerGroup} as ${id}: ${reason}`,
    );
    this.options.observer?.deadLettered(consumerGroup, event?.type ?? UNREADABLE_EVENT);
    for (const listener of this.deadLetterListeners) listener({ topic, partition, offset: message.offset, reason });
  }
}

const headerOf = (message: KafkaMessage, name: string): string | null => {
  const value = message.headers?.[name];
  if (value === undefined || value === null) return null;
  return Array.isArray(value) ? String(value[0]) : value.toString();
};
