import type { Kafka, Producer } from 'kafkajs';
import { deadLetterTopicOf, TOPICS } from '@csc/contracts';
import { ConsumerHealth, CreateDeadLetters1767500000000, DEAD_LETTER_HEADERS, DeadLetters } from '@csc/messaging';
import {
  createTestDatabase,
  createTopics,
  eventually,
  testKafka,
  TopicProbe,
  uniqueTopicSuffix,
  type TestDatabase,
  referralDecidedEnvelope,
} from '@csc/testing';
import { ProjectionHost } from './projection-host';
import { appliedDecisions, decisionsProjection } from './test/decisions-projection.spec-support';
import { PROJECTION_HOST_MIGRATIONS } from './test/projection-host-migrations.spec-support';

const CHILD = '55555555-5555-4555-8555-555555555555';
/** Events the projection's code cannot apply, until "fixed" (taken out of the set). */
const cannotApply = new Set<string>();

/** Writes the whole batch in one statement, then fails it if any event is poison: its writes must be rolled back. */
const decisions = decisionsProjection({
  afterRows: async (_, events) => {
    const poison = events.find((event) => cannotApply.has(event.eventId));
    if (poison) throw new Error(`cannot apply ${poison.type} ${poison.eventId}`);
  },
});

describe('a projection dead-letters an event it cannot apply and applies the rest of its batch', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let host: ProjectionHost;
  let deadLetters: DeadLetters;
  const health = new ConsumerHealth(60_000);
  let probe: TopicProbe;
  let topic: string;

  const decided = () => referralDecidedEnvelope({ childId: CHILD });
  const applied = () => appliedDecisions(database.dataSource);

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    topic = `${TOPICS.referralIntake}${suffix}`;
    database = await createTestDatabase('projection_poison', [...PROJECTION_HOST_MIGRATIONS, CreateDeadLetters1767500000000]);
    kafka = testKafka('projection-poison-test');
    await createTopics(kafka, [topic, deadLetterTopicOf(topic)], 1);
    producer = kafka.producer();
    await producer.connect();
    probe = await TopicProbe.start(kafka, [deadLetterTopicOf(topic)]);
    deadLetters = new DeadLetters(database.dataSource);
    host = new ProjectionHost([decisions], kafka, database.dataSource, suffix, 'projection-test', { deadLetters, health });
  });

  afterAll(async () => {
    await host?.stop();
    await probe?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it('dead-letters the poison event with the headers, applies the others, moves on, and replays it once fixed', async () => {
    const [before, poison, after] = [decided(), decided(), decided()];
    cannotApply.add(poison.eventId);
    // One send, one partition: the three arrive in one batch.
    await producer.send({
      topic,
      acks: -1,
      messages: [before, poison, after].map((event) => ({
        key: CHILD,
        value: JSON.stringify(event),
        headers: { 'event-type': event.type },
      })),
    });

    await host.start();
    expect(await host.catchUp('decisions', 20_000)).toBe(0);

    expect((await applied()).sort()).toEqual([before.eventId, after.eventId].sort());
    const group = `projection-test.decisions.v1${topic.slice(TOPICS.referralIntake.length)}`;
    const [letter] = await deadLetters.list({ status: 'PARKED' });
    expect(letter).toMatchObject({
      consumer: group,
      topic,
      partition: 0,
      offset: '1',
      eventId: poison.eventId,
      eventType: 'ReferralDecided',
      error: `Error: cannot apply ReferralDecided ${poison.eventId}`,
      attempts: 1,
    });
    const [message] = await eventually(() => {
      expect(probe.messages).toHaveLength(1);
      return probe.messages;
    });
    expect(JSON.parse(message.value!).eventId).toBe(poison.eventId);
    expect(message.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.id]: letter.id,
      [DEAD_LETTER_HEADERS.consumerGroup]: group,
      [DEAD_LETTER_HEADERS.originalTopic]: topic,
      [DEAD_LETTER_HEADERS.originalPartition]: '0',
      [DEAD_LETTER_HEADERS.originalOffset]: '1',
      [DEAD_LETTER_HEADERS.attempts]: '1',
    });
    const [status] = await host.status();
    expect(status).toMatchObject({ projection: 'decisions', lag: 0, deadLettered: 1 });
    // A poison event does not hold the projection up: readiness sees no stall.
    expect(health.healthy).toBe(true);

    // Later events go on as usual.
    const later = decided();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: CHILD, value: JSON.stringify(later), headers: { 'event-type': later.type } }],
    });
    expect(await host.catchUp('decisions', 20_000)).toBe(0);
    expect(await applied()).toContain(later.eventId);

    cannotApply.delete(poison.eventId);
    expect(await deadLetters.replay(letter.id, 'ops-1')).toEqual({ id: letter.id, result: 'REPLAYED', applied: true });
    expect(await applied()).toContain(poison.eventId);
    expect(await deadLetters.replay(letter.id, 'ops-1')).toEqual({ id: letter.id, result: 'ALREADY_RESOLVED', status: 'REPLAYED' });
  });
});
