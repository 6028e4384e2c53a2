import type { Kafka } from 'kafkajs';
import { deadLetterTopicOf, declaredTopics } from '@csc/contracts';

/**
 * Creates the declared domain topics and their dead-letter twins that do not exist yet, named as a
 * deployment with KAFKA_TOPIC_SUFFIX names them (`<topic><suffix>`, `<topic><suffix>.dlq`), with their
 * declared partitions and keep-forever retention. Safe to run again; returns the topics it created.
 */
export const createMissingDomainTopics = async (kafka: Kafka, suffix = ''): Promise<string[]> => {
  const suffixed = declaredTopics().map((declared) => ({
    ...declared,
    topic: declared.topic.endsWith('.dlq')
      ? deadLetterTopicOf(`${declared.topic.slice(0, -'.dlq'.length)}${suffix}`)
      : `${declared.topic}${suffix}`,
  }));
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
          replicationFactor: 1,
          configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    return missing.map(({ topic }) => topic);
  } finally {
    await admin.disconnect();
  }
};
