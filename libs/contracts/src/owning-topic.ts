import { InvalidEnvelopeError } from './envelope.validation';
import { isEventType, topicOf, type EventType } from './event-catalogue';

/** A topic's name as the catalogue knows it: without the deployment's KAFKA_TOPIC_SUFFIX (empty in production). */
export const withoutTopicSuffix = (topic: string, topicSuffix = ''): string =>
  topicSuffix !== '' && topic.endsWith(topicSuffix) ? topic.slice(0, -topicSuffix.length) : topic;

/**
 * Whether an event was found on the topic of the service that produces it (the catalogue's
 * `topicOf`, the one source of truth). The broker's ACLs let only that service write there; a
 * consumer checks again, so that a `ReferralDecided` forged onto early help's topic, or misrouted
 * there by a bug, never opens a case.
 */
export const isFromOwningTopic = (type: EventType, topic: string, topicSuffix = ''): boolean =>
  withoutTopicSuffix(topic, topicSuffix) === topicOf(type);

/**
 * An event whose type belongs to another topic than the one it was found on. An envelope fault
 * like any other (an InvalidEnvelopeError): it will never become right, so it is parked at once.
 */
export class EventOnWrongTopicError extends InvalidEnvelopeError {
  constructor(
    readonly eventType: EventType,
    readonly topic: string,
    readonly owningTopic: string,
  ) {
    super([`${eventType} found on ${topic}, which does not own it; its owning topic is ${owningTopic}`]);
    this.name = 'EventOnWrongTopicError';
  }
}

/**
 * Throws EventOnWrongTopicError for a catalogue event found off its owning topic. Types outside the
 * catalogue (a test's own, an outside topic's) have no owner to check here.
 */
export const assertFromOwningTopic = (type: string, topic: string, topicSuffix = ''): void => {
  if (isEventType(type) && !isFromOwningTopic(type, topic, topicSuffix)) {
    throw new EventOnWrongTopicError(type, topic, `${topicOf(type)}${topicSuffix}`);
  }
};
