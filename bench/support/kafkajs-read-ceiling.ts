import { randomBytes } from 'node:crypto';
import { PROJECTION_FETCH } from '@csc/projections';
import { testKafka } from '@csc/testing';

/**
 * The ceiling for a rebuild in this runtime: a bare kafkajs consumer, connected as the services
 * connect (the project's connection settings: SASL_SSL on the secured broker), fetching as a
 * projection does (PROJECTION_FETCH), reading the same topics from the beginning and only counting
 * what it reads. Timed from connecting to the last offset each partition held when it started, as
 * the rebuild is timed from its request to caught up. A `probe-*` group: the bench's principal may use those.
 */
export const kafkajsReadSeconds = async (topics: string[]): Promise<{ seconds: number; events: number }> => {
  const kafka = testKafka('bench-kafkajs-ceiling');
  const ends = await partitionEnds(kafka, topics);
  let remaining = ends.size;
  let events = 0;
  const started = process.hrtime.bigint();
  const consumer = kafka.consumer({ groupId: `probe-bench-ceiling-${randomBytes(6).toString('hex')}`, ...PROJECTION_FETCH });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((done, fail) => {
      if (remaining === 0) return done();
      consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          events += batch.messages.length;
          const key = `${batch.topic}:${batch.partition}`;
          const end = ends.get(key);
          if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) {
            ends.delete(key);
            remaining -= 1;
            if (remaining === 0) done();
          }
        },
      });
    });
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, events };
  } finally {
    await consumer.disconnect();
  }
};

/** Each non-empty partition's end (the offset after its last event) when asked. */
export const partitionEnds = async (kafka: ReturnType<typeof testKafka>, topics: string[]): Promise<Map<string, bigint>> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) ends.set(`${topic}:${partition}`, BigInt(high));
      }
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
};
