import type { DataSource, EntityManager } from 'typeorm';
import { encodeHeaders, storedMessageOf, type ArrivedMessage } from './parked-event-store';

export type DeadLetterStatus = 'PARKED' | 'REPLAYED' | 'DISCARDED';

/** A dead letter as operators see it: ids, types and where it came from (never the payload). */
export interface DeadLetterSummary {
  id: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  eventType: string | null;
  error: string;
  attempts: number;
  deadLetteredAt: Date;
  status: DeadLetterStatus;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
  lastReplayError: string | null;
  lastReplayAt: Date | null;
}

export interface StoredDeadLetter extends DeadLetterSummary, ArrivedMessage {}

interface DeadLetterRow {
  id: string;
  consumer: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
  event_id: string | null;
  event_type: string | null;
  message_key: Buffer | null;
  message_value: Buffer | null;
  message_headers: Record<string, string[]>;
  error: string;
  attempts: number;
  dead_lettered_at: Date;
  status: DeadLetterStatus;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
  last_replay_error: string | null;
  last_replay_at: Date | null;
}

export interface NewDeadLetter extends ArrivedMessage {
  consumer: string;
  event: { eventId: string; type: string } | null;
  error: string;
  attempts: number;
}

/** The `dead_letters` table (dead-letters.migration.ts). */
export class DeadLetterStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a dead letter before it is sent; one sent again (a crash in between) keeps its first record and id. */
  async record(letter: NewDeadLetter, manager?: EntityManager): Promise<string> {
    const { message } = letter;
    const [row]: { id: string }[] = await (manager ?? this.dataSource.manager).query(
      `INSERT INTO dead_letters (consumer, topic, kafka_partition, kafka_offset, event_id, event_type,
         message_key, message_value, message_headers, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (consumer, topic, kafka_partition, kafka_offset)
         DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts
       RETURNING id`,
      [
        letter.consumer,
        letter.topic,
        letter.partition,
        message.offset,
        letter.event?.eventId ?? null,
        letter.event?.type ?? null,
        message.key ?? null,
        message.value ?? null,
        JSON.stringify(encodeHeaders(message.headers)),
        letter.error,
        letter.attempts,
      ],
    );
    return row.id;
  }

  /** Oldest first; `status` null lists every letter. */
  async list(filter: { status: DeadLetterStatus | null; consumer?: string; limit: number }): Promise<DeadLetterSummary[]> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT * FROM dead_letters WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR consumer = $2)
       ORDER BY dead_lettered_at, id LIMIT $3`,
      [filter.status, filter.consumer ?? null, filter.limit],
    );
    return rows.map((row) => summaryOf(row));
  }

  async get(id: string): Promise<StoredDeadLetter | null> {
    const rows: DeadLetterRow[] = await this.dataSource.query(`SELECT * FROM dead_letters WHERE id = $1`, [id]);
    return rows.length > 0 ? toStored(rows[0]) : null;
  }

  /** In the replay's own transaction: REPLAYED exactly when the reaction's writes commit. */
  async markReplayed(manager: EntityManager, id: string, by: string, note: string): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE dead_letters SET status = 'REPLAYED', resolved_by = $2, resolved_at = now(), resolution_note = $3
       WHERE id = $1 AND status = 'PARKED'`,
      [id, by, note],
    );
    return count === 1;
  }

  async replayFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE dead_letters SET last_replay_error = $2, last_replay_at = now() WHERE id = $1`, [id, error]);
  }

  async discard(id: string, by: string, reason: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE dead_letters SET status = 'DISCARDED', resolved_by = $2, resolved_at = now(), resolution_note = $3
       WHERE id = $1 AND status = 'PARKED'`,
      [id, by, reason],
    );
    return count === 1;
  }

  async countParked(): Promise<Record<string, number>> {
    const rows: { consumer: string; n: number }[] = await this.dataSource.query(
      `SELECT consumer, count(*)::int AS n FROM dead_letters WHERE status = 'PARKED' GROUP BY consumer`,
    );
    return Object.fromEntries(rows.map((row) => [row.consumer, row.n]));
  }

  async tableExists(): Promise<boolean> {
    const [row]: { found: boolean }[] = await this.dataSource.query(`SELECT to_regclass('dead_letters') IS NOT NULL AS found`);
    return row.found;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

const summaryOf = (row: DeadLetterRow): DeadLetterSummary => ({
  id: row.id,
  consumer: row.consumer,
  topic: row.topic,
  partition: row.kafka_partition,
  offset: String(row.kafka_offset),
  eventId: row.event_id,
  eventType: row.event_type,
  error: row.error,
  attempts: row.attempts,
  deadLetteredAt: row.dead_lettered_at,
  status: row.status,
  resolvedBy: row.resolved_by,
  resolvedAt: row.resolved_at,
  resolutionNote: row.resolution_note,
  lastReplayError: row.last_replay_error,
  lastReplayAt: row.last_replay_at,
});

const toStored = (row: DeadLetterRow): StoredDeadLetter => ({
  ...summaryOf(row),
  message: storedMessageOf(row),
});
