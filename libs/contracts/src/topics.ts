/** The domain topics: the shared, replayable history. Each is written by exactly one service. */
export const TOPICS = {
  referralIntake: 'csc.referral-intake.events.v1',
  caseProgression: 'csc.case-progression.events.v1',
  earlyHelp: 'csc.early-help.events.v1',
  schoolNotifications: 'csc.school-notifications.events.v1',
} as const;
export type DomainTopic = (typeof TOPICS)[keyof typeof TOPICS];

/**
 * A consumer that cannot handle an event after bounded retries parks it here, so the partition moves on.
 * The name leads with `dead-letters.` rather than trailing the topic's own name: a broker grant on a
 * topic's name as a prefix (needed for a deployment's KAFKA_TOPIC_SUFFIX) then never covers its dead
 * letters, and a grant on the dead letters never covers the topic, whatever the suffix. So a consumer may
 * park events of another service's topic without being able to write that topic, and a reader of the
 * domain topics does not read what the services could not take.
 */
export const DEAD_LETTERS_PREFIX = 'dead-letters.';
export const deadLetterTopicOf = (topic: string): string => `${DEAD_LETTERS_PREFIX}${topic}`;
export const isDeadLetterTopic = (topic: string): boolean => topic.startsWith(DEAD_LETTERS_PREFIX);

export interface TopicDeclaration {
  topic: string;
  /** A domain topic (history) or its dead letters (what its consumers could not take). */
  holds: 'events' | 'dead-letters';
  partitions: number;
  /** Domain topics are history: kept forever so that analytics and outside consumers can replay from offset 0. */
  config: Record<string, string>;
}

const KEEP_FOREVER = { 'retention.ms': '-1', 'retention.bytes': '-1' };
/**
 * Segments roll by size (Kafka's 1 GiB), not by time. Kafka's time roll compares the records' own
 * timestamps (the events' recordedAt): a history written in compressed time (a migration of past
 * years, a generated history) rolled a segment at almost every producer batch, and a fetch never reads
 * past a segment's end, so a rebuild fetched one producer batch (~300 events) per partition per round
 * trip. Kept forever, a segment gains nothing from rolling by time. About a hundred years.
 */
const ROLL_BY_SIZE_ONLY = { 'segment.ms': String(100 * 365 * 24 * 60 * 60 * 1000) };
// Keyed by child id; six partitions let several instances of a consumer share the work on one broker.
const DOMAIN_PARTITIONS = 6;

/**
 * Every topic a deployment needs: each domain topic and its dead letters, named as a deployment with
 * KAFKA_TOPIC_SUFFIX names them (`<topic><suffix>` and `dead-letters.<topic><suffix>`; tests give each
 * file a suffix of its own, production none).
 */
export const declaredTopics = ({ suffix = '', partitions = DOMAIN_PARTITIONS } = {}): TopicDeclaration[] =>
  Object.values(TOPICS).flatMap((domainTopic) => {
    const topic = `${domainTopic}${suffix}`;
    return [
      { topic, holds: 'events' as const, partitions, config: { ...KEEP_FOREVER, ...ROLL_BY_SIZE_ONLY } },
      { topic: deadLetterTopicOf(topic), holds: 'dead-letters' as const, partitions: 1, config: KEEP_FOREVER },
    ];
  });
