import type { Actor, EventEnvelope } from '@csc/contracts';

/** What a command handler hands to the store: the domain's event plus who, why and when. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  occurredAt: Date;
  childId: string | null;
  data: TData;
}

/** Correlation and causation shared by every event a single command or reaction appends. */
export interface AppendContext {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent?: string;
}

/** A stored event: the envelope plus its place in the global log. */
export interface StoredEvent<TType extends string = string, TData = unknown> extends EventEnvelope<TType, TData> {
  globalPosition: string;
  transactionId: string;
  traceparent: string | null;
  /** Set when the event's subject could not be opened because the child was erased (its subject is then null). */
  subjectErased?: true;
}

export interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  child_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  actor: Actor;
  data: unknown;
  traceparent: string | null;
  occurred_at: Date;
  recorded_at: Date;
  transaction_id: string;
}

export const EVENT_COLUMNS = `global_position, stream_id, stream_version, event_id, type, schema_version, child_id,
  correlation_id, causation_id, actor, data, traceparent, occurred_at, recorded_at, transaction_id::text AS transaction_id`;

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  occurredAt: row.occurred_at.toISOString(),
  recordedAt: row.recorded_at.toISOString(),
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  childId: row.child_id,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  actor: row.actor,
  data: row.data,
  globalPosition: String(row.global_position),
  transactionId: row.transaction_id,
  traceparent: row.traceparent,
});

/** The envelope as it goes on the wire: the stored event without its log bookkeeping. */
export const toEnvelope = ({
  globalPosition: _p,
  transactionId: _t,
  traceparent: _tp,
  subjectErased: _e,
  ...envelope
}: StoredEvent): EventEnvelope => envelope;
