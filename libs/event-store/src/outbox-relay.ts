import type { Message, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { EVENT_HEADERS } from '@csc/contracts';
import { contextOfTraceparent, SpanKind, traceparentOf, tracer } from '@csc/tracing';
import { brokerProblem, resetRelayCheckpoint, type BrokerLog, type RelayCheckpointState } from './broker-log';
import { EVENTS_APPENDED_CHANNEL } from './event-store';
import { positionOf, readGlobalLogAfter, type GlobalLogPosition } from './global-log-reader';
import { queryPrepared, type PreparedStatement } from './prepared-statement';
import { toEnvelope, toStoredEvent, type EventRow, type StoredEvent } from './stored-event';
import { inTransactionOpenedBy } from './transaction-opening';
import { WakeOnNotify } from './wake-on-notify';

export interface OutboxRelayOptions {
  /** The checkpoint's name: one relay per service database and topic. */
  name: string;
  topic: string;
  /** Used only for LISTEN; the relay reads and checkpoints through the DataSource. */
  databaseUrl: string;
  batchSize?: number;
  /**
   * Kafka refuses a record batch over message.max.bytes (1 MiB by default) and kafkajs sends one
   * batch per partition; keeping a whole pass under this bound keeps every partition's share under it.
   */
  maxBatchBytes?: number;
  /** The fallback when a notification is missed (listener reconnecting, another instance's append). */
  pollIntervalMs?: number;
  /** After a pass that published, the next look when no append wakes the relay first (default 50 ms). */
  recheckAfterPublishMs?: number;
  /**
   * Woken by an append, the relay passes no sooner than this after its last pass began (default 20 ms):
   * under a steady stream of appends one pass, one produce request and one consumed batch carry
   * several events instead of one each. Idle, the first append is published at once.
   */
  minWakeIntervalMs?: number;
  maxBackoffMs?: number;
  /** After this many failed passes in a row the relay reports itself unhealthy (readiness goes down). */
  unhealthyAfterFailures?: number;
  /**
   * What the broker holds of the topic; without it the relay trusts its checkpoint blindly. The relay
   * compares it with its checkpoint (cluster id, records published) before publishing, again every
   * `brokerCheckIntervalMs`, and at every pass while halted.
   */
  inspectBroker?: (topic: string) => Promise<BrokerLog>;
  brokerCheckIntervalMs?: number;
  /**
   * When the broker is not the one the checkpoint refers to: 'halt' (the default) publishes nothing and
   * reports why until an operator runs npm run republish; 'republish' starts again from the beginning.
   */
  onNewBroker?: 'halt' | 'republish';
}

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface RelayStatus {
  running: boolean;
  /** Its producer is connected to the broker (connected at start, in the background, and again after a failed pass). */
  connected: boolean;
  healthy: boolean;
  passes: number;
  publishedSinceStart: number;
  consecutiveFailures: number;
  lastError: string | null;
  /** Why the relay publishes nothing (the broker is not the one it published to), or null. */
  halted: string | null;
}

export class CheckpointFromAnotherServerError extends Error {
  constructor(name: string, checkpoint: string, current: string) {
    super(
      `outbox relay ${name}: its checkpoint (transaction ${checkpoint}) is ahead of this server's transaction counter (${current}); ` +
        'the database was restored or moved, and resuming would skip every new event. Reset the checkpoint deliberately.',
    );
    this.name = 'CheckpointFromAnotherServerError';
  }
}

/**
 * Publishes the `events` table to Kafka in global order (docs/architecture.md: the table is the outbox).
 * Each pass, in one transaction: take the relay's advisory lock (so several instances never publish
 * at once) and read the gap-safe global log after the checkpoint, both in one round trip with the
 * transaction's BEGIN (outbox_relay_pass_start), publish with the idempotent producer (acks=all, key = child id), then
 * move the checkpoint. A crash after publishing and before the
 * checkpoint commits republishes that batch: delivery is at least once and consumers dedupe by event id.
 * When a pass fails nothing moves: the relay backs off, replaces its producer (a failed idempotent
 * send can leave its sequence numbers unusable) and tries again.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly waker: WakeOnNotify;
  private producer: Producer | null = null;
  private readonly status: RelayStatus = {
    running: false,
    connected: false,
    healthy: true,
    passes: 0,
    publishedSinceStart: 0,
    consecutiveFailures: 0,
    lastError: null,
    halted: null,
  };
  private brokerCheckedAt = 0;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly pollIntervalMs: number;
  private readonly recheckAfterPublishMs: number;
  private readonly minWakeIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly unhealthyAfterFailures: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly createProducer: () => Producer,
    private readonly options: OutboxRelayOptions,
    private readonly logger: RelayLogger,
  ) {
    // Batches only grow under a backlog; 2000 doubled throughput over 500 (bench/relay-publish-rate.ts).
    this.batchSize = options.batchSize ?? 2000;
    this.maxBatchBytes = options.maxBatchBytes ?? 900_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.recheckAfterPublishMs = options.recheckAfterPublishMs ?? 50;
    this.minWakeIntervalMs = options.minWakeIntervalMs ?? 20;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.unhealthyAfterFailures = options.unhealthyAfterFailures ?? 5;
    this.waker = new WakeOnNotify(
      { databaseUrl: options.databaseUrl, channel: EVENTS_APPENDED_CHANNEL, applicationName: `outbox-relay:${options.name}` },
      { warn: (message) => logger.warn(`outbox relay ${options.name}: ${message}`) },
    );
  }

  getStatus(): RelayStatus {
    return { ...this.status };
  }

  /**
   * Events committed and not yet published (the outbox's backlog), counted up to `cap` so that a relay
   * far behind (a broker down for a day) costs a bounded scan to report.
   */
  async backlog(cap = 100_000): Promise<number> {
    const [{ waiting }] = await this.dataSource.query(
      `SELECT count(*)::int AS waiting FROM (
         SELECT 1 FROM events, outbox_checkpoints c
         WHERE c.relay = $1 AND (events.transaction_id, events.global_position) > (c.last_transaction_id, c.last_position)
         LIMIT $2) behind`,
      [this.options.name, cap],
    );
    return waiting;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.dataSource.query(`INSERT INTO outbox_checkpoints (relay) VALUES ($1) ON CONFLICT DO NOTHING`, [this.options.name]);
    await this.refuseCheckpointFromAnotherServer();
    this.running = true;
    this.status.running = true;
    await this.waker.listen();
    this.loop = this.run();
  }

  /** Stops after the pass in progress; with `flush`, first publishes whatever is already committed. */
  async stop({ flush = false }: { flush?: boolean } = {}): Promise<void> {
    if (!this.running) return;
    this.running = false;
    // Ends any pause at once, the backoff's too.
    await this.waker.close();
    try {
      await this.loop;
      if (flush) await this.flush();
    } finally {
      this.status.running = false;
      await this.producer?.disconnect().catch(() => undefined);
      this.producer = null;
      this.status.connected = false;
    }
  }

  /** Publishes until nothing committed is left (used at shutdown and by tests). */
  async flush(): Promise<void> {
    while ((await this.relayOnce()) > 0) {
      // keep going until a pass finds nothing
    }
  }

  /** One pass; returns how many events it published (0 when another instance holds the lock). */
  async relayOnce(): Promise<number> {
    return (await this.pass()).published;
  }

  /**
   * One pass, and whether it took all it could see: a read shorter than a batch, none of it left
   * behind by the byte bound. Then the loop sleeps until the next append's NOTIFY (one heard during
   * the pass ends that sleep at once) instead of passing again only to find nothing.
   */
  private async pass(): Promise<{ published: number; drained: boolean }> {
    return inTransactionOpenedBy<PassStartRow, { published: number; drained: boolean }>(
      this.dataSource,
      { text: PASS_START, values: [this.options.name, this.batchSize] },
      async (manager, start) => {
        // No row: another instance holds the relay's lock and publishes.
        if (start.length === 0) return { published: 0, drained: true };
        let read = start.filter((row) => row.event_id !== null).map(toStoredEvent);
        let { events, messages } = this.withinByteBound(read);
        const broker = await this.brokerIsTheOnePublishedTo(manager, events.length === 0);
        if (broker === 'halt') return { published: 0, drained: true };
        if (broker === 'republish') {
          read = await readGlobalLogAfter(manager, await this.readCheckpoint(manager), this.batchSize);
          ({ events, messages } = this.withinByteBound(read));
        }
        const drained = read.length < this.batchSize && events.length === read.length;
        if (events.length === 0) return { published: 0, drained };
        await this.publish(events, messages);
        await this.saveCheckpoint(manager, positionOf(events[events.length - 1]), events.length);
        this.status.publishedSinceStart += events.length;
        return { published: events.length, drained };
      },
      // A checkpoint lost in a crash of PostgreSQL only publishes its events again: it need not wait for the disk.
      { asynchronousCommit: true },
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      let drained = true;
      const passStartedAt = Date.now();
      try {
        // Connected before the first event is due, so readiness can say the relay is; a broker that is
        // down at start is a failed pass like any other: the outbox keeps the events, the relay tries again.
        await this.connectProducer();
        ({ published, drained } = await this.pass());
        this.status.consecutiveFailures = 0;
        this.status.lastError = null;
        this.status.healthy = this.status.halted === null;
      } catch (error) {
        await this.recordFailure(error);
        continue;
      } finally {
        this.status.passes += 1;
      }
      // Every append NOTIFYs at its commit, so an event committed after this pass's read wakes the sleep.
      // Events held back behind a transaction still in flight (the gap-safe read) have had theirs already:
      // after publishing, one look soon after finds them, where a pass at once would mostly find nothing.
      if (!drained) continue;
      await this.waker.sleep(published > 0 ? Math.min(this.recheckAfterPublishMs, this.pollIntervalMs) : this.pollIntervalMs);
      await this.waker.pace(passStartedAt, this.minWakeIntervalMs);
    }
  }

  private async recordFailure(error: unknown): Promise<void> {
    this.status.consecutiveFailures += 1;
    // Kafka and PostgreSQL errors name the problem, not the events' contents.
    this.status.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.status.healthy = this.status.consecutiveFailures < this.unhealthyAfterFailures;
    const backoff = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(this.status.consecutiveFailures, 10));
    this.logger.warn(`outbox relay ${this.options.name}: pass failed (${this.status.lastError}); retrying in ${backoff} ms`);
    const failed = this.producer;
    this.producer = null;
    this.status.connected = false;
    await failed?.disconnect().catch(() => undefined);
    // Appends keep notifying while we back off; they must not cut the backoff short.
    await this.waker.sleep(backoff, { wakeable: false });
  }

  /** The longest prefix of `events` whose messages fit in one request Kafka accepts (always at least one). */
  private withinByteBound(events: StoredEvent[]): { events: StoredEvent[]; messages: Message[] } {
    let bytes = 0;
    const messages: Message[] = [];
    for (const event of events) {
      const message = toMessage(event);
      bytes += messageSize(message);
      if (messages.length > 0 && bytes > this.maxBatchBytes) break;
      messages.push(message);
    }
    return { events: events.slice(0, messages.length), messages };
  }

  /**
   * Sends the batch; each event's publish is a span in the trace of the request or reaction that wrote it
   * (its stored traceparent), and the message carries that span on to the consumers (tracing off: the
   * stored traceparent unchanged).
   */
  private async publish(events: StoredEvent[], messages: Message[]): Promise<void> {
    const producer = await this.connectProducer();
    const spans = events.map((event, index) => {
      const span = tracer().startSpan(
        `publish ${event.type}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': this.options.topic },
        },
        contextOfTraceparent(event.traceparent),
      );
      const published = span.spanContext();
      if (trace.isSpanContextValid(published)) messages[index].headers![EVENT_HEADERS.traceparent] = traceparentOf(published);
      return span;
    });
    try {
      await producer.send({ topic: this.options.topic, acks: -1, messages });
      for (const span of spans) span.setStatus({ code: SpanStatusCode.OK });
    } catch (error) {
      for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'failed' });
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async connectProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.createProducer();
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    this.status.connected = true;
    return producer;
  }

  private async readCheckpoint(manager: EntityManager): Promise<GlobalLogPosition> {
    const [row] = await queryPrepared<{ transaction_id: string; position: string }>(manager, READ_CHECKPOINT, [this.options.name]);
    return { transactionId: row.transaction_id, position: row.position };
  }

  private async saveCheckpoint(manager: EntityManager, position: GlobalLogPosition, count: number): Promise<void> {
    await queryPrepared(manager, SAVE_CHECKPOINT, [this.options.name, position.transactionId, position.position, count]);
  }

  /**
   * Whether the broker holds what the checkpoint says was published to it: 'publish', 'halt', or
   * 'republish' (the checkpoint was just reset to the beginning by the RELAY_ON_NEW_BROKER policy).
   * Checked before publishing, then every brokerCheckIntervalMs (a broker can be replaced under a
   * running relay); while halted the checkpoint is read at every pass, so that a republish (the
   * checkpoint reset) resumes publishing at once, and the broker asked again at the same interval. With nothing to publish, a broker that does not
   * answer is no failure of the relay's (the Kafka indicator reports it): it looks again next time.
   */
  private async brokerIsTheOnePublishedTo(manager: EntityManager, idle: boolean): Promise<'publish' | 'halt' | 'republish'> {
    const { inspectBroker } = this.options;
    if (!inspectBroker) return 'publish';
    const due = Date.now() - this.brokerCheckedAt >= (this.options.brokerCheckIntervalMs ?? 10_000);
    if (this.status.halted === null && !due) return 'publish';
    const checkpoint = await this.readCheckpointState(manager);
    // Nothing published yet: any broker will do, and its cluster is recorded at the first look after publishing.
    if (checkpoint.transactionId === '0') {
      this.brokerCheckedAt = 0;
      return this.resume('publish');
    }
    if (!due) return 'halt';
    let broker: BrokerLog;
    try {
      broker = await inspectBroker(this.options.topic);
    } catch (error) {
      if (!idle) throw error;
      this.brokerCheckedAt = Date.now();
      return this.status.halted === null ? 'publish' : 'halt';
    }
    this.brokerCheckedAt = Date.now();
    const problem = brokerProblem(this.options.topic, checkpoint, broker);
    if (problem === null) {
      // Recorded once (no problem with a cluster id differing means none was recorded); never over a value
      // written since it was read (npm run republish, an operator), which would hide a new broker.
      if (checkpoint.clusterId === null) {
        await manager.query(`UPDATE outbox_checkpoints SET cluster_id = $2 WHERE relay = $1 AND cluster_id IS NULL`, [
          this.options.name,
          broker.clusterId,
        ]);
      }
      return this.resume('publish');
    }
    if (this.options.onNewBroker === 'republish') {
      this.logger.warn(`outbox relay ${this.options.name}: ${problem}; RELAY_ON_NEW_BROKER=republish: republishing the whole log`);
      await resetRelayCheckpoint(manager, this.options.name, broker.clusterId);
      return this.resume('republish');
    }
    if (this.status.halted !== problem) this.logger.warn(`outbox relay ${this.options.name}: publishing nothing: ${problem}`);
    this.status.halted = problem;
    this.status.healthy = false;
    return 'halt';
  }

  private resume<T>(verdict: T): T {
    if (this.status.halted !== null) this.logger.log(`outbox relay ${this.options.name}: publishing again`);
    this.status.halted = null;
    return verdict;
  }

  private async readCheckpointState(manager: EntityManager): Promise<RelayCheckpointState> {
    const [row] = await manager.query(
      `SELECT last_transaction_id::text AS transaction_id, cluster_id, published_count::text AS published_count
       FROM outbox_checkpoints WHERE relay = $1`,
      [this.options.name],
    );
    return { transactionId: row.transaction_id, clusterId: row.cluster_id, publishedCount: BigInt(row.published_count) };
  }

  /** Transaction ids are per server: after a restore elsewhere, new ids can be lower than the checkpoint. */
  private async refuseCheckpointFromAnotherServer(): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT last_transaction_id::text AS checkpoint, pg_current_snapshot()::text AS snapshot,
              last_transaction_id > pg_snapshot_xmax(pg_current_snapshot()) AS ahead
       FROM outbox_checkpoints WHERE relay = $1`,
      [this.options.name],
    );
    if (row.ahead) throw new CheckpointFromAnotherServerError(this.options.name, row.checkpoint, row.snapshot);
  }
}

/** A row of outbox_relay_pass_start: an event (its columns null when none is waiting) with the checkpoint it was read after. */
type PassStartRow = EventRow & { checkpoint_transaction_id: string; checkpoint_position: string };

/**
 * The lock, the checkpoint and the read after it, sent with the pass's BEGIN (inTransactionOpenedBy):
 * one round trip (AddOutboxRelayPassFunction says why a function).
 */
const PASS_START = `SELECT * FROM outbox_relay_pass_start($1, $2)`;
// The rest of a pass's statements, run at every wake of every relay: parsed and planned once per connection.
const READ_CHECKPOINT: PreparedStatement = {
  name: 'outbox_relay_read_checkpoint',
  text: `SELECT last_transaction_id::text AS transaction_id, last_position::text AS position FROM outbox_checkpoints WHERE relay = $1`,
};
const SAVE_CHECKPOINT: PreparedStatement = {
  name: 'outbox_relay_save_checkpoint',
  text: `UPDATE outbox_checkpoints
    SET last_transaction_id = $2::xid8, last_position = $3, published_count = published_count + $4, updated_at = now()
    WHERE relay = $1`,
};

const toMessage = (event: StoredEvent): Message => ({
  key: event.childId ?? event.streamId,
  value: JSON.stringify(toEnvelope(event)),
  // When the event was stored: Kafka refuses timestamps far in the future, and occurredAt is the caller's to set.
  timestamp: String(Date.parse(event.recordedAt)),
  headers: {
    [EVENT_HEADERS.eventType]: event.type,
    [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
    [EVENT_HEADERS.eventId]: event.eventId,
    ...(event.traceparent ? { [EVENT_HEADERS.traceparent]: event.traceparent } : {}),
  },
});

// A record's bytes on the wire, near enough: value, key, headers and about 70 bytes of record framing.
const messageSize = (message: Message): number =>
  Buffer.byteLength(message.value as string) +
  Buffer.byteLength(String(message.key)) +
  Object.entries(message.headers ?? {}).reduce((total, [name, value]) => total + name.length + String(value).length, 0) +
  70;
