import { randomBytes } from 'node:crypto';
import type { ISocketFactory, Kafka, KafkaMessage } from 'kafkajs';
import { declaredTopics } from '@csc/contracts';
import {
  createKafkaClient,
  kafkaConnectionFromEnvironment,
  kafkaConnectionOf,
  kafkaConnectionSettingsOf,
  parseBrokers,
  type KafkaClientRecipe,
  type KafkaConnection,
} from '@csc/messaging';
import { testKafkaRunDir, testToolEnvironment } from './test-kafka-principals';
import { testEnvironment } from './test-environment';

let connection: KafkaConnection | undefined;

/**
 * How tests reach the broker, read once per process: on the secured broker as admin (topics, probes
 * with their `probe-*` groups, offsets: work no service principal may do); otherwise the same
 * KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_* and KAFKA_SSL_* as a service reads from the environment.
 */
export const testKafkaConnection = (): KafkaConnection =>
  (connection ??= testKafkaRunDir() ? kafkaConnectionOf(testToolEnvironment(), { production: false }) : kafkaConnectionFromEnvironment());

export const testKafka = (clientId: string, socketFactory?: ISocketFactory): Kafka =>
  createKafkaClient({ clientId, brokers: parseBrokers(testEnvironment().kafkaBrokers), connection: testKafkaConnection(), socketFactory });

/** testKafka's client as plain data, for a projection thread to make its own (ProjectionHost's threads). */
export const testKafkaRecipe = (clientId: string): KafkaClientRecipe => ({
  clientId,
  brokers: parseBrokers(testEnvironment().kafkaBrokers),
  settings: kafkaConnectionSettingsOf(testKafkaRunDir() ? testToolEnvironment() : process.env),
  production: false,
});

/** A suffix that gives a test file topics of its own (KAFKA_TOPIC_SUFFIX for services under test). */
export const uniqueTopicSuffix = (): string => `.test-${randomBytes(4).toString('hex')}`;

export const createTopics = async (
  kafka: Kafka,
  topics: string[],
  partitions = 3,
  configOf: (topic: string) => Record<string, string> = () => ({ 'retention.ms': '-1' }),
): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: partitions,
        replicationFactor: 1,
        configEntries: Object.entries(configOf(topic)).map(([name, value]) => ({ name, value })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
};

/**
 * The domain topics and their dead-letter twins as services under test name them with
 * KAFKA_TOPIC_SUFFIX: `<topic><suffix>` and `dead-letters.<topic><suffix>`, with their declared
 * settings (kept forever, segments rolled by size), three partitions each.
 */
export const createServiceTopics = async (kafka: Kafka, suffix: string): Promise<void> => {
  const declared = new Map(declaredTopics({ suffix }).map(({ topic, config }) => [topic, config]));
  await createTopics(kafka, [...declared.keys()], 3, (topic) => declared.get(topic)!);
};

export const deleteTopics = async (kafka: Kafka, topics: string[]): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } catch {
    // best effort: the broker's data directory is disposable
  } finally {
    await admin.disconnect();
  }
};

export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads topics from the beginning into memory, as an outside consumer would, for assertions. */
export class TopicProbe {
  readonly messages: ReceivedMessage[] = [];
  private readonly consumer;

  private constructor(kafka: Kafka) {
    // A short long-poll: the probe sees messages as they come and stops without waiting out a fetch.
    this.consumer = kafka.consumer({ groupId: `probe-${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 100 });
  }

  static async start(kafka: Kafka, topics: string[]): Promise<TopicProbe> {
    const probe = new TopicProbe(kafka);
    await probe.consumer.connect();
    await probe.consumer.subscribe({ topics, fromBeginning: true });
    await probe.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        probe.messages.push(toReceived(topic, partition, message));
      },
    });
    return probe;
  }

  on(topic: string): ReceivedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

const toReceived = (topic: string, partition: number, message: KafkaMessage): ReceivedMessage => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key?.toString() ?? null,
  value: message.value?.toString() ?? null,
  headers: Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]),
  ),
});
