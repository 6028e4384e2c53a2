import { z } from 'zod';
import type { EventEnvelope } from './envelope';
import { ROLES } from './roles';
import { tolerantSchemaOf } from './tolerant-reading';

const uuid = z.uuid();
const instant = z.iso.datetime({ offset: true });
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]+$/;

/**
 * The envelope as a producer writes it, nothing more; `data` is checked by the event's own schema.
 * Consumers read it tolerantly (`parseEnvelope`): a field a newer producer adds is dropped, not refused.
 */
export const eventEnvelopeSchema = z.strictObject({
  eventId: uuid.describe(
    'Unique per event, also in the `event-id` header: delivery is at least once, so a consumer skips an id it has handled.',
  ),
  type: z
    .string()
    .regex(EVENT_TYPE, 'must be an event type string such as ReferralReceived')
    .describe('The event type string (never a class name), also in the `event-type` header.'),
  schemaVersion: z
    .number()
    .int()
    .min(1)
    .describe("The version of the data's shape, also in the `schema-version` header; older versions are upcast on read."),
  occurredAt: instant.describe('When it happened, as the caller said.'),
  recordedAt: instant.describe('When the producing service stored it (the Kafka record timestamp).'),
  streamId: z.string().min(1).max(200).describe('The record it belongs to (a referral, a case, an episode, a notification).'),
  streamVersion: z.number().int().min(1).describe("The event's position in its stream, from 1."),
  childId: uuid
    .nullable()
    .describe('The child it is about: the Kafka message key, so every event about one child is ordered within its topic.'),
  correlationId: uuid.describe('Shared by every event one request or one chain of reactions caused.'),
  causationId: uuid.nullable().describe('The event that caused this one, if a reaction wrote it.'),
  actor: z
    .strictObject({
      sub: z.string().min(1).max(200),
      role: z.enum([...ROLES, 'SYSTEM']),
      org: z.string().min(1).max(50),
    })
    .describe('Who caused it: the signed-in caller (their subject, role and organisation), or SYSTEM for a service acting on its own.'),
  data: z.record(z.string(), z.unknown()).describe("The event's data; personal data only inside `data.subject`, sealed per child."),
});

export class InvalidEnvelopeError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid event envelope: ${problems.join('; ')}`);
    this.name = 'InvalidEnvelopeError';
  }
}

/** What every consumer requires of an envelope: the fields above, checked as strictly; any others dropped. */
const tolerantEnvelopeSchema = tolerantSchemaOf(eventEnvelopeSchema);

/**
 * Parses a Kafka message value into an envelope as this code knows it, naming every problem (never
 * echoing values: they may be personal). Fields it does not know are left out of the result, so
 * nothing a newer producer adds (personal data outside `data.subject` included) is kept or acted on.
 */
export const parseEnvelope = (raw: Buffer | string | null): EventEnvelope => {
  if (raw === null) throw new InvalidEnvelopeError(['message value is empty']);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new InvalidEnvelopeError(['message value is not JSON']);
  }
  const wellFormed = asWellFormedEnvelope(json);
  if (wellFormed) return wellFormed;
  const result = tolerantEnvelopeSchema.safeParse(json);
  if (!result.success) {
    throw new InvalidEnvelopeError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return result.data as EventEnvelope;
};

/**
 * Every consumer parses every message's envelope, a rebuild millions of them, and zod's general
 * walk cost about a twentieth of a rebuild's CPU. So the usual case, an envelope that is exactly right,
 * is checked here by hand first, with the schema's own patterns, and copied field by field (what the
 * tolerant schema keeps). Anything this doubts goes to the schema, which decides and names the
 * problems: this may be stricter than the schema, never laxer (a unit spec holds the two together).
 */
export const asWellFormedEnvelope = (json: unknown): EventEnvelope | null => {
  if (!isPlainRecord(json) || !isPlainRecord(json.actor)) return null;
  const { actor } = json;
  // What the tolerant schema keeps, copied first (each property read once), then checked.
  const envelope = {
    eventId: json.eventId,
    type: json.type,
    schemaVersion: json.schemaVersion,
    occurredAt: json.occurredAt,
    recordedAt: json.recordedAt,
    streamId: json.streamId,
    streamVersion: json.streamVersion,
    childId: json.childId,
    correlationId: json.correlationId,
    causationId: json.causationId,
    actor: { sub: actor.sub, role: actor.role, org: actor.org },
    data: json.data,
  };
  return isWellFormed(envelope) ? (envelope as EventEnvelope) : null;
};

const isWellFormed = (envelope: Record<string, unknown> & { actor: Record<string, unknown> }): boolean => {
  const { eventId, type, schemaVersion, occurredAt, recordedAt, streamId, streamVersion, childId, correlationId, causationId, data } =
    envelope;
  const { sub, role, org } = envelope.actor;
  return (
    isUuid(eventId) &&
    isUuid(correlationId) &&
    (childId === null || isUuid(childId)) &&
    (causationId === null || isUuid(causationId)) &&
    typeof type === 'string' &&
    EVENT_TYPE.test(type) &&
    isCountFromOne(schemaVersion) &&
    isCountFromOne(streamVersion) &&
    isInstant(occurredAt) &&
    isInstant(recordedAt) &&
    isText(streamId, 200) &&
    isText(sub, 200) &&
    isText(org, 50) &&
    typeof role === 'string' &&
    ACTOR_ROLES.has(role) &&
    // The tolerant reader copies `data` without an own "__proto__" key (JSON.parse makes one): that rare case is the schema's.
    isPlainRecord(data) &&
    !Object.hasOwn(data, '__proto__')
  );
};

const shape = eventEnvelopeSchema.shape;
const patternOf = (schema: z.ZodType): RegExp => (schema._zod.def as unknown as { pattern: RegExp }).pattern;
const UUID = patternOf(uuid);
const INSTANT = patternOf(instant);
const ACTOR_ROLES = new Set<string>(shape.actor.shape.role.options);

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isInstant = (value: unknown): value is string => typeof value === 'string' && INSTANT.test(value);
/** Counted in UTF-16 units, never fewer than zod's code points: a text this refuses near its limit goes to the schema. */
const isText = (value: unknown, maxLength: number): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= maxLength;
const isCountFromOne = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
/** An object as JSON.parse makes one (the schema takes a few more: it decides those). */
const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
