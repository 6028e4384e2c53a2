import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/**
 * A freshly started broker creates its consumer-offsets topic on the first group join and loads its
 * coordinators, answering "does not host this topic-partition" or "coordinator is loading" meanwhile.
 * One throwaway round trip here (topic, idempotent produce, group join), retried until it works,
 * means no test file, whichever jest runs first, meets a half-ready broker.
 */
export const warmUpBroker = async (kafka: Kafka, timeoutMs = 90_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await roundTrip(kafka);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`broker not ready after ${timeoutMs} ms: ${(error as Error).message}`);
      await new Promise((retry) => setTimeout(retry, Math.min(2000, 200 * attempt)));
    }
  }
};

const roundTrip = async (kafka: Kafka): Promise<void> => {
  const topic = `warm-up.${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${topic}.group`, maxWaitTimeInMs: 100 });
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'warm-up' }] });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((joined, failed) => {
      const timer = setTimeout(() => failed(new Error('no group join in 20 s')), 20_000);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        joined();
      });
      consumer.run({ eachMessage: async () => undefined }).catch((error) => {
        clearTimeout(timer);
        failed(error);
      });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
};
