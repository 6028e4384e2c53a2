import type { Role } from './roles';

/** Who caused an event: the authenticated caller, or a service acting on its own behalf. */
export interface Actor {
  sub: string;
  role: Role | 'SYSTEM';
  org: string;
}

/**
 * The Kafka message value and the row of a service's `events` table (docs/architecture.md).
 * Personal data lives only inside `data.subject` of the events that must carry it.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  streamId: string;
  streamVersion: number;
  /** The Kafka message key: every event about one child is ordered within its topic. */
  childId: string | null;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: TData;
}

/** Kafka headers every published event carries (values are strings on the wire). */
export const EVENT_HEADERS = {
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  eventId: 'event-id',
  traceparent: 'traceparent',
} as const;

/**
 * Whether a consumer that takes only `types` may pass a message over unread, by its `event-type`
 * header: parsing it only to drop it costs more than the rest of its handling. A message without the
 * header (or with it twice) is not passed over: it is parsed, and checked, to find out. Passing over
 * by a header that lies is safe: the message is not acted on; one acted on is parsed and checked in full.
 */
export const passesOverByTypeHeader = (
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
  takes: (type: string) => boolean,
): boolean => {
  const header = headers?.[EVENT_HEADERS.eventType];
  if (header === undefined || Array.isArray(header)) return false;
  return !takes(header.toString());
};
