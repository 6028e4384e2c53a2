import type { Kafka } from 'kafkajs';
import { declaredTopics } from '@csc/contracts';
import { LOCAL_TOPIC_DURABILITY, type TopicDurability } from './topic-durability';

/**
 * Creates the declared domain topics and their dead-letter twins that do not exist yet, named as a
 * deployment with KAFKA_TOPIC_SUFFIX names them (`<topic><suffix>`, `dead-letters.<topic><suffix>`), with their
 * declared partitions and keep-forever retention, and as many replicas as `durability` says (one
 * locally). Safe to run again; returns the topics it created. Topics that exist are left as they are.
 */
export const createMissingDomainTopics = async (
  kafka: Kafka,
  suffix = '',
  durability: TopicDurability = LOCAL_TOPIC_DURABILITY,
): Promise<string[]> => {
  const suffixed = declaredTopics({ suffix });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = suffixed.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map(({ topic, partitions, config }) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: durability.replicationFactor,
          configEntries: Object.entries({ ...config, 'min.insync.replicas': String(durability.minInsyncReplicas) }).map(
            ([name, value]) => ({ name, value }),
          ),
        })),
      });
    }
    return missing.map(({ topic }) => topic);
  } finally {
    await admin.disconnect();
  }
};
