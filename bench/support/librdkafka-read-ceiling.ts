import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { kafkaConnectionSettingsOf, librdkafkaPropertiesOf } from '@csc/messaging';
import { testKafka, testKafkaRunDir, testToolEnvironment } from '@csc/testing';
import { partitionEnds } from './kafkajs-read-ceiling';

const CLIENT_DIR = join(__dirname, '../librdkafka-client');

/**
 * The most messages one batch holds: about what a kafkajs fetch of PROJECTION_FETCH's 1 MiB holds.
 * Larger (10,000, or the compatible API's unbounded -1) was no faster here.
 */
const MAX_BATCH = 1000;

interface DeliveredMessage {
  topic: string;
  partition: number;
  offset: number;
}
/** The slices of @confluentinc/kafka-javascript this ceiling uses (the module is optional, so not typed from it). */
interface CompatibleConsumer {
  connect(): Promise<void>;
  subscribe(subscription: { topics: string[] }): Promise<void>;
  run(options: {
    eachBatch: (payload: { batch: { topic: string; partition: number; messages: unknown[]; lastOffset(): string } }) => Promise<void>;
  }): Promise<void>;
  disconnect(): Promise<void>;
}
interface NativeConsumer {
  connect(options: object, done: (error: Error | null) => void): void;
  subscribe(topics: string[]): void;
  consume(count: number, done: (error: Error | null, messages: DeliveredMessage[]) => void): void;
  disconnect(done: () => void): void;
}
interface LibrdkafkaModule {
  librdkafkaVersion: string;
  KafkaJS: { Kafka: new (config: Record<string, unknown>) => { consumer(config: Record<string, unknown>): CompatibleConsumer } };
  KafkaConsumer: new (config: Record<string, unknown>, topicConfig: Record<string, unknown>) => NativeConsumer;
}

export interface LibrdkafkaReads {
  librdkafka: string;
  /** Through its KafkaJS-compatible API: what adopting it for the rebuild path would mean. */
  compatible: { seconds: number; events: number };
  /** Through its own callback API (node-rdkafka's): the most this client gives Node. */
  native: { seconds: number; events: number };
}

/**
 * The rebuild path's candidate second client (issue 21): @confluentinc/kafka-javascript, librdkafka
 * for Node, reading the same topics as the kafkajs ceiling, from the beginning, only counting, signed
 * in the same way (the project's settings as librdkafka properties) and timed the same way (from
 * connecting to each partition's end as it stood), so the figures differ only by client. Optional:
 * `bash bench/librdkafka-client/install.sh` builds it; without it, or when it fails, the report says why.
 */
export const librdkafkaReads = async (brokers: string, topics: string[]): Promise<LibrdkafkaReads | string> => {
  const client = loadClient();
  if (typeof client === 'string') return client;
  const connection = {
    'bootstrap.servers': brokers,
    ...librdkafkaPropertiesOf(kafkaConnectionSettingsOf(testKafkaRunDir() ? testToolEnvironment() : process.env)),
  };
  // Each read in a group of its own, to each partition's end as it stands when that read starts.
  const readBy = async (api: string): Promise<BareRead> => ({
    client,
    connection,
    groupId: `probe-bench-librdkafka-${api}-${randomBytes(6).toString('hex')}`,
    topics,
    pending: await partitionEnds(testKafka('bench-librdkafka-ceiling'), topics),
  });
  // An optional figure: a client that fails or hangs is reported as such, never the end of the bench's run.
  try {
    return {
      librdkafka: client.librdkafkaVersion,
      compatible: await withinDeadline(compatibleRead(await readBy('compatible')), 'its KafkaJS-compatible API'),
      native: await withinDeadline(nativeRead(await readBy('native')), 'its own API'),
    };
  } catch (error) {
    const reason = `failed: ${(error as Error).message}`;
    console.error(`bench: the librdkafka client's read ${reason}`);
    return reason;
  }
};

/** Far beyond any read seen (4M events: under 2 minutes), so only a wedged client meets it. */
const DEADLINE_MS = 15 * 60_000;

const withinDeadline = <T>(read: Promise<T>, api: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${api} read nothing to the end in ${DEADLINE_MS / 60_000} minutes`)), DEADLINE_MS);
  });
  return Promise.race([read, deadline]).finally(() => clearTimeout(timer));
};

/** One timed read: the client, how it signs in, its group, and the partitions still to be read to their end. */
interface BareRead {
  client: LibrdkafkaModule;
  connection: Record<string, string>;
  groupId: string;
  topics: string[];
  pending: Map<string, bigint>;
}

const compatibleRead = async ({ client, connection, groupId, topics, pending }: BareRead) => {
  let events = 0;
  const started = process.hrtime.bigint();
  const consumer = new client.KafkaJS.Kafka(connection).consumer({
    'group.id': groupId,
    'auto.offset.reset': 'earliest',
    'enable.auto.commit': false,
    'js.consumer.max.batch.size': MAX_BATCH,
    // Warnings and errors only (syslog severities): its compatible API logs every rebalance at info.
    log_level: 4,
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics });
    await new Promise<void>((done, fail) => {
      if (pending.size === 0) return done();
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            events += batch.messages.length;
            if (reachedEnd(pending, batch.topic, batch.partition, BigInt(batch.lastOffset())) && pending.size === 0) done();
          },
        })
        .catch(fail);
    });
    return { seconds: secondsSince(started), events };
  } finally {
    await consumer.disconnect();
  }
};

const nativeRead = async ({ client, connection, groupId, topics, pending }: BareRead) => {
  let events = 0;
  const started = process.hrtime.bigint();
  const consumer = new client.KafkaConsumer(
    { ...connection, 'group.id': groupId, 'enable.auto.commit': false },
    { 'auto.offset.reset': 'earliest' },
  );
  await new Promise<void>((done, fail) => consumer.connect({}, (error) => (error ? fail(error) : done())));
  try {
    consumer.subscribe(topics);
    await new Promise<void>((done, fail) => {
      if (pending.size === 0) return done();
      const next = () =>
        consumer.consume(MAX_BATCH, (error, messages) => {
          if (error) return fail(error);
          events += messages.length;
          for (const message of messages) reachedEnd(pending, message.topic, message.partition, BigInt(message.offset));
          if (pending.size === 0) return done();
          setImmediate(next);
        });
      next();
    });
    return { seconds: secondsSince(started), events };
  } finally {
    await new Promise<void>((done) => consumer.disconnect(done));
  }
};

/** Crosses the partition off once `offset` is its last event; true when it did. */
const reachedEnd = (pending: Map<string, bigint>, topic: string, partition: number, offset: bigint): boolean => {
  const key = `${topic}:${partition}`;
  const end = pending.get(key);
  if (end === undefined || offset + 1n < end) return false;
  pending.delete(key);
  return true;
};

const secondsSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** The client, or why there is none: not built, or built for another Node (a native module loads only in its own). */
const loadClient = (): LibrdkafkaModule | string => {
  if (!existsSync(join(CLIENT_DIR, 'node_modules/@confluentinc/kafka-javascript'))) {
    console.error('bench: no librdkafka client figures: `bash bench/librdkafka-client/install.sh` builds @confluentinc/kafka-javascript');
    return 'not built (bash bench/librdkafka-client/install.sh)';
  }
  try {
    return createRequire(join(CLIENT_DIR, 'package.json'))('@confluentinc/kafka-javascript') as LibrdkafkaModule;
  } catch (error) {
    console.error(`bench: the librdkafka client does not load (${(error as Error).message}): build it again with install.sh`);
    return 'does not load: build it again (bash bench/librdkafka-client/install.sh)';
  }
};
