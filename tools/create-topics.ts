import {
  createKafkaClient,
  createMissingDomainTopics,
  kafkaConnectionFromEnvironment,
  parseBrokers,
  topicDurabilityOf,
} from '@csc/messaging';

/**
 * Creates the declared topics (libs/contracts/src/topics.ts) that do not exist yet, with
 * KAFKA_REPLICATION_FACTOR and KAFKA_MIN_INSYNC_REPLICAS (1 and 1 unless set); safe to run again.
 */
const main = async () => {
  const { durability, problems } = topicDurabilityOf(process.env, { production: process.env.NODE_ENV === 'production' });
  if (problems.length > 0) throw new Error(problems.join('; '));
  const kafka = createKafkaClient({
    clientId: 'create-topics',
    brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
    connection: kafkaConnectionFromEnvironment(),
  });
  const created = await createMissingDomainTopics(kafka, '', durability);
  const copies = `replication factor ${durability.replicationFactor}, min.insync.replicas ${durability.minInsyncReplicas}`;
  console.log(`topics: ${created.length ? `created ${created.join(', ')} (${copies})` : 'all present'}`);
};

main().catch((error) => {
  console.error(`creating topics failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
