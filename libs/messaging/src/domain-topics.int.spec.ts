import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { deadLetterTopicOf, TOPICS } from '@csc/contracts';
import { deleteTopics, testKafka, uniqueTopicSuffix } from '@csc/testing';
import { createMissingDomainTopics } from './domain-topics';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const SENDS = 5;
const PER_SEND = 20;

/**
 * A history written in compressed time (a migration of past years, a generated history): each send's
 * events were recorded a year after the last send's. Kafka's time roll compares those timestamps, so
 * with its default (7 days) every send began a new segment, and a fetch, which never reads past a
 * segment's end, brought one send's events per round trip: a rebuild's reads crawled. The declared
 * topics roll by size only, so one fetch reads them all.
 */
describe('domain topics created from their declarations', () => {
  let kafka: Kafka;
  let topic: string;
  let suffix: string;

  beforeAll(async () => {
    kafka = testKafka('domain-topics-spec');
    suffix = uniqueTopicSuffix();
    await createMissingDomainTopics(kafka, suffix);
    topic = `${TOPICS.referralIntake}${suffix}`;
  });

  afterAll(async () => {
    await deleteTopics(
      kafka,
      Object.values(TOPICS).flatMap((base) => [`${base}${suffix}`, deadLetterTopicOf(`${base}${suffix}`)]),
    );
  });

  it('give one fetch the events of many sends whose timestamps are years apart', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const firstRecorded = Date.parse('2015-04-01T09:00:00Z');
    for (let send = 0; send < SENDS; send++) {
      await producer.send({
        topic,
        messages: Array.from({ length: PER_SEND }, (_, index) => ({
          partition: 0,
          value: `event ${send}.${index}`,
          timestamp: String(firstRecorded + send * YEAR_MS + index),
        })),
      });
    }
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `probe-domain-topics-${randomUUID()}` });
    const firstBatch = await new Promise<number>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      void consumer
        .connect()
        .then(() => consumer.subscribe({ topics: [topic], fromBeginning: true }))
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              if (batch.partition === 0 && batch.messages.length > 0) resolve(batch.messages.length);
            },
          }),
        )
        .catch(reject);
    });
    await consumer.disconnect();
    expect(firstBatch).toBe(SENDS * PER_SEND);
  });
});
