import { Client } from 'pg';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_HEADERS } from '@csc/contracts';
import { EVENTS_APPENDED_CHANNEL } from './event-store';
import { positionOf, readGlobalLogAfter, type GlobalLogPosition } from './global-log-reader';
import { toEnvelope, type StoredEvent } from './stored-event';

export interface OutboxRelayOptions {
  /** The checkpoint's name: one relay per service database and topic. */
  name: string;
  topic: string;
  /** Used only for LISTEN; the relay reads and checkpoints through the DataSource. */
  databaseUrl: string;
  batchSize?: number;
  /** The fallback when a notification is missed (listener reconnecting, another instance's append). */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
}

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface RelayStatus {
  running: boolean;
  passes: number;
  publishedSinceStart: number;
  consecutiveFailures: number;
  lastError: string | null;
}

/**
 * Publishes the `events` table to Kafka in global order (ARCHITECTURE.md: the table is the outbox).
 * Each pass, in one transaction: take the relay's advisory lock (so several instances never publish
 * at once), read the gap-safe global log after the checkpoint, publish with the idempotent producer
 * (acks=all, key = child id), then move the checkpoint. A crash after publishing and before the
 * checkpoint commits republishes that batch: delivery is at least once and consumers dedupe by event id.
 * When the broker is down the pass fails, nothing moves, and the relay retries with backoff.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private listener: Client | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private readonly status: RelayStatus = { running: false, passes: 0, publishedSinceStart: 0, consecutiveFailures: 0, lastError: null };
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions,
    private readonly logger: RelayLogger,
  ) {
    // Batches only grow under a backlog; 2000 doubled throughput over 500 (bench/relay-publish-rate.ts).
    this.batchSize = options.batchSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  getStatus(): RelayStatus {
    return { ...this.status };
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.dataSource.query(`INSERT INTO outbox_checkpoints (relay) VALUES ($1) ON CONFLICT DO NOTHING`, [this.options.name]);
    this.running = true;
    this.status.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops after the pass in progress; with `flush`, first publishes whatever is already committed. */
  async stop({ flush = false }: { flush?: boolean } = {}): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    if (flush) await this.flush();
    this.status.running = false;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Publishes until nothing committed is left (used at shutdown and by tests). */
  async flush(): Promise<void> {
    while ((await this.relayOnce()) === this.batchSize) {
      // a full batch means there may be more
    }
  }

  /** One pass; returns how many events it published (0 when another instance holds the lock). */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay:' || $1)) AS locked`, [
        this.options.name,
      ]);
      if (!locked) return 0;
      const checkpoint = await this.readCheckpoint(manager);
      const events = await readGlobalLogAfter(manager, checkpoint, this.batchSize);
      if (events.length === 0) return 0;
      await this.publish(events);
      await this.saveCheckpoint(manager, positionOf(events[events.length - 1]), events.length);
      this.status.publishedSinceStart += events.length;
      return events.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.relayOnce();
        this.status.consecutiveFailures = 0;
        this.status.lastError = null;
      } catch (error) {
        this.status.consecutiveFailures += 1;
        this.status.lastError = error instanceof Error ? error.message : String(error);
        const backoff = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(this.status.consecutiveFailures, 10));
        this.logger.warn(`outbox relay ${this.options.name}: pass failed (${this.status.lastError}); retrying in ${backoff} ms`);
        await this.pause(backoff);
        continue;
      } finally {
        this.status.passes += 1;
      }
      if (published < this.batchSize) await this.pause(this.pollIntervalMs);
    }
  }

  private async publish(events: StoredEvent[]): Promise<void> {
    await this.producer.send({
      topic: this.options.topic,
      acks: -1,
      messages: events.map((event) => ({
        key: event.childId ?? event.streamId,
        value: JSON.stringify(toEnvelope(event)),
        timestamp: String(Date.parse(event.occurredAt)),
        headers: {
          [EVENT_HEADERS.eventType]: event.type,
          [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
          [EVENT_HEADERS.eventId]: event.eventId,
          ...(event.traceparent ? { [EVENT_HEADERS.traceparent]: event.traceparent } : {}),
        },
      })),
    });
  }

  private async readCheckpoint(manager: EntityManager): Promise<GlobalLogPosition> {
    const [row] = await manager.query(
      `SELECT last_transaction_id::text AS transaction_id, last_position::text AS position FROM outbox_checkpoints WHERE relay = $1`,
      [this.options.name],
    );
    return { transactionId: row.transaction_id, position: row.position };
  }

  private async saveCheckpoint(manager: EntityManager, position: GlobalLogPosition, count: number): Promise<void> {
    await manager.query(
      `UPDATE outbox_checkpoints
       SET last_transaction_id = $2::xid8, last_position = $3, published_count = published_count + $4, updated_at = now()
       WHERE relay = $1`,
      [this.options.name, position.transactionId, position.position, count],
    );
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `outbox-relay:${this.options.name}` });
    client.on('notification', () => this.wake());
    // Polling carries on if the listener drops; the next pause reconnects it.
    client.on('error', () => {
      if (this.listener === client) this.listener = null;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_APPENDED_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.logger.warn(`outbox relay ${this.options.name}: cannot LISTEN (${(error as Error).message}); polling only`);
    }
  }

  private wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async pause(ms: number): Promise<void> {
    if (this.running && !this.listener) await this.listen();
    if (this.pendingWake || !this.running) {
      this.pendingWake = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = null;
    this.pendingWake = false;
  }
}
