import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyError, DuplicateEventError, PersonalDataErasedError } from './errors';
import type { SubjectSealer } from './subject-sealer';
import { EVENT_COLUMNS, toStoredEvent, type AppendContext, type EventRow, type NewEvent, type StoredEvent } from './stored-event';

/** The version of a stream that does not exist yet. */
export const NO_STREAM = 0;
export type ExpectedVersion = number | 'any';

/** Woken after each committing append (NOTIFY is delivered only on commit), so the relay publishes at once. */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';

export interface AppendResult {
  /** The stream's version after this append: what the next writer must expect (and the HTTP ETag). */
  nextExpectedVersion: number;
  globalPositions: string[];
}

const PG_UNIQUE_VIOLATION = '23505';

/**
 * Appends events to streams and reads them back. Pass `manager` to append inside a transaction the
 * caller already holds (a reaction that also records its inbox entry, a read model in the same commit).
 */
export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: SubjectSealer,
    /** Told the types of the events each append wrote (the platform counts them for /metrics). */
    private readonly onAppended: (types: string[]) => void = () => undefined,
  ) {}

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    manager?: EntityManager,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const sealed = await this.subjects.seal(streamId, events);
    const within = (m: EntityManager) => this.appendWithin(m, streamId, expectedVersion, sealed, context);
    const result = await (manager ? within(manager) : this.dataSource.transaction(within));
    // Written: committed here, or in the caller's transaction (counted even if that rolls back later, which is rare).
    this.onAppended(events.map((event) => event.type));
    return result;
  }

  /**
   * The stream's events, subjects opened. A stream whose child was erased is refused
   * (PersonalDataErasedError) unless the caller asks for it as it remains: subjects null.
   */
  async readStream(
    streamId: string,
    manager: EntityManager = this.dataSource.manager,
    { erased }: { erased: 'refuse' | 'include' } = { erased: 'refuse' },
  ): Promise<StoredEvent[]> {
    const rows: EventRow[] = await manager.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
      streamId,
    ]);
    const events = await this.subjects.open(rows.map(toStoredEvent));
    if (erased === 'refuse' && events.some((event) => event.subjectErased)) throw new PersonalDataErasedError(`stream ${streamId}`);
    return events;
  }

  async streamVersion(streamId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`, [
      streamId,
    ]);
    return row.version;
  }

  private async appendWithin(
    manager: EntityManager,
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
  ): Promise<AppendResult> {
    const currentVersion = await this.streamVersion(streamId, manager);
    if (expectedVersion !== 'any' && currentVersion !== expectedVersion) {
      throw new ConcurrencyError(streamId, expectedVersion, currentVersion);
    }
    let rows: { global_position: string }[];
    try {
      // A racing writer that read the same version loses on the (stream_id, stream_version) key.
      rows = await manager.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, child_id,
                             correlation_id, causation_id, actor, data, traceparent, occurred_at)
         SELECT $1, v.stream_version, v.event_id, v.type, v.schema_version, v.child_id,
                $2, $3, $4::jsonb, v.data, $5, v.occurred_at
         FROM unnest($6::int[], $7::uuid[], $8::text[], $9::int[], $10::uuid[], $11::jsonb[], $12::timestamptz[])
              AS v(stream_version, event_id, type, schema_version, child_id, data, occurred_at)
         ORDER BY v.stream_version
         RETURNING global_position`,
        [
          streamId,
          context.correlationId,
          context.causationId,
          JSON.stringify(context.actor),
          context.traceparent ?? null,
          events.map((_, index) => currentVersion + index + 1),
          events.map((event) => event.eventId),
          events.map((event) => event.type),
          events.map((event) => event.schemaVersion),
          events.map((event) => event.childId),
          events.map((event) => JSON.stringify(event.data)),
          events.map((event) => event.occurredAt.toISOString()),
        ],
      );
    } catch (error) {
      throw this.translateUniqueViolation(error, streamId, expectedVersion, currentVersion, events);
    }
    // The relay publishes in transaction-id order, and a transaction takes its id at its first write,
    // not at commit. If a transaction that started writing after ours has already committed an event
    // to this stream, ours would be published after it though its version is lower: refuse, and let
    // the caller retry on fresh state.
    // One round trip: the check, and the notification (discarded with the transaction if the check fails).
    const [{ overtaken, version }] = await manager.query(
      `SELECT bool_or(transaction_id > pg_current_xact_id()) AS overtaken, max(stream_version)::int AS version, pg_notify($2, '') IS NULL AS notified
       FROM events WHERE stream_id = $1`,
      [streamId, EVENTS_APPENDED_CHANNEL],
    );
    if (overtaken) throw new ConcurrencyError(streamId, currentVersion, version);
    return {
      nextExpectedVersion: currentVersion + events.length,
      globalPositions: rows.map((row) => String(row.global_position)),
    };
  }

  private translateUniqueViolation(
    error: unknown,
    streamId: string,
    expectedVersion: ExpectedVersion,
    currentVersion: number,
    events: NewEvent[],
  ): unknown {
    const pgError = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
    const code = pgError.code ?? pgError.driverError?.code;
    const constraint = pgError.constraint ?? pgError.driverError?.constraint;
    if (code !== PG_UNIQUE_VIOLATION) return error;
    if (constraint === 'events_stream_version_unique') {
      const expected = expectedVersion === 'any' ? currentVersion : expectedVersion;
      return new ConcurrencyError(streamId, expected, currentVersion + 1);
    }
    if (constraint === 'events_event_id_key') return new DuplicateEventError(events.map((event) => event.eventId));
    return error;
  }
}
