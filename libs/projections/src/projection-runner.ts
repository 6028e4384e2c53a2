import { Logger } from '@nestjs/common';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_CONSUMER_SESSION,
  describeErrorSafely,
  keepConnecting,
  type ConsumerHealth,
  type ConsumerSessionSettings,
} from '@csc/messaging';
import { assertFromOwningTopic, EVENT_HEADERS, parseEnvelope, readSealedEvent, type EventEnvelope } from '@csc/contracts';
import { versionTables, type ProjectionDefinition } from './projection';
import { ProjectionOffsets, type ProjectionVersion } from './projection-offsets';
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
}

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
  /** Readiness: the version's consumer group until it has joined. */
  health?: ConsumerHealth;
  /** Called by a BUILDING version once it has caught up and become current. */
  onSwapped?: (definition: ProjectionDefinition, version: number, retired: number | null) => void;
}

/**
 * Reads a projection version's topics in batches and applies each batch, with its offsets, in one
 * transaction: a crash can neither apply a batch twice nor lose one. The offsets in PostgreSQL
 * are the truth; Kafka's group commits only save re-reading. A partition is always resumed from
 * the database's offset, and a batch that starts past it (a gap) is never applied.
 */
export class ProjectionRunner {
  private readonly logger = new Logger(ProjectionRunner.name);
  private consumer: Consumer | null = null;
  private admin: Admin | null = null;
  private readonly partitions = new Map<string, PartitionProgress>();
  private applied = 0;
  private readonly recent: { at: number; applied: number }[] = [];
  private swapped = false;
  private readonly offsets = new ProjectionOffsets();
  private checkingCaughtUp = false;
  private lastCaughtUpCheck = 0;
  private readonly stopped = new AbortController();
  /** Settles true once the consumer runs, false if stopped first. */
  private connected: Promise<boolean> = Promise.resolve(false);

  constructor(
    readonly definition: ProjectionDefinition,
    readonly version: number,
    readonly state: 'CURRENT' | 'BUILDING',
    private readonly options: RunnerOptions,
  ) {}

  private get id(): ProjectionVersion {
    return { projection: this.definition.name, version: this.version };
  }

  /** Whether the projection reads a message, by its type header (a message without one is parsed, to be safe). */
  private reads(typeHeader: Buffer | string | (Buffer | string)[] | undefined): boolean {
    if (typeHeader === undefined || Array.isArray(typeHeader)) return true;
    return this.definition.eventTypes.includes(typeHeader.toString());
  }

  /**
   * An event as the projection may read it, or null to pass it over. Every event is read as the code
   * knows it: envelope and data read tolerantly (fields a newer producer added are dropped, required
   * ones checked), older versions upcast, so a projection's `apply` sees one shape per type however old
   * the log, and a rebuild gives what a live build gave. An event that cannot be read that way (malformed,
   * a newer version that is not additive), or that comes from a topic that does not own its type (the
   * reactions' check, assertFromOwningTopic), is passed over with a warning rather than dead-lettered:
   * a projection has no dead-letter path, and a rebuild reads history again from offset 0, so it would
   * park the same event at every rebuild (the reactions park it once). Its offset advances with the batch.
   */
  private readable(value: Buffer, topic: string, partition: number, offset: string): EventEnvelope | null {
    try {
      const envelope = parseEnvelope(value);
      assertFromOwningTopic(envelope.type, topic, this.options.topicSuffix);
      return readSealedEvent(envelope);
    } catch (error) {
      this.logger.warn(
        `projection ${this.definition.name} v${this.version} passed over offset ${offset} of ${topic}[${partition}]: ${(error as Error).message}`,
      );
      return null;
    }
  }

  private get topics(): string[] {
    return this.definition.topics.map((topic) => `${topic}${this.options.topicSuffix}`);
  }

  private get groupId(): string {
    return `${this.options.serviceName}.${this.definition.name}.v${this.version}${this.options.topicSuffix}`;
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
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 250,
      ...(this.options.session ?? DEFAULT_CONSUMER_SESSION),
    });
    this.admin = admin;
    this.consumer = consumer;
    // Wherever Kafka thinks the group was, each assigned partition resumes from the database's offset.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        for (const partition of partitions) {
          const progress = this.partitions.get(`${topic}:${partition}`);
          consumer.seek({ topic, partition, offset: String(progress?.nextOffset ?? 0n) });
        }
      }
      health?.consumerStarted(groupId);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const reason = describeErrorSafely(payload.error);
      if (payload.restart) health?.consumerWaiting(groupId, `restarting after a crash: ${reason}`);
      else health?.consumerCrashed(groupId, reason);
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
          await this.loadPositions();
          await consumer.connect();
          await consumer.subscribe({ topics: this.topics, fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            // Partitions' batches overlap (one's SQL while another's fetch is decoded); each locks only its own offset row.
            partitionsConsumedConcurrently: 3,
            eachBatch: (payload) => this.applyBatch(payload),
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
    if (running && this.state === 'BUILDING') void this.swapIfCaughtUp();
    return running;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    this.options.health?.consumerStopped(this.groupId);
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    // A start still under way has ended by now (aborted); what it connected meanwhile is let go too.
    await this.connected;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
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

  /** Offsets from the database, ends of the partitions from Kafka: where each partition is and how far it has to go. */
  async loadPositions(): Promise<void> {
    const stored = await this.offsets.load(this.options.dataSource.manager, this.id);
    for (const topic of this.topics) {
      for (const { partition, high, low } of await this.admin!.fetchTopicOffsets(topic)) {
        const row = stored.find((offset) => offset.topic === topic && offset.partition === partition);
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
  }

  private async applyBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const key = `${batch.topic}:${batch.partition}`;
    const lastOffset = BigInt(batch.lastOffset());
    const outcome = await this.options.dataSource.transaction(async (manager) => {
      const state = await this.options.versions.stateOf(manager, this.definition.name, this.version);
      if (state !== 'CURRENT' && state !== 'BUILDING') return 'retired' as const;
      const stored = await this.offsets.lockNext(manager, this.id, batch.topic, batch.partition);
      const nextOffset = BigInt(stored ?? this.partitions.get(key)?.nextOffset ?? 0n);
      if (BigInt(batch.firstOffset() ?? '0') > nextOffset) return 'gap' as const;
      const events: EventEnvelope[] = [];
      for (const message of batch.messages) {
        if (BigInt(message.offset) < nextOffset || !message.value || !this.reads(message.headers?.[EVENT_HEADERS.eventType])) continue;
        const event = this.readable(message.value, batch.topic, batch.partition, message.offset);
        if (event) events.push(event);
      }
      if (events.length > 0) await this.definition.apply(manager, events, versionTables(this.definition, this.version));
      await this.offsets.advance(manager, this.id, { topic: batch.topic, partition: batch.partition, nextOffset: String(lastOffset + 1n) });
      return events.length;
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
    resolveOffset(batch.lastOffset());
    const progress = this.partitions.get(key);
    const highWatermark = BigInt(batch.highWatermark);
    this.partitions.set(key, {
      topic: batch.topic,
      partition: batch.partition,
      nextOffset: lastOffset + 1n,
      highWatermark: progress && progress.highWatermark > highWatermark ? progress.highWatermark : highWatermark,
    });
    this.count(outcome);
    await this.consumer
      ?.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(lastOffset + 1n) }])
      .catch(() => undefined);
    await heartbeat();
    if (this.state === 'BUILDING') void this.swapIfCaughtUp();
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
