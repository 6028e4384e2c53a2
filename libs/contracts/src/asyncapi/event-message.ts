import { z } from 'zod';
import { EVENT_HEADERS } from '../envelope';
import { eventEnvelopeSchema } from '../envelope.validation';
import { KAFKA_BINDING_VERSION, PAYLOAD_SCHEMA_FORMAT, type AsyncApiMessage, type JsonSchema } from './asyncapi-document';
import type { EventVersion } from './event-versions-on-the-log';
import { dataSchemaAsPublished } from './sealed-personal-data';

/** A message's id in the document: one per type and version (`ReferralReceived.v2`). */
export const messageIdOf = ({ type, version }: Pick<EventVersion, 'type' | 'version'>): string => `${type}.v${version}`;

const HEADER_DESCRIPTIONS: Record<keyof typeof EVENT_HEADERS, string> = {
  eventType: 'The event type, as in the envelope: route on it without parsing the value.',
  schemaVersion: "The data's schema version, as in the envelope, as a decimal string.",
  eventId: "The event's id, as in the envelope: delivery is at least once, so skip an id already handled.",
  traceparent: 'W3C Trace Context of the write that caused the event, when it had one.',
};

/** Kafka headers are strings on the wire; every event carries the first three, traceparent when its write was traced. */
const headersOf = ({ type, version }: EventVersion): JsonSchema => ({
  type: 'object',
  properties: {
    [EVENT_HEADERS.eventType]: { type: 'string', const: type, description: HEADER_DESCRIPTIONS.eventType },
    [EVENT_HEADERS.schemaVersion]: { type: 'string', const: String(version), description: HEADER_DESCRIPTIONS.schemaVersion },
    [EVENT_HEADERS.eventId]: { type: 'string', format: 'uuid', description: HEADER_DESCRIPTIONS.eventId },
    [EVENT_HEADERS.traceparent]: { type: 'string', description: HEADER_DESCRIPTIONS.traceparent },
  },
  required: [EVENT_HEADERS.eventType, EVENT_HEADERS.schemaVersion, EVENT_HEADERS.eventId],
});

const MESSAGE_KEY: JsonSchema = {
  type: 'string',
  description:
    "The child's id (`childId`): every event about one child is ordered within its topic. An event about no known child " +
    '(an early help episode asked for directly) is keyed by its `streamId`.',
};

const envelopeOf = ({ type, version, dataSchema }: EventVersion): JsonSchema => {
  const { shape } = eventEnvelopeSchema;
  const envelope = eventEnvelopeSchema.extend({
    type: z.literal(type).describe(shape.type.description ?? ''),
    schemaVersion: z.literal(version).describe(shape.schemaVersion.description ?? ''),
    data: dataSchemaAsPublished(dataSchema).describe(shape.data.description ?? ''),
  });
  return z.toJSONSchema(envelope, { io: 'input' });
};

const descriptionOf = ({ dataSchema, current }: EventVersion): string | undefined => {
  const upcast = current
    ? undefined
    : 'An older version: no longer written, still on the topic for ever; read it as the current one (upcast).';
  return [dataSchema.description, upcast].filter(Boolean).join(' ') || undefined;
};

/** One event type at one version as AsyncAPI describes a Kafka message: envelope and data, headers, key. */
export const eventMessageOf = (event: EventVersion): AsyncApiMessage => ({
  name: event.type,
  title: `${event.type} v${event.version}`,
  summary: `${event.type}, schema version ${event.version}${event.current ? ' (current)' : ' (older, upcast on read)'}.`,
  ...(descriptionOf(event) ? { description: descriptionOf(event) } : {}),
  contentType: 'application/json',
  headers: headersOf(event),
  payload: { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: envelopeOf(event) },
  bindings: { kafka: { key: MESSAGE_KEY, bindingVersion: KAFKA_BINDING_VERSION } },
  'x-event-type': event.type,
  'x-schema-version': event.version,
  'x-current': event.current,
});
