import { declaredTopics } from '@csc/contracts';
import { createKafkaClient, parseBrokers } from '@csc/messaging';

/** Creates the declared topics (libs/contracts/src/topics.ts) that do not exist yet; safe to run again. */
const main = async () => {
  const kafka = createKafkaClient({ clientId: 'create-topics', brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092') });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = declaredTopics().filter(({ topic }) => !existing.has(topic));
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
    console.log(`topics: ${missing.length ? `created ${missing.map(({ topic }) => topic).join(', ')}` : 'all present'}`);
  } finally {
    await admin.disconnect();
  }
};

main().catch((error) => {
  console.error(`creating topics failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
