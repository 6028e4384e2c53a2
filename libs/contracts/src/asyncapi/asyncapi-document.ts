import type { ServiceName } from '../service-consumption';

/** The parts of AsyncAPI 3.0.0 this catalogue uses (https://www.asyncapi.com/docs/reference/specification/v3.0.0). */
export type JsonSchema = Record<string, unknown>;

export interface Reference {
  $ref: string;
}

/** Payloads are JSON Schema draft 2020-12 (what z.toJSONSchema writes), named as such: AsyncAPI's own default is draft-07. */
export const PAYLOAD_SCHEMA_FORMAT = 'application/schema+json;version=draft-2020-12';
export const KAFKA_BINDING_VERSION = '0.5.0';

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary: string;
  description?: string;
  contentType: 'application/json';
  headers: JsonSchema;
  payload: { schemaFormat: typeof PAYLOAD_SCHEMA_FORMAT; schema: JsonSchema };
  bindings: { kafka: { key: JsonSchema; bindingVersion: string } };
  'x-event-type': string;
  'x-schema-version': number;
  /** False for an older version: no longer written, still on the log, upcast on read. */
  'x-current': boolean;
}

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  messages: Record<string, Reference>;
  servers: Reference[];
  bindings: { kafka: { topic: string; partitions: number; topicConfiguration: Record<string, number>; bindingVersion: string } };
  'x-holds': 'events' | 'dead-letters';
}

export interface AsyncApiOperation {
  action: 'send' | 'receive';
  title: string;
  description: string;
  channel: Reference;
  messages: Reference[];
  bindings?: { kafka: { groupId: JsonSchema; bindingVersion: string } };
  'x-service': ServiceName;
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: 'application/json';
  servers: Record<string, JsonSchema>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, AsyncApiMessage>; securitySchemes: Record<string, JsonSchema> };
}

export const refTo = (...path: string[]): Reference => ({ $ref: `#/${path.map(escapePointer).join('/')}` });

/** The last part of a local reference (`#/components/messages/ReferralReceived.v2` -> `ReferralReceived.v2`). */
export const idOf = (reference: Reference): string => unescapePointer(reference.$ref.split('/').at(-1) ?? '');

// JSON Pointer (RFC 6901): `~` and `/` in a name are escaped.
const escapePointer = (part: string): string => part.replaceAll('~', '~0').replaceAll('/', '~1');
const unescapePointer = (part: string): string => part.replaceAll('~1', '/').replaceAll('~0', '~');
