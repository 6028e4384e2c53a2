import { Logger } from '@nestjs/common';
import { Partitioners, type Admin, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransactionOpenedBy } from '@csc/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { passesOverByTypeHeader, type EventEnvelope } from '@csc/contracts';
import {
  DEFAULT_CONSUMER_SESSION,
  describeErrorSafely,
  isTransientError,
  keepConnecting,
  PacedOffsetCommits,
  sendToDeadLetterTopic,
  type ConsumerHealth,
  type ConsumerSessionSettings,
  type DeadLetters,
  type ReplayResult,
  type StoredDeadLetter,
} from '@csc/messaging';
import { versionTables, type ProjectionDefinition } from './projection';
import { firstNotYetApplied } from './applied-already';
import { eventAsProjectionsRead } from './event-as-read';
import { PROJECTION_FETCH } from './projection-fetch';
import { ProjectionOffsets, type BatchStartRow, type ProjectionVersion } from './projection-offsets';
import type { ProjectionVersions } from './projection-versions';

export interface PartitionProgress {
  topic: string;
  partition: number;
  /** The next offset to apply (everything before it is in the rows). */
  nextOffset: bigint;
  /** The end of the partition when last looked. */
  highWatermark: bigint;
}

export interface RunnerProgress {
  projection: string;
  version: number;
  applied: number;
  position: number;
  lag: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  /** Events it could not apply, dead-lettered by this runner since it started (the rest of their batches applied). */
  deadLettered: number;
  /**
   * Why this version's offsets do not refer to the broker's log (another cluster, offsets past a
   * partition's end), or null. Its lag and position then mean nothing: it is rebuilt from offset 0.
   */
  problem: string | null;
}

/** What a runner tells readiness (ConsumerHealth): a runner in a projection thread tells it across. */
export type RunnerHealth = Pick<
  ConsumerHealth,
  | 'consumerExpected'
  | 'consumerWaiting'
  | 'consumerCrashed'
  | 'consumerStarted'
  | 'consumerStopped'
  | 'batchStarted'
  | 'batchProcessed'
  | 'batchFailed'
>;

/** A projection version being run, here (ProjectionRunner) or in a projection thread: what its host asks of it. */
export interface RunningProjection {
  readonly definition: ProjectionDefinition;
  readonly version: number;
  readonly groupId: string;
  readonly problem: string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  progress(): RunnerProgress;
  catchUp(timeoutMs: number): Promise<number>;
  checkLog(): Promise<string | null>;
  loadPositions(): Promise<void>;
}

/** A version's consumer group: `<service>.<projection>.v<version>` and the deployment's suffix. */
export const projectionGroupId = (serviceName: string, projection: string, version: number, topicSuffix: string): string =>
  `${serviceName}.${projection}.v${version}${topicSuffix}`;

interface ReadEvent {
  event: EventEnvelope;
  message: KafkaMessage;
}

interface PoisonEvent extends ReadEvent {
  id: string;
  error: string;
}

/** Rolls a replay back: another replay or a discard dealt with the letter first. */
class LetterAlreadyResolved extends Error {}

/** Rolls a batch back that an event of its own failed: it is applied again, event by event (applyEvents). */
class BatchNeedsIsolating extends Error {}

export interface RunnerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  versions: ProjectionVersions;
  /** Appended to topic names and consumer groups (test isolation; empty in production). */
  topicSuffix: string;
  /** The service whose projections these are: its consumer groups are `<service>.<projection>.v<version>`. */
  serviceName: string;
  /** Session timing of its consumer (DEFAULT_CONSUMER_SESSION when absent). */
  session?: ConsumerSessionSettings;
  /**
   * Readiness: the version's consumer group until it has joined, and once joined if it stops getting
   * through its batches while it has events to read (stalled).
   */
  health?: RunnerHealth;
  /** Called when the version finds, as it connects, that its offsets do not refer to the broker's log (see checkLog). */
  onLogLost?: (definition: ProjectionDefinition, version: number, problem: string) => void;
  /** Called by a BUILDING version once it has caught up and become current. */
  onSwapped?: (definition: ProjectionDefinition, version: number, retired: number | null) => void;
  /**
   * Where an event `apply` throws on (not a transient database failure) is recorded: it goes to its
   * topic's dead letters (`dead-letters.<topic>`) with the version's consumer group, and the rest of its batch applies. Without
   * it, such an event fails its batch until the code is fixed.
   */
  deadLetters?: DeadLetters;
}

/**
 * Reads a projection version's topics in batches and applies each batch, with its offsets, in one
 * transaction: a crash can neither apply a batch twice nor lose one. The offsets in PostgreSQL
 * are the truth; Kafka's group commits only save re-reading. A partition is always resumed from
 * the database's offset, and a batch that starts past it (a gap) is never applied.
 */
export class ProjectionRunner implements RunningProjection {
  private readonly logger = new Logger(ProjectionRunner.name);
  private consumer: Consumer | null = null;
  /** The group's progress told to Kafka (for Kafka's own tools, kafka-consumer-groups and the like), paced: the rows' own offsets are in the database. */
  private commits: PacedOffsetCommits | null = null;
  private admin: Admin | null = null;
  private readonly partitions = new Map<string, PartitionProgress>();
  private applied = 0;
  private readonly recent: { at: number; applied: number }[] = [];
  private swapped = false;
  private readonly offsets = new ProjectionOffsets();
  private checkingCaughtUp = false;
  private lastCaughtUpCheck = 0;
  private producer: Producer | null = null;
  private deadLettered = 0;
  private offsetsPastEnd: string | null = null;
  private otherCluster: string | null = null;
  private readonly stopped = new AbortController();
  /** Settles true once the consumer runs, false if stopped first. */
  private connected: Promise<boolean> = Promise.resolve(false);
  /** Its admin client is connected (in the background): the log can be checked against the broker. */
  private adminConnected = false;
  /** Whether the projection reads an event type (asked of every message a rebuild reads). */
  private readonly takesType: (type: string) => boolean;

  constructor(
    readonly definition: ProjectionDefinition,
    readonly version: number,
    readonly state: 'CURRENT' | 'BUILDING',
    private readonly options: RunnerOptions,
  ) {
    const types = new Set(definition.eventTypes);
    this.takesType = (type) => types.has(type);
  }

  private get id(): ProjectionVersion {
    return { projection: this.definition.name, version: this.version };
  }

  /**
   * An event as the projection may read it, or null to pass it over. Every event is read as the code
   * knows it: envelope and data read tolerantly (fields a newer producer added are dropped, required
   * ones checked), older versions upcast, so a projection's `apply` sees one shape per type however old
   * the log, and a rebuild gives what a live build gave. An event that cannot be read that way (malformed,
   * a newer version that is not additive), or that comes from a topic that does not own its type (the
   * reactions' check, assertFromOwningTopic), is passed over with a warning rather than dead-lettered:
   * the reactions park it already, once, and a rebuild reads history again from offset 0, so it would
   * park the same event at every rebuild. Its offset advances with the batch. An event that reads well
   * but that `apply` throws on is dead-lettered (applyEvents): that is this projection's own
   * failure, for its operators to fix and replay.
   */
  private readable(value: Buffer, topic: string, partition: number, offset: string): EventEnvelope | null {
    try {
      return eventAsProjectionsRead(value, topic, this.options.topicSuffix);
    } catch (error) {
      this.logger.warn(
        `projection ${this.definition.name} v${this.version} passed over offset ${offset} of ${topic}[${partition}]: ${(error as Error).message}`,
      );
      return null;
    }
  }

  /** The version's consumer group: the dead letters' consumer. */
  get groupId(): string {
    return projectionGroupId(this.options.serviceName, this.definition.name, this.version, this.options.topicSuffix);
  }

  private get topics(): string[] {
    return this.definition.topics.map((topic) => `${topic}${this.options.topicSuffix}`);
  }

  /**
   * Connects and joins in the background and returns at once: a broker that is down is tried again
   * until it answers, and readiness shows the group (and why it waits) until it has joined.
   */
  async start(): Promise<void> {
    const { kafka, health } = this.options;
    const groupId = this.groupId;
    health?.consumerExpected(groupId);
    const admin = kafka.admin();
    const consumer = kafka.consumer({
      groupId,
      ...PROJECTION_FETCH,
      ...(this.options.session ?? DEFAULT_CONSUMER_SESSION),
    });
    this.admin = admin;
    this.consumer = consumer;
    const commits = new PacedOffsetCommits((offsets) => consumer.commitOffsets(offsets));
    this.commits = commits;
    // Wherever Kafka thinks the group was, each assigned partition resumes from the database's offset.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      commits.rejoined();
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        for (const partition of partitions) {
          const progress = this.partitions.get(`${topic}:${partition}`);
          consumer.seek({ topic, partition, offset: String(progress?.nextOffset ?? 0n) });
        }
      }
      health?.consumerStarted(groupId);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // One restarted again and again without getting through a batch shows as stalled too.
      const reason = describeErrorSafely(payload.error);
      if (payload.restart) {
        health?.consumerWaiting(groupId, `restarting after a crash: ${reason}`);
        health?.batchFailed(groupId, reason);
      } else health?.consumerCrashed(groupId, reason);
    });
    this.connected = this.connectInBackground(admin, consumer).catch((error: unknown) => {
      const reason = describeErrorSafely(error);
      health?.consumerCrashed(groupId, reason);
      this.logger.error(`projection ${this.definition.name} v${this.version} could not be started: ${reason}`);
      return false;
    });
  }

  private async connectInBackground(admin: Admin, consumer: Consumer): Promise<boolean> {
    const running = await keepConnecting(
      async () => {
        try {
          await admin.connect();
          this.adminConnected = true;
          // Before the consumer seeks to the stored offsets: a log lost under them is noticed at once.
          const problem = await this.checkLog();
          if (problem) this.options.onLogLost?.(this.definition, this.version, problem);
          await consumer.connect();
          await consumer.subscribe({ topics: this.topics, fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            // Partitions' batches overlap (one's SQL while another's fetch is decoded); each locks only its own offset row.
            partitionsConsumedConcurrently: 3,
            eachBatch: (payload) => this.applyWatched(payload),
          });
        } catch (error) {
          await consumer.disconnect().catch(() => undefined);
          throw error;
        }
      },
      {
        signal: this.stopped.signal,
        onWaiting: (reason, retryInMs) => {
          this.options.health?.consumerWaiting(this.groupId, `cannot reach the broker: ${reason}`);
          this.logger.warn(`projection ${this.definition.name} v${this.version} cannot start (${reason}); trying again in ${retryInMs} ms`);
        },
      },
    );
    if (running) this.options.deadLetters?.attach(this.groupId, (letter, by) => this.replay(letter, by));
    if (running && this.state === 'BUILDING') void this.swapIfCaughtUp();
    return running;
  }

  /** A batch, watched for stalls: readiness sees it start, and fail (it is retried) or get through (applyBatch). */
  private async applyWatched(payload: EachBatchPayload): Promise<void> {
    this.options.health?.batchStarted(this.groupId);
    try {
      await this.applyBatch(payload);
    } catch (error) {
      this.options.health?.batchFailed(this.groupId, describeErrorSafely(error));
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    this.options.deadLetters?.detach(this.groupId);
    this.adminConnected = false;
    this.options.health?.consumerStopped(this.groupId);
    await this.commits?.commitEachFromNow();
    await this.consumer?.disconnect().catch(() => undefined);
    this.commits?.stop();
    await this.admin?.disconnect().catch(() => undefined);
    // A start still under way has ended by now (aborted); what it connected meanwhile is let go too.
    await this.connected;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = null;
    this.consumer = null;
    this.admin = null;
  }

  progress(): RunnerProgress {
    let position = 0n;
    let lag = 0n;
    for (const partition of this.partitions.values()) {
      position += partition.nextOffset;
      if (partition.highWatermark > partition.nextOffset) lag += partition.highWatermark - partition.nextOffset;
    }
    const eventsPerSecond = this.rate();
    return {
      projection: this.definition.name,
      version: this.version,
      applied: this.applied,
      position: Number(position),
      lag: Number(lag),
      eventsPerSecond: Math.round(eventsPerSecond),
      etaSeconds: lag === 0n ? 0 : eventsPerSecond > 0 ? Math.ceil(Number(lag) / eventsPerSecond) : null,
      deadLettered: this.deadLettered,
      problem: this.problem,
    };
  }

  /**
   * Waits (up to `timeoutMs`) until this version has applied everything its topics held when asked,
   * so a reader sees at least the log as it stood then; returns how many events it is still short.
   */
  async catchUp(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    if (!(await Promise.race([this.connected, sleep(timeoutMs, false, { ref: false })]))) {
      throw new Error(`projection ${this.definition.name} v${this.version} is not reading the log yet (the broker cannot be reached)`);
    }
    const targets = new Map<string, bigint>();
    for (const topic of this.topics) {
      for (const { partition, high } of await this.admin!.fetchTopicOffsets(topic)) targets.set(`${topic}:${partition}`, BigInt(high));
    }
    const short = () => {
      let events = 0n;
      for (const [key, high] of targets) {
        const next = this.partitions.get(key)?.nextOffset ?? 0n;
        if (high > next) events += high - next;
      }
      return Number(events);
    };
    let lastLook = Date.now();
    while (short() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (Date.now() - lastLook >= 100) {
        await this.refreshFromDatabase();
        lastLook = Date.now();
      }
    }
    return short();
  }

  /**
   * Other instances of the service apply the partitions the group gave them, and only the database
   * says how far they have got: each partition's offset moves up to the stored one.
   */
  private async refreshFromDatabase(): Promise<void> {
    for (const { topic, partition, nextOffset } of await this.offsets.load(this.options.dataSource.manager, this.id)) {
      const key = `${topic}:${partition}`;
      const known = this.partitions.get(key);
      const stored = BigInt(nextOffset);
      if (!known || stored > known.nextOffset) {
        this.partitions.set(key, { topic, partition, nextOffset: stored, highWatermark: known?.highWatermark ?? stored });
      }
    }
  }

  get problem(): string | null {
    return this.otherCluster ?? this.offsetsPastEnd;
  }

  /**
   * Whether this version's offsets refer to the broker's log: the cluster it read (recorded the first
   * time it looks) is this one, and no stored offset is past a partition's end. Either failing means
   * the broker's log was lost or replaced: its offsets point at nothing, or at other events, and
   * reading on would apply nothing new while reporting lag 0 (kafkajs resets an out-of-range offset).
   * Checked as the runner connects, then whenever the host asks.
   */
  async checkLog(): Promise<string | null> {
    // Not connected yet (it connects in the background): nothing to compare, the check at connecting will.
    if (!this.adminConnected || this.stopped.signal.aborted) return this.problem;
    const { clusterId } = await this.admin!.describeCluster();
    const recorded = await this.options.versions.clusterOf(this.definition.name, this.version);
    if (recorded === null) await this.options.versions.recordCluster(this.definition.name, this.version, clusterId);
    this.otherCluster =
      recorded !== null && recorded !== clusterId
        ? `the broker (cluster ${clusterId}) is not the one this version read (cluster ${recorded}): its offsets refer to another log`
        : null;
    await this.loadPositions();
    return this.problem;
  }

  /** Offsets from the database, ends of the partitions from Kafka: where each partition is and how far it has to go. */
  async loadPositions(): Promise<void> {
    // The stored offsets are read before the ends: on the same log an offset can then never be past its end.
    const stored = await this.offsets.load(this.options.dataSource.manager, this.id);
    const pastEnd: string[] = [];
    for (const topic of this.topics) {
      for (const { partition, high, low } of await this.admin!.fetchTopicOffsets(topic)) {
        const row = stored.find((offset) => offset.topic === topic && offset.partition === partition);
        if (row && BigInt(row.nextOffset) > BigInt(high)) pastEnd.push(`${topic}[${partition}] at ${row.nextOffset}, its end ${high}`);
        const key = `${topic}:${partition}`;
        const known = this.partitions.get(key);
        this.partitions.set(key, {
          topic,
          partition,
          nextOffset: BigInt(row?.nextOffset ?? known?.nextOffset ?? low),
          highWatermark: BigInt(high),
        });
      }
    }
    // Once seen, it stays: the version is rebuilt, and a log that grows past the old offsets is no less another log.
    if (pastEnd.length > 0 && this.offsetsPastEnd === null) {
      this.offsetsPastEnd = `offsets past the end of the broker's log (${pastEnd.join('; ')}): the log this version read was lost or replaced`;
    }
  }

  private async applyBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const key = `${batch.topic}:${batch.partition}`;
    const lastOffset = BigInt(batch.lastOffset());
    // Progress of a batch begun before the member rejoined its group is not committed (PacedOffsetCommits.processed).
    const joinedAs = this.commits?.joins;
    const { messages } = batch;
    // Read once, whichever attempt applies them: by the message's place in the batch (undefined: not read yet).
    const read: (EventEnvelope | null | undefined)[] = new Array(messages.length);
    const attempt = (isolating: boolean) =>
      inTransactionOpenedBy(
        this.options.dataSource,
        this.offsets.batchStartStatement(this.id, batch.topic, batch.partition),
        async (manager, start: BatchStartRow[]) => {
          const { state, nextOffset: stored } = this.offsets.batchStart(start);
          if (state !== 'CURRENT' && state !== 'BUILDING') return 'retired' as const;
          const nextOffset = BigInt(stored ?? this.partitions.get(key)?.nextOffset ?? 0n);
          if (BigInt(batch.firstOffset() ?? '0') > nextOffset) return 'gap' as const;
          const events: ReadEvent[] = [];
          // kafkajs hands a batch's messages over in log order: those applied already can only be at its front.
          for (let index = firstNotYetApplied(messages, nextOffset); index < messages.length; index++) {
            const message = messages[index];
            if (!message.value || passesOverByTypeHeader(message.headers, this.takesType)) continue;
            // null (passed over as unreadable) is kept too: warned of once.
            if (read[index] === undefined) read[index] = this.readable(message.value, batch.topic, batch.partition, message.offset);
            const event = read[index];
            if (event) events.push({ event, message });
          }
          const poisoned = events.length === 0 ? [] : await this.applyEvents(manager, batch.topic, batch.partition, events, isolating);
          await this.offsets.advance(manager, this.id, {
            topic: batch.topic,
            partition: batch.partition,
            nextOffset: String(lastOffset + 1n),
          });
          return { applied: events.length - poisoned.length, poisoned };
        },
      );
    // The whole batch at once, as nearly always; if an event of its own fails it, again, isolating that event.
    const outcome = await attempt(false).catch((error: unknown) => {
      if (error instanceof BatchNeedsIsolating) return attempt(true);
      throw error;
    });
    if (outcome === 'retired') {
      this.logger.log(`projection ${this.definition.name} v${this.version} was retired; stopping`);
      void this.stop();
      return;
    }
    if (outcome === 'gap') {
      // Kafka handed over messages past the database's offset: go back to where the rows are.
      this.consumer?.seek({ topic: batch.topic, partition: batch.partition, offset: String(this.partitions.get(key)?.nextOffset ?? 0n) });
      return;
    }
    // Recorded with the batch; sent once it committed (a send that fails leaves the record, which operators list).
    for (const poison of outcome.poisoned) await this.sendDeadLetter(batch.topic, batch.partition, poison);
    resolveOffset(batch.lastOffset());
    const progress = this.partitions.get(key);
    const highWatermark = BigInt(batch.highWatermark);
    this.partitions.set(key, {
      topic: batch.topic,
      partition: batch.partition,
      nextOffset: lastOffset + 1n,
      highWatermark: progress && progress.highWatermark > highWatermark ? progress.highWatermark : highWatermark,
    });
    this.count(outcome.applied);
    // The lag behind this batch on its own partition: another instance's partitions are not this one's to be stalled on.
    const behind = highWatermark - (lastOffset + 1n);
    this.options.health?.batchProcessed(this.groupId, Number(behind > 0n ? behind : 0n));
    await this.commits?.processed({ topic: batch.topic, partition: batch.partition, offset: String(lastOffset + 1n) }, joinedAs);
    await heartbeat();
    if (this.state === 'BUILDING') void this.swapIfCaughtUp();
  }

  /**
   * Applies the batch's events as one set: no savepoint, nothing but the rows. If that throws for a
   * reason of the events' own (not a transient database failure, which fails the batch to be
   * retried), the transaction is rolled back (BatchNeedsIsolating) and the batch tried again,
   * `isolating`: the events one by one, each under a savepoint, to find the ones that cannot be
   * applied. Those are recorded as dead letters in the batch's transaction and left out; the others
   * apply, and the offsets move on. Without dead letters, such an event fails its batch.
   */
  private async applyEvents(
    manager: EntityManager,
    topic: string,
    partition: number,
    events: ReadEvent[],
    isolating: boolean,
  ): Promise<PoisonEvent[]> {
    const tables = versionTables(this.definition, this.version);
    const deadLetters = this.options.deadLetters;
    if (!isolating) {
      try {
        await this.definition.apply(
          manager,
          events.map(({ event }) => event),
          tables,
        );
        return [];
      } catch (error) {
        if (!deadLetters || isTransientError(error)) throw error;
        throw new BatchNeedsIsolating();
      }
    }
    const poisoned: PoisonEvent[] = [];
    for (const one of events) {
      const failure = await this.underSavepoint(manager, () => this.definition.apply(manager, [one.event], tables));
      if (failure === true) continue;
      const error = describeErrorSafely(failure.error);
      const id = await deadLetters!.store.record(
        {
          topic,
          partition,
          message: one.message,
          consumer: this.groupId,
          event: { eventId: one.event.eventId, type: one.event.type },
          error,
          attempts: 1,
        },
        manager,
      );
      poisoned.push({ ...one, id, error });
    }
    return poisoned;
  }

  /** true when `work` went through; its error (rolled back to the savepoint) when it threw for a reason not transient. */
  private async underSavepoint(manager: EntityManager, work: () => Promise<void>): Promise<true | { error: unknown }> {
    await manager.query('SAVEPOINT projection_apply');
    try {
      await work();
      await manager.query('RELEASE SAVEPOINT projection_apply');
      return true;
    } catch (error) {
      if (isTransientError(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT projection_apply');
      return { error };
    }
  }

  private async sendDeadLetter(topic: string, partition: number, poison: PoisonEvent): Promise<void> {
    this.deadLettered += 1;
    const where = `offset ${poison.message.offset} of ${topic}[${partition}]`;
    try {
      if (!this.producer) {
        const producer = this.options.kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
        });
        await producer.connect();
        this.producer = producer;
      }
      await sendToDeadLetterTopic(this.producer, {
        id: poison.id,
        topic,
        partition,
        message: poison.message,
        consumerGroup: this.groupId,
        attempts: 1,
        reason: poison.error,
      });
      this.logger.error(`projection ${this.definition.name} v${this.version} dead-lettered ${where} as ${poison.id}: ${poison.error}`);
    } catch (error) {
      this.logger.error(
        `projection ${this.definition.name} v${this.version} recorded ${where} as dead letter ${poison.id} but could not send it to the dead-letter topic: ${describeErrorSafely(error)}`,
      );
    }
  }

  /** Applies a dead letter of this version (its cause fixed) and marks it REPLAYED, in one transaction. */
  private async replay(letter: StoredDeadLetter, by: string): Promise<ReplayResult> {
    const { id } = letter;
    const store = this.options.deadLetters!.store;
    const event = letter.message.value ? this.readable(letter.message.value, letter.topic, letter.partition, letter.message.offset) : null;
    try {
      if (!event) throw new Error('not a readable event: it cannot be replayed');
      await this.options.dataSource.transaction(async (manager) => {
        if (!(await store.markReplayed(manager, id, by, 'replayed'))) throw new LetterAlreadyResolved();
        await this.definition.apply(manager, [event], versionTables(this.definition, this.version));
      });
      this.logger.log(
        `dead letter ${id} (${event.type} ${event.eventId}) replayed into projection ${this.definition.name} v${this.version} by ${by}`,
      );
      return { id, result: 'REPLAYED', applied: true };
    } catch (error) {
      if (error instanceof LetterAlreadyResolved)
        return { id, result: 'ALREADY_RESOLVED', status: (await store.get(id))?.status ?? 'REPLAYED' };
      const reason = describeErrorSafely(error);
      await store.replayFailed(id, reason);
      return { id, result: 'FAILED', error: reason };
    }
  }

  /** A rebuilt version takes over once it has read everything there was when it looked (and keeps reading as current). */
  private async swapIfCaughtUp(): Promise<void> {
    if (this.swapped || this.checkingCaughtUp || Date.now() - this.lastCaughtUpCheck < 500) return;
    this.checkingCaughtUp = true;
    this.lastCaughtUpCheck = Date.now();
    try {
      await this.loadPositions();
      if (this.progress().lag > 0) return;
      const retired = await this.options.versions.swap(this.definition, this.version);
      this.swapped = true;
      this.logger.log(`projection ${this.definition.name} v${this.version} caught up and is current (v${retired ?? '-'} retired)`);
      this.options.onSwapped?.(this.definition, this.version, retired);
    } catch (error) {
      this.logger.warn(`projection ${this.definition.name} v${this.version}: swap check failed (${(error as Error).message})`);
    } finally {
      this.checkingCaughtUp = false;
      // Caught up with nothing arriving means no batch comes to check again: check on a timer until swapped.
      if (!this.swapped && this.consumer) setTimeout(() => void this.swapIfCaughtUp(), 600).unref();
    }
  }

  private count(applied: number): void {
    this.applied += applied;
    const now = Date.now();
    this.recent.push({ at: now, applied: this.applied });
    while (this.recent.length > 2 && now - this.recent[0].at > 10_000) this.recent.shift();
  }

  /** Events per second over the last ten seconds. */
  private rate(): number {
    if (this.recent.length < 2) return 0;
    const first = this.recent[0];
    const last = this.recent[this.recent.length - 1];
    const seconds = (last.at - first.at) / 1000;
    return seconds > 0 ? (last.applied - first.applied) / seconds : 0;
  }
}
