import { assertFromOwningTopic, parseEnvelope, readSealedEvent, type EventEnvelope } from '@csc/contracts';

/**
 * A message's event as a projection reads it: the envelope and its data read tolerantly (fields a newer
 * producer added dropped, required ones checked), an older version upcast, and its topic checked to be
 * the one that owns its type. Throws when it cannot be read so; ProjectionRunner passes such a message
 * over (its `readable` says why). The replay bench's read cost (bench/read-cost.ts) times this too.
 */
export const eventAsProjectionsRead = (value: Buffer, topic: string, topicSuffix: string): EventEnvelope => {
  const envelope = parseEnvelope(value);
  assertFromOwningTopic(envelope.type, topic, topicSuffix);
  return readSealedEvent(envelope);
};
