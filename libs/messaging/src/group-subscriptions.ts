import type { MessageHandler } from '@nestjs/microservices';
import { isEventType, topicOf } from '@csc/contracts';
import type { GroupParking } from './group-parking';
import type { PacedOffsetCommits } from './paced-offset-commits';

/**
 * A service's reactions' consumer group: its name, and the topics' suffix after a dot when there is one
 * (its ACLs grant `<name>` and `<name>.*`). A test's or a bench's services so never share a group with
 * another run's, or with `npm start`'s, whose members kafkajs would hand partitions of topics they never
 * subscribed to (and nobody then reads).
 */
export const serviceGroupId = (service: string, topicSuffix: string): string =>
  topicSuffix ? `${service}.${topicSuffix.replace(/^\./, '')}` : service;

/** Options a reaction may give `@EventPattern(type, extras)`. */
export interface EventPatternExtras {
  /** Consume in a consumer group of its own (its own offsets and pace) instead of the server's default. */
  group?: string;
  /** For event types outside the catalogue (tests, outside topics): where they are published. */
  topic?: string;
}

/** One consumer group of a service: its reactions by event type and the topics they travel on. */
export interface GroupSubscription {
  groupId: string;
  topics: Set<string>;
  handlersByType: Map<string, MessageHandler>;
  /** Set when the group's consumer starts. */
  parking?: GroupParking;
  /** Set when the group's consumer starts: how its progress reaches Kafka. */
  commits?: PacedOffsetCommits;
}

/** Whether the group has a reaction to the type (a message of another type is passed over by its header). */
export const takesType =
  (subscription: GroupSubscription) =>
  (type: string): boolean =>
    subscription.handlersByType.has(type);

/** Groups the registered reactions by consumer group, each with the topics its event types travel on. */
export const groupSubscriptions = (
  handlers: Map<string, MessageHandler>,
  defaultGroupId: string,
  topicSuffix: string,
): GroupSubscription[] => {
  const byGroup = new Map<string, GroupSubscription>();
  for (const [type, handler] of handlers) {
    if (!handler.isEventHandler) continue;
    // Nest chains a second @EventPattern of the same type onto the first; one reaction per type keeps retries and the inbox honest.
    if (handler.next) throw new Error(`two reactions to ${type} in one service: give one of them its own event type or combine them`);
    const extras = (handler.extras ?? {}) as EventPatternExtras;
    const groupId = extras.group ?? defaultGroupId;
    const subscription = byGroup.get(groupId) ?? { groupId, topics: new Set<string>(), handlersByType: new Map() };
    subscription.topics.add(`${topicFor(type, extras)}${topicSuffix}`);
    subscription.handlersByType.set(type, handler);
    byGroup.set(groupId, subscription);
  }
  return [...byGroup.values()];
};

const topicFor = (type: string, extras: EventPatternExtras): string => {
  // The catalogue's owning topic is the only one a catalogue event is accepted from (the transport checks each event).
  if (extras.topic && isEventType(type) && extras.topic !== topicOf(type)) {
    throw new Error(`@EventPattern('${type}'): it travels on ${topicOf(type)} only; drop the pattern's topic`);
  }
  const base = extras.topic ?? (isEventType(type) ? topicOf(type) : undefined);
  if (!base) throw new Error(`@EventPattern('${type}'): not in the event catalogue; give its topic in the pattern's extras`);
  return base;
};
