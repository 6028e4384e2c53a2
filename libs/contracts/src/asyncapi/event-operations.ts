import { ownTopicOf, SERVICE_CONSUMPTION, SERVICE_NAMES, topicsConsumedBy, type ServiceName } from '../service-consumption';
import type { DomainTopic } from '../topics';
import { KAFKA_BINDING_VERSION, refTo, type AsyncApiOperation } from './asyncapi-document';
import { channelIdOf } from './event-channels';
import { messageIdOf } from './event-message';
import type { EventVersion } from './event-versions-on-the-log';

const onChannel = (topic: DomainTopic, events: EventVersion[]): AsyncApiOperation['messages'] =>
  events.map((event) => refTo('channels', channelIdOf(topic), 'messages', messageIdOf(event)));

/** A service writes only the current version of each of its types, on its own topic. */
const sendOf = (service: ServiceName, topic: DomainTopic, events: EventVersion[]): AsyncApiOperation => ({
  action: 'send',
  title: `${service} publishes its events`,
  description:
    `${service} appends each event to its event store and its outbox relay publishes it here, in order, ` +
    'with an idempotent producer (acks=all); at least once, so a consumer may see an event twice.',
  channel: refTo('channels', channelIdOf(topic)),
  messages: onChannel(
    topic,
    events.filter((event) => event.topic === topic && event.current),
  ),
  'x-service': service,
});

/** Its reactions take the types they name; its projections every event on the topic. Every version on the log either way. */
const receiveOf = (service: ServiceName, topic: DomainTopic, events: EventVersion[]): AsyncApiOperation => {
  const { reactsTo, projectsFrom } = SERVICE_CONSUMPTION[service];
  const projects = projectsFrom.includes(topic);
  return {
    action: 'receive',
    title: `${service} consumes ${topic}`,
    description: projects
      ? `${service}'s projections read every event on the topic into its views (rebuilt from offset 0 when they change).`
      : `${service}'s reactions handle these types, idempotently by event id; what keeps failing is parked on the dead letters.`,
    channel: refTo('channels', channelIdOf(topic)),
    messages: onChannel(
      topic,
      events.filter((event) => event.topic === topic && (projects || reactsTo.includes(event.type))),
    ),
    bindings: {
      kafka: {
        groupId: {
          type: 'string',
          description: `${service} for reactions, ${service}.<projection>.v<n> for projections`,
          pattern: `^${service.replaceAll('-', '\\-')}(\\..+)?$`,
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    'x-service': service,
  };
};

/** Who sends on each domain topic, and who receives what from it. Dead letters are operators': no operation. */
export const eventOperationsOf = (events: EventVersion[]): Record<string, AsyncApiOperation> =>
  Object.fromEntries(
    SERVICE_NAMES.flatMap((service) => {
      const own = ownTopicOf(service);
      return [
        ...(own ? [[`${service}.sends`, sendOf(service, own, events)] as const] : []),
        ...topicsConsumedBy(service).map(
          (topic) => [`${service}.receives.${channelIdOf(topic)}`, receiveOf(service, topic, events)] as const,
        ),
      ];
    }),
  );
