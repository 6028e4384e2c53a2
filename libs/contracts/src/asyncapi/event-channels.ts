import { owningServiceOf, SERVICE_NAMES, topicsConsumedBy } from '../service-consumption';
import { declaredTopics, deadLetterTopicOf, TOPICS, type DomainTopic } from '../topics';
import { KAFKA_BINDING_VERSION, refTo, type AsyncApiChannel } from './asyncapi-document';
import { messageIdOf } from './event-message';
import type { EventVersion } from './event-versions-on-the-log';
import { LOCAL_BROKER } from './catalogue-info';

/** A channel's id: the topic's name in TOPICS (`referralIntake`), and `referralIntakeDeadLetters` for its dead letters. */
export const channelIdOf = (topic: DomainTopic): string => Object.entries(TOPICS).find(([, name]) => name === topic)![0];
export const deadLettersChannelIdOf = (topic: DomainTopic): string => `${channelIdOf(topic)}DeadLetters`;

const declarationOf = (topic: string) => declaredTopics().find((declared) => declared.topic === topic)!;

const kafkaBindingOf = (topic: string): AsyncApiChannel['bindings'] => {
  const { partitions, config } = declarationOf(topic);
  return {
    kafka: {
      topic,
      partitions,
      topicConfiguration: Object.fromEntries(Object.entries(config).map(([name, value]) => [name, Number(value)])),
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
};

const messagesOf = (events: EventVersion[]): AsyncApiChannel['messages'] =>
  Object.fromEntries(events.map((event) => [messageIdOf(event), refTo('components', 'messages', messageIdOf(event))]));

const consumersOf = (topic: DomainTopic): string[] => SERVICE_NAMES.filter((service) => topicsConsumedBy(service).includes(topic));

const domainChannelOf = (topic: DomainTopic, events: EventVersion[]): AsyncApiChannel => ({
  address: topic,
  title: `${owningServiceOf(topic)} events`,
  description:
    `Written only by ${owningServiceOf(topic)} (the broker's ACLs let no other principal write it); read by ${consumersOf(topic).join(', ')}. ` +
    `Keyed by child id, so every event about one child is in order on one of its ${declarationOf(topic).partitions} partitions; ` +
    'kept for ever, so a new consumer can replay the whole history from offset 0. An event type belongs to one topic: ' +
    'an event found on another is never acted on.',
  messages: messagesOf(events),
  servers: [refTo('servers', LOCAL_BROKER)],
  bindings: kafkaBindingOf(topic),
  'x-holds': 'events',
});

const deadLettersChannelOf = (topic: DomainTopic, events: EventVersion[]): AsyncApiChannel => ({
  address: deadLetterTopicOf(topic),
  title: `${owningServiceOf(topic)} dead letters (for operators)`,
  description:
    `What a consumer of ${topic} could not handle after bounded retries, parked so its partition moves on: the record as it ` +
    'arrived, byte for byte (so it may be malformed), with its headers and `dlq-*` headers saying why and where from. ' +
    'Written by each consumer of the topic; read by operators (`npm run dlq`), not by the readers of the domain topics.',
  messages: messagesOf(events),
  servers: [refTo('servers', LOCAL_BROKER)],
  bindings: kafkaBindingOf(deadLetterTopicOf(topic)),
  'x-holds': 'dead-letters',
});

/** One channel per domain topic, and one for its dead letters, each listing the messages found on it. */
export const eventChannelsOf = (events: EventVersion[]): Record<string, AsyncApiChannel> =>
  Object.fromEntries(
    Object.values(TOPICS).flatMap((topic) => {
      const onTopic = events.filter((event) => event.topic === topic);
      return [
        [channelIdOf(topic), domainChannelOf(topic, onTopic)],
        [deadLettersChannelIdOf(topic), deadLettersChannelOf(topic, onTopic)],
      ];
    }),
  );
