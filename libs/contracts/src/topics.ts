/** The domain topics: the shared, replayable history. Each is written by exactly one service. */
export const TOPICS = {
  referralIntake: 'csc.referral-intake.events.v1',
  caseProgression: 'csc.case-progression.events.v1',
  earlyHelp: 'csc.early-help.events.v1',
  schoolNotifications: 'csc.school-notifications.events.v1',
} as const;
export type DomainTopic = (typeof TOPICS)[keyof typeof TOPICS];

/** A consumer that cannot handle an event after bounded retries parks it here, so the partition moves on. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

export interface TopicDeclaration {
  topic: string;
  partitions: number;
  /** Domain topics are history: kept forever so that analytics and outside consumers can replay from offset 0. */
  config: Record<string, string>;
}

const KEEP_FOREVER = { 'retention.ms': '-1', 'retention.bytes': '-1' };
// Keyed by child id; six partitions let several instances of a consumer share the work on one broker.
const DOMAIN_PARTITIONS = 6;

export const declaredTopics = (partitions = DOMAIN_PARTITIONS): TopicDeclaration[] =>
  Object.values(TOPICS).flatMap((topic) => [
    { topic, partitions, config: KEEP_FOREVER },
    { topic: deadLetterTopicOf(topic), partitions: 1, config: KEEP_FOREVER },
  ]);
