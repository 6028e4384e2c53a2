import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared, type PreparedStatement } from '@csc/event-store';
import { ParkedSequences } from './parked-sequences';

/** Asked once per consumed batch, by every consumer group: prepared once per connection. */
const PARKED_AMONG_STATEMENT: PreparedStatement = {
  name: 'parked_sequences_among',
  text: `SELECT DISTINCT topic, sequence_key AS key FROM parked_events WHERE consumer = $1 AND sequence_key = ANY($2::text[])`,
};

/** A message as it arrived, where from: enough to retry it, or to dead-letter it byte for byte. */
export interface ArrivedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export interface ParkedEvent extends ArrivedMessage {
  id: string;
  consumer: string;
  sequenceKey: string;
  eventId: string;
  eventType: string;
  reason: string;
  parkedAt: Date;
  attempts: number;
}

interface ParkedEventRow {
  id: string;
  consumer: string;
  topic: string;
  sequence_key: string;
  event_id: string;
  event_type: string;
  kafka_partition: number;
  kafka_offset: string;
  message_key: Buffer | null;
  message_value: Buffer;
  message_headers: Record<string, string[]>;
  reason: string;
  parked_at: Date;
  attempts: number;
}

/** The head of every sequence (topic, key) of the group: the lowest id. Claimed only if nobody holds it. */
const HEADS = `
  SELECT DISTINCT ON (sequence_key, topic) id, next_attempt_at, claimed_until
  FROM parked_events WHERE consumer = $1 AND ($2::text IS NULL OR sequence_key = $2)
  ORDER BY sequence_key, topic, id`;

const UNCLAIMED = `(claimed_until IS NULL OR claimed_until < now())`;

/**
 * The `parked_events` table (parked-events.migration.ts). Claims are leases in the row: a claim is
 * one UPDATE whose condition is re-checked under the row lock, so of two instances claiming one head
 * only the first gets it, and an instance that dies lets go when its lease runs out.
 */
export class ParkedEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /** One query per batch: which of its keys have parked events in the group, on which topics. */
  async sequencesAmong(consumer: string, keys: string[]): Promise<ParkedSequences> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new ParkedSequences([], []);
    const rows = await queryPrepared<{ topic: string; key: string }>(this.dataSource.manager, PARKED_AMONG_STATEMENT, [consumer, unique]);
    return new ParkedSequences(unique, rows);
  }

  async topicsWithParked(consumer: string, key: string): Promise<string[]> {
    const rows: { topic: string }[] = await this.dataSource.query(
      `SELECT DISTINCT topic FROM parked_events WHERE consumer = $1 AND sequence_key = $2`,
      [consumer, key],
    );
    return rows.map((row) => row.topic);
  }

  /** Parks an event at the end of its sequence; a redelivered one keeps its first place. */
  async park(
    consumer: string,
    sequenceKey: string,
    event: { eventId: string; type: string },
    arrived: ArrivedMessage,
    reason: string,
  ): Promise<void> {
    const { message } = arrived;
    await this.dataSource.query(
      `INSERT INTO parked_events (consumer, topic, sequence_key, event_id, event_type, kafka_partition, kafka_offset,
         message_key, message_value, message_headers, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (consumer, event_id) DO NOTHING`,
      [
        consumer,
        arrived.topic,
        sequenceKey,
        event.eventId,
        event.type,
        arrived.partition,
        message.offset,
        message.key ?? null,
        message.value,
        JSON.stringify(encodeHeaders(message.headers)),
        reason,
      ],
    );
  }

  /**
   * Claims the heads of the group's sequences: of one key only (an event of that key was just handled,
   * so they are worth trying now), or all that are due (the sweep).
   */
  async claimHeads(consumer: string, scope: { key: string } | { due: true; limit: number }, leaseMs: number): Promise<ParkedEvent[]> {
    const key = 'key' in scope ? scope.key : null;
    const due = 'due' in scope ? `AND head.next_attempt_at <= now() ORDER BY head.next_attempt_at LIMIT ${Math.floor(scope.limit)}` : '';
    const [rows]: [ParkedEventRow[], number] = await this.dataSource.query(
      `UPDATE parked_events SET claimed_until = now() + $3 * interval '1 millisecond'
       WHERE id IN (SELECT head.id FROM (${HEADS}) head WHERE (head.claimed_until IS NULL OR head.claimed_until < now()) ${due})
         AND ${UNCLAIMED}
       RETURNING *`,
      [consumer, key, leaseMs],
    );
    return rows.map(toParkedEvent);
  }

  /** Claims the sequence's new head once the old one is gone; null when it is empty or another retrier holds it. */
  async claimNext(consumer: string, topic: string, sequenceKey: string, leaseMs: number): Promise<ParkedEvent | null> {
    const [rows]: [ParkedEventRow[], number] = await this.dataSource.query(
      `UPDATE parked_events SET claimed_until = now() + $4 * interval '1 millisecond'
       WHERE id = (SELECT id FROM parked_events WHERE consumer = $1 AND topic = $2 AND sequence_key = $3 ORDER BY id LIMIT 1)
         AND ${UNCLAIMED}
       RETURNING *`,
      [consumer, topic, sequenceKey, leaseMs],
    );
    return rows.length > 0 ? toParkedEvent(rows[0]) : null;
  }

  /** It still waits: try again at `nextAttemptAt`, and let go of the sequence. */
  async reschedule(id: string, reason: string, nextAttemptAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE parked_events SET attempts = attempts + 1, reason = $2, next_attempt_at = $3, claimed_until = NULL WHERE id = $1`,
      [id, reason, nextAttemptAt],
    );
  }

  /** Lets go of the sequence without counting a try (a transient failure: not the event's doing). */
  async release(id: string, nextAttemptAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE parked_events SET next_attempt_at = $2, claimed_until = NULL WHERE id = $1`, [id, nextAttemptAt]);
  }

  async unpark(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM parked_events WHERE id = $1`, [id]);
  }

  async count(consumer: string): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM parked_events WHERE consumer = $1`, [
      consumer,
    ]);
    return row.n;
  }

  async tableExists(): Promise<boolean> {
    const [row]: { found: boolean }[] = await this.dataSource.query(`SELECT to_regclass('parked_events') IS NOT NULL AS found`);
    return row.found;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

export const encodeHeaders = (headers: IHeaders | undefined): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, (Array.isArray(value) ? value : [value!]).map((one) => Buffer.from(one).toString('base64'))]),
  );

export const decodeHeaders = (headers: Record<string, string[]>): IHeaders =>
  Object.fromEntries(
    Object.entries(headers).map(([name, values]) => {
      const buffers = values.map((value) => Buffer.from(value, 'base64'));
      return [name, buffers.length === 1 ? buffers[0] : buffers];
    }),
  );

const toParkedEvent = (row: ParkedEventRow): ParkedEvent => ({
  id: String(row.id),
  consumer: row.consumer,
  topic: row.topic,
  partition: row.kafka_partition,
  sequenceKey: row.sequence_key,
  eventId: row.event_id,
  eventType: row.event_type,
  reason: row.reason,
  parkedAt: row.parked_at,
  attempts: row.attempts,
  message: storedMessageOf(row),
});

/** The message a parked event or a dead letter was kept as, byte for byte, to hand back to the consumer or a topic. */
export const storedMessageOf = (row: {
  message_key: Buffer | null;
  message_value: Buffer | null;
  message_headers: Record<string, string[]>;
  kafka_offset: string | number;
}): KafkaMessage =>
  ({
    key: row.message_key,
    value: row.message_value,
    headers: decodeHeaders(row.message_headers),
    offset: String(row.kafka_offset),
    timestamp: '',
    attributes: 0,
  }) as KafkaMessage;
