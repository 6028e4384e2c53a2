import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/**
 * A freshly formatted broker creates its consumer-offsets topic on the first group join, and answers
 * "does not host this topic-partition" meanwhile. One throwaway group join here means no test file
 * (whichever jest runs first) meets a half-ready broker; likewise the first idempotent producer.
 */
export const warmUpBroker = async (kafka: Kafka, timeoutMs = 60_000): Promise<void> => {
  const topic = `warm-up.${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({ groupId: `${topic}.group`, maxWaitTimeInMs: 100 });
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    // An idempotent producer's first InitProducerId waits for the coordinator to load: absorb that here too.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'warm-up' }] });
    await producer.disconnect();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((joined, failed) => {
      const timer = setTimeout(() => failed(new Error(`broker not ready after ${timeoutMs} ms`)), timeoutMs);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        joined();
      });
      consumer.run({ eachMessage: async () => undefined }).catch(failed);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
};
