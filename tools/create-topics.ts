import { createKafkaClient, createMissingDomainTopics, kafkaConnectionFromEnvironment, parseBrokers } from '@csc/messaging';

/** Creates the declared topics (libs/contracts/src/topics.ts) that do not exist yet; safe to run again. */
const main = async () => {
  const kafka = createKafkaClient({
    clientId: 'create-topics',
    brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
    connection: kafkaConnectionFromEnvironment(),
  });
  const created = await createMissingDomainTopics(kafka);
  console.log(`topics: ${created.length ? `created ${created.join(', ')}` : 'all present'}`);
};

main().catch((error) => {
  console.error(`creating topics failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
