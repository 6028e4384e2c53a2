import type { DataSource, EntityManager } from 'typeorm';
import { APPEND_REFUSED_SQLSTATE } from './append-refusal.migration';
import { ConcurrencyError, DuplicateEventError, PersonalDataErasedError } from './errors';
import { queryPrepared, type PreparedStatement } from './prepared-statement';
import type { SubjectSealer } from './subject-sealer';
import { shiftParameters, withWritesAlongside, type AppendGuard, type WriteAlongside } from './write-alongside';
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

interface AppendRow {
  version: number;
  positions: string[] | null;
  /** With a guard: whether it changed a row (the events are written only if it did). */
  guarded?: boolean;
}

/** Every command's load and every list's read-back: prepared once per connection. */
const READ_STREAM_STATEMENT: PreparedStatement = {
  name: 'event_store_read_stream',
  text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
};

/**
 * The append, in one statement (all of it in one snapshot). The relay publishes in transaction-id
 * order, and a transaction takes its id at its first write, not at commit: if a transaction that
 * started writing after ours has already committed an event to this stream, ours would be published
 * after it though its version is lower, so the stream is `overtaken` and nothing is written (the
 * caller retries on fresh state). A writer that commits on this stream after the snapshot was taken
 * must have written the version after the one read here, so the insert meets it on the
 * (stream_id, stream_version) key: the race is lost there, never missed. pg_notify is delivered only
 * on commit, and queued only when the events were inserted.
 */
const appendWith = (guardQueries?: string) => `
  WITH ${guardQueries ? `${guardQueries}, ` : ''}stream AS (
    SELECT coalesce(max(stream_version), 0)::int AS version,
           coalesce(bool_or(transaction_id > pg_current_xact_id()), false) AS overtaken
    FROM events WHERE stream_id = $1
  ), inserted AS (
    INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, child_id,
                        correlation_id, causation_id, actor, data, traceparent, occurred_at)
    SELECT $1, stream.version + v.ordinal::int, v.event_id, v.type, v.schema_version, v.child_id,
           $2, $3, $4::jsonb, v.data, $5, v.occurred_at
    FROM stream,
         unnest($6::uuid[], $7::text[], $8::int[], $9::uuid[], $10::jsonb[], $11::timestamptz[])
           WITH ORDINALITY AS v(event_id, type, schema_version, child_id, data, occurred_at, ordinal)
    WHERE ($12::int IS NULL OR stream.version = $12::int) AND NOT stream.overtaken${guardQueries ? ` AND ${GUARD_CHANGED}` : ''}
    ORDER BY v.ordinal
    RETURNING global_position
  ), written AS (
    SELECT array_agg(global_position::text ORDER BY global_position) AS positions FROM inserted
  )`;
/** Whether the append's guard changed a row (the events are written only if it did). */
const GUARD_CHANGED = 'EXISTS (SELECT 1 FROM guard)';

/** The guard and the WITH queries it reads, as the head of the append's WITH list (numbered from $1). */
const guardQueriesOf = ({ leading, text }: AppendGuard): string => `${leading ? `${leading}, ` : ''}guard AS (${text})`;

/**
 * Its answer: the positions written and the NOTIFY queued. Nothing written is a refusal (the stream
 * was not at the expected version, or was overtaken), raised as an error in the statement
 * (AddAppendRefusal), which undoes whatever was written beside the events; except for a guarded
 * append whose guard changed nothing, which is not refused: it answers `guarded` false.
 */
const appendSelect = (guarded: boolean) => `
  SELECT stream.version, written.positions,
         CASE WHEN written.positions IS NOT NULL THEN pg_notify($13, '') IS NULL${
           guarded
             ? `
              WHEN NOT ${GUARD_CHANGED} THEN NULL`
             : ''
         }
              ELSE event_store_refuse_append($1, stream.version, stream.overtaken)
         END AS notified${guarded ? `, ${GUARD_CHANGED} AS guarded` : ''}
  FROM stream, written`;
const APPEND_VALUES = 13;
const APPEND_STATEMENT: PreparedStatement = { name: 'event-store-append', text: appendWith() + appendSelect(false) };

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
    /** Writes that commit with these events, made in the append's own statement (WriteAlongside). */
    alongside: readonly WriteAlongside[] = [],
  ): Promise<AppendResult> {
    const result = await this.appendGuarded(streamId, expectedVersion, events, context, manager, alongside, null);
    return result!;
  }

  /**
   * Appends `events` only if `guard` changes a row, in the same statement: `guard` is one UPDATE (or
   * INSERT) with a RETURNING clause (AppendGuard), such as ending a delivery that is still pending, or
   * recording a notification not recorded yet. Null when it changed none: nothing was written, the
   * events and the writes alongside included (those read `guard`'s rows or are made regardless: make
   * them read `guard`). One round trip in all, which is what a record of an outcome costs that used to
   * take a transaction of its own (begin, update, append, commit).
   */
  async appendIfGuardChanges(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    guard: AppendGuard,
    manager?: EntityManager,
    alongside: readonly WriteAlongside[] = [],
  ): Promise<AppendResult | null> {
    return this.appendGuarded(streamId, expectedVersion, events, context, manager, alongside, guard);
  }

  private async appendGuarded(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    manager: EntityManager | undefined,
    alongside: readonly WriteAlongside[],
    guard: AppendGuard | null,
  ): Promise<AppendResult | null> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const sealed = await this.subjects.seal(streamId, events);
    // One statement, atomic by itself: a refusal is an error that undoes it all, so it needs no transaction of its own.
    const result = await this.appendWithin(
      manager ?? this.dataSource.manager,
      streamId,
      expectedVersion,
      sealed,
      context,
      alongside,
      guard,
    );
    // Written: committed here, or in the caller's transaction (counted even if that rolls back later, which is rare).
    if (result) this.onAppended(events.map((event) => event.type));
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
    const rows = await queryPrepared<EventRow>(manager, READ_STREAM_STATEMENT, [streamId]);
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

  /**
   * One statement, one round trip: reads the stream's version, checks it against the expected one,
   * checks the stream was not overtaken, inserts the events on it, queues the notification and makes
   * the writes alongside. Each check that fails leaves the insert and the notification undone; the
   * caller's transaction then rolls back on the error thrown here, with the writes alongside.
   */
  private async appendWithin(
    manager: EntityManager,
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: NewEvent[],
    context: AppendContext,
    alongside: readonly WriteAlongside[],
    guard: AppendGuard | null,
  ): Promise<AppendResult | null> {
    const { statement, values } =
      alongside.length === 0 && guard === null
        ? { statement: APPEND_STATEMENT, values: [] }
        : withWritesAlongside(
            appendWith(guard ? shiftParameters(guardQueriesOf(guard), APPEND_VALUES) : undefined),
            appendSelect(guard !== null),
            APPEND_VALUES + (guard?.values.length ?? 0),
            alongside,
            guard ? 'event-store-guarded-append' : 'event-store-append',
          );
    let row: AppendRow;
    try {
      [row] = await queryPrepared<AppendRow>(manager, statement, [
        streamId,
        context.correlationId,
        context.causationId,
        JSON.stringify(context.actor),
        context.traceparent ?? null,
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => event.schemaVersion),
        events.map((event) => event.childId),
        events.map((event) => JSON.stringify(event.data)),
        events.map((event) => event.occurredAt.toISOString()),
        expectedVersion === 'any' ? null : expectedVersion,
        EVENTS_APPENDED_CHANNEL,
        ...(guard?.values ?? []),
        ...values,
      ]);
    } catch (error) {
      throw this.translateRefusal(error, streamId, expectedVersion, events);
    }
    const { version: currentVersion, positions, guarded } = row;
    if (guarded === false) return null;
    // Nothing written is a refusal, raised in the statement (appendSelect): positions are there.
    return { nextExpectedVersion: currentVersion + events.length, globalPositions: positions! };
  }

  /** A refused append's error as the store's own: ConcurrencyError (a stale version, overtaken, a racing writer) or DuplicateEventError. */
  private translateRefusal(error: unknown, streamId: string, expectedVersion: ExpectedVersion, events: NewEvent[]): unknown {
    type PgError = { code?: string; constraint?: string; detail?: string };
    const pgError = error as PgError & { driverError?: PgError };
    const code = pgError.code ?? pgError.driverError?.code;
    const constraint = pgError.constraint ?? pgError.driverError?.constraint;
    const detail = pgError.detail ?? pgError.driverError?.detail;
    if (code === APPEND_REFUSED_SQLSTATE) {
      const { version, overtaken } = JSON.parse(detail ?? '{}') as { version: number; overtaken: boolean };
      if (expectedVersion !== 'any' && version !== expectedVersion) return new ConcurrencyError(streamId, expectedVersion, version);
      // Overtaken: a later transaction wrote after the version read; the caller retries on fresh state.
      if (overtaken) return new ConcurrencyError(streamId, version, version + events.length);
      return new Error(`append to ${streamId} wrote nothing though every check passed`);
    }
    if (code !== PG_UNIQUE_VIOLATION) return error;
    if (constraint === 'events_stream_version_unique') {
      // A racing writer committed the version this append began at (the first it inserts): the stream is there now.
      const taken = versionInKey(detail);
      const actual = taken ?? (expectedVersion === 'any' ? NaN : expectedVersion + 1);
      return new ConcurrencyError(streamId, expectedVersion === 'any' ? actual - 1 : expectedVersion, actual);
    }
    if (constraint === 'events_event_id_key') return new DuplicateEventError(events.map((event) => event.eventId));
    return error;
  }
}

/** The stream version in a unique violation's detail: `Key (stream_id, stream_version)=(case-1, 3) already exists.` */
const versionInKey = (detail: string | undefined): number | undefined => {
  const match = detail?.match(/, (\d+)\) already exists/);
  return match ? Number(match[1]) : undefined;
};
