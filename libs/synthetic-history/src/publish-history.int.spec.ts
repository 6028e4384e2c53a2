import { deadLetterTopicOf, EVENT_HEADERS, parseEnvelope, TOPICS, type EventEnvelope } from '@csc/contracts';
import { deleteTopics, eventually, testEnvironment, testKafka, testKafkaConnection, TopicProbe, uniqueTopicSuffix } from '@csc/testing';
import { generateHistory } from './generate-history';
import { publishHistory } from './publish-history';

describe('publishHistory (real Kafka)', () => {
  const suffix = uniqueTopicSuffix();
  const topics = Object.values(TOPICS).map((topic) => `${topic}${suffix}`);
  const kafka = testKafka('synthetic-history-test');
  let probe: TopicProbe | undefined;

  afterAll(async () => {
    await probe?.stop();
    await deleteTopics(kafka, [...topics, ...topics.map(deadLetterTopicOf)]);
  });

  it('publishes a history as the outbox relay would: every event on its topic, keyed by its child, with its headers', async () => {
    const history: EventEnvelope[] = [...generateHistory({ seed: 21, targetEvents: 3000 })];
    // Small sends, so that several batches (and the overlap between them) are exercised.
    const published = await publishHistory(history, {
      brokers: testEnvironment().kafkaBrokers,
      connection: testKafkaConnection(),
      topicSuffix: suffix,
      batchSize: 700,
    });
    expect(published.total).toBe(history.length);

    probe = await TopicProbe.start(kafka, topics);
    const received = await eventually(
      () => {
        expect(probe!.messages).toHaveLength(history.length);
        return probe!.messages;
      },
      { timeoutMs: 60_000 },
    );

    const expectedByTopic: Record<string, number> = {};
    for (const event of history) {
      const topic = received.find((message) => message.headers[EVENT_HEADERS.eventId] === event.eventId)!.topic;
      expectedByTopic[topic] = (expectedByTopic[topic] ?? 0) + 1;
    }
    expect(published.byTopic).toEqual(expectedByTopic);
    const byId = new Map(history.map((event) => [event.eventId, event]));
    for (const message of received) {
      const envelope = parseEnvelope(message.value);
      const sent = byId.get(envelope.eventId)!;
      expect(envelope).toEqual(sent);
      expect(message.key).toBe(sent.childId ?? sent.streamId);
      expect(message.headers[EVENT_HEADERS.eventType]).toBe(sent.type);
      // The event's own version (ReferralReceived is at 2), not a fixed 1.
      expect(message.headers[EVENT_HEADERS.schemaVersion]).toBe(String(sent.schemaVersion));
      expect(message.headers[EVENT_HEADERS.eventId]).toBe(sent.eventId);
      expect(message.headers[EVENT_HEADERS.traceparent]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    }
    // Within a partition, a stream's events arrive in order.
    const lastVersion = new Map<string, number>();
    for (const message of [...received].sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(a.offset) - Number(b.offset),
    )) {
      const envelope = parseEnvelope(message.value);
      expect(envelope.streamVersion).toBe((lastVersion.get(envelope.streamId) ?? 0) + 1);
      lastVersion.set(envelope.streamId, envelope.streamVersion);
    }
  }, 120_000);
});
