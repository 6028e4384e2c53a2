import { ownTopicOf, topicsConsumedBy, type ServiceName } from '../service-consumption';
import { idOf, type AsyncApiDocument } from './asyncapi-document';
import { channelIdOf, deadLettersChannelIdOf } from './event-channels';

const pick = <T>(entries: Record<string, T>, keep: (id: string, value: T) => boolean): Record<string, T> =>
  Object.fromEntries(Object.entries(entries).filter(([id, value]) => keep(id, value)));

/**
 * The part of the catalogue a service answers for at `GET /asyncapi.json`: its own topic (and its dead
 * letters), with every message on it and every operation on it, whoever performs it. A service that owns
 * no topic (analytics, statutory-returns) answers for the topics it consumes.
 */
export const asyncApiForService = (document: AsyncApiDocument, service: ServiceName): AsyncApiDocument => {
  const own = ownTopicOf(service);
  const topics = own ? [own] : topicsConsumedBy(service);
  const channelIds = new Set(topics.flatMap((topic) => [channelIdOf(topic), deadLettersChannelIdOf(topic)]));
  const channels = pick(document.channels, (id) => channelIds.has(id));
  const messageIds = new Set(Object.values(channels).flatMap((channel) => Object.values(channel.messages).map(idOf)));
  return {
    ...document,
    info: {
      ...document.info,
      title: `${document.info.title} (${service}: ${own ? 'the topic it writes' : 'the topics it consumes'})`,
    },
    channels,
    operations: pick(document.operations, (_id, operation) => channelIds.has(idOf(operation.channel))),
    components: { ...document.components, messages: pick(document.components.messages, (id) => messageIds.has(id)) },
  };
};
