/**
 * How many copies of every domain topic the cluster keeps, and how many must have a write before it
 * counts (the producers write with acks=all): KAFKA_REPLICATION_FACTOR and KAFKA_MIN_INSYNC_REPLICAS,
 * read when the topics are created (`npm run topics:create`). Locally one broker: 1 and 1. A
 * production cluster: 3 and 2, so one broker can be lost or restarted without refusing writes, and
 * no acknowledged event lives on one disk only.
 */
export interface TopicDurability {
  replicationFactor: number;
  minInsyncReplicas: number;
}

export const LOCAL_TOPIC_DURABILITY: TopicDurability = { replicationFactor: 1, minInsyncReplicas: 1 };

const wholeNumber = (name: string, text: string | undefined, fallback: number, problems: string[]): number => {
  if (text === undefined || text === '') return fallback;
  if (!/^[1-9][0-9]?$/.test(text)) {
    problems.push(`${name}: must be a whole number from 1 to 99, not "${text.slice(0, 20)}"`);
    return fallback;
  }
  return Number(text);
};

/** The settings as given, or every problem with them, naming each setting. */
export const topicDurabilityOf = (
  env: Record<string, string | undefined>,
  options: { production: boolean },
): { durability: TopicDurability; problems: string[] } => {
  const problems: string[] = [];
  const replicationFactor = wholeNumber('KAFKA_REPLICATION_FACTOR', env.KAFKA_REPLICATION_FACTOR, 1, problems);
  const minInsyncReplicas = wholeNumber('KAFKA_MIN_INSYNC_REPLICAS', env.KAFKA_MIN_INSYNC_REPLICAS, 1, problems);
  if (minInsyncReplicas > replicationFactor) {
    problems.push(
      `KAFKA_MIN_INSYNC_REPLICAS: ${minInsyncReplicas} is more than KAFKA_REPLICATION_FACTOR ${replicationFactor}: no write could ever be acknowledged`,
    );
  }
  // With one in-sync replica an acknowledged event may exist on one disk only: the log is the record.
  if (options.production && minInsyncReplicas < 2) {
    problems.push('KAFKA_MIN_INSYNC_REPLICAS: production needs at least 2 (with KAFKA_REPLICATION_FACTOR 3)');
  }
  return { durability: { replicationFactor, minInsyncReplicas }, problems };
};
