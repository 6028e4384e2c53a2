import { CompressionTypes, Partitioners, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { EVENT_HEADERS, topicOf, type EventEnvelope, type EventType } from '@csc/contracts';
import { createKafkaClient, createMissingDomainTopics, parseBrokers, type KafkaConnection } from '@csc/messaging';

export interface PublishOptions {
  /** `127.0.0.1:9092` or several, as a list or comma-separated. */
  brokers: string | string[];
  /** TLS and SASL, from kafkaConnectionFromEnvironment() (tools) or testKafkaConnection() (tests, benchmarks). */
  connection: KafkaConnection;
  /** Appended to every topic name, as services under test name theirs (KAFKA_TOPIC_SUFFIX). */
  topicSuffix?: string;
  /** Messages per send (default 10,000)... */
  batchSize?: number;
  /** ...or fewer, to keep each send under this many bytes (default 4 MB): Kafka refuses a partition's batch over 1 MiB. */
  maxBatchBytes?: number;
  /** Creates the domain topics (and their dead-letter twins) that do not exist yet, as tools/create-topics.ts does. Default true. */
  createTopics?: boolean;
  onProgress?: (progress: PublishProgress) => void;
  clientId?: string;
}

export interface PublishProgress {
  /** Events acknowledged by the broker so far (all of them, once publishHistory resolves). */
  total: number;
  byTopic: Record<string, number>;
  seconds: number;
}

/**
 * The Kafka message of an event exactly as the outbox relay (libs/event-store outbox-relay.ts) makes
 * it: the envelope as JSON, keyed by the child (or the stream while the child is unknown), stamped
 * with recordedAt, with the event's type, schema version and id in headers. The relay adds a
 * traceparent when the request had one; here every conversation is its own trace, its id the
 * correlation id's hex.
 */
export const toKafkaMessage = (event: EventEnvelope): Message => ({
  key: event.childId ?? event.streamId,
  value: JSON.stringify(event),
  timestamp: String(Date.parse(event.recordedAt)),
  headers: {
    [EVENT_HEADERS.eventType]: event.type,
    [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
    [EVENT_HEADERS.eventId]: event.eventId,
    [EVENT_HEADERS.traceparent]: `00-${event.correlationId.replace(/-/g, '')}-${event.eventId.replace(/-/g, '').slice(0, 16)}-01`,
  },
});

/** Kafka refuses a partition's batch over 1 MiB; a topic's messages in one send spread over its three partitions, unevenly. */
const MAX_TOPIC_BYTES_PER_SEND = 1_500_000;

const messageBytes = (message: Message): number => (message.value as string).length + 200;

/**
 * Publishes events as the relay would (idempotent producer, acks from all replicas, no compression)
 * in large batches, each send overlapping the making of the next batch. Events of one child keep
 * their order: one send at a time, and the same key always goes to the same partition.
 */
export const publishHistory = async (events: Iterable<EventEnvelope>, options: PublishOptions): Promise<PublishProgress> => {
  const suffix = options.topicSuffix ?? '';
  const batchSize = options.batchSize ?? 10_000;
  const maxBatchBytes = options.maxBatchBytes ?? 4_000_000;
  const brokers = typeof options.brokers === 'string' ? parseBrokers(options.brokers) : options.brokers;
  const kafka = createKafkaClient({
    clientId: options.clientId ?? 'synthetic-history',
    brokers,
    connection: options.connection,
    // Errors only, as it always logged: a tool's output here is its progress.
    log: (level, message) => level === 'error' && process.stderr.write(`${message}\n`),
  });
  if (options.createTopics ?? true) await createMissingDomainTopics(kafka, suffix);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = Date.now();
  const byTopic: Record<string, number> = {};
  let total = 0;
  const progress = (): PublishProgress => ({ total, byTopic: { ...byTopic }, seconds: (Date.now() - started) / 1000 });
  try {
    let batch = new Map<string, Message[]>();
    let count = 0;
    let bytes = 0;
    const topicBytes = new Map<string, number>();
    let sending: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    const settle = async () => {
      await sending;
      if (failure) throw failure;
    };
    const flush = async () => {
      const full = batch;
      const sent = count;
      batch = new Map();
      count = 0;
      bytes = 0;
      topicBytes.clear();
      await settle();
      // Caught here and rethrown at the next settle: the send runs while the next batch is made.
      sending = send(producer, full).then(
        () => {
          total += sent;
          options.onProgress?.(progress());
        },
        (error: unknown) => {
          failure = error;
        },
      );
    };
    for (const event of events) {
      const topic = `${topicOf(event.type as EventType)}${suffix}`;
      const message = toKafkaMessage(event);
      const messages = batch.get(topic);
      if (messages) messages.push(message);
      else batch.set(topic, [message]);
      byTopic[topic] = (byTopic[topic] ?? 0) + 1;
      count += 1;
      bytes += messageBytes(message);
      const onTopic = (topicBytes.get(topic) ?? 0) + messageBytes(message);
      topicBytes.set(topic, onTopic);
      // A topic's share is split over its partitions by key; a third of the limit per topic keeps each under 1 MiB.
      if (count >= batchSize || bytes >= maxBatchBytes || onTopic >= MAX_TOPIC_BYTES_PER_SEND) await flush();
    }
    if (count > 0) await flush();
    await settle();
    return progress();
  } finally {
    await producer.disconnect();
  }
};

const send = async (producer: Producer, batch: Map<string, Message[]>): Promise<void> => {
  const topicMessages: TopicMessages[] = [...batch].map(([topic, messages]) => ({ topic, messages }));
  await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
};
