import type { Kafka, Producer } from 'kafkajs';
import { TOPICS, type EventEnvelope } from '@csc/contracts';
import { createTestDatabase, createTopics, referralDecidedEnvelope, testKafka, uniqueTopicSuffix, type TestDatabase } from '@csc/testing';
import { ProjectionHost } from './projection-host';
import { appliedDecisions, decisionsProjection } from './test/decisions-projection.spec-support';
import { PROJECTION_HOST_MIGRATIONS } from './test/projection-host-migrations.spec-support';

const CHILD = '66666666-6666-4666-8666-666666666666';

/**
 * A batch that starts before the partition's stored offset (fetched while another instance, given the
 * partition for a while, applied the front of it) applies only what lies at or after that offset: the
 * rest is in the rows already, and its events, applied again, would count twice in a projection that
 * counts. The runner finds where that is once a batch (firstNotYetApplied), not message by message.
 */
describe('a projection batch that starts before the stored offset', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let host: ProjectionHost;
  let topic: string;

  const send = (events: EventEnvelope[]) =>
    producer.send({
      topic,
      acks: -1,
      // One send, one partition: they arrive in one batch.
      messages: events.map((event) => ({ key: CHILD, value: JSON.stringify(event), headers: { 'event-type': event.type } })),
    });
  const decided = (count: number) => Array.from({ length: count }, () => referralDecidedEnvelope({ childId: CHILD }));

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    topic = `${TOPICS.referralIntake}${suffix}`;
    database = await createTestDatabase('projection_applied_already', PROJECTION_HOST_MIGRATIONS);
    kafka = testKafka('projection-applied-already-test');
    await createTopics(kafka, [topic], 1);
    producer = kafka.producer();
    await producer.connect();
    host = new ProjectionHost([decisionsProjection()], kafka, database.dataSource, suffix, 'projection-test');
  });

  afterAll(async () => {
    await host?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it('passes over its messages before that offset and applies the ones from it', async () => {
    const first = decided(3);
    await send(first);
    await host.start();
    expect(await host.catchUp('decisions', 20_000)).toBe(0);
    expect((await appliedDecisions(database.dataSource)).sort()).toEqual(first.map((event) => event.eventId).sort());

    // As if another instance had applied offsets 3 and 4 meanwhile: the stored offset moves on to 5
    // while this consumer still reads from 3.
    await database.dataSource.query(
      `UPDATE projection_offsets SET next_offset = 5 WHERE projection = 'decisions' AND version = 1 AND topic = $1 AND partition = 0`,
      [topic],
    );
    const [atThree, atFour, atFive, atSix] = decided(4);
    await send([atThree, atFour, atFive, atSix]);
    expect(await host.catchUp('decisions', 20_000)).toBe(0);

    const applied = await appliedDecisions(database.dataSource);
    expect(applied).toEqual(expect.arrayContaining([atFive.eventId, atSix.eventId]));
    expect(applied).not.toContain(atThree.eventId);
    expect(applied).not.toContain(atFour.eventId);
    expect(applied).toHaveLength(5);
    const [{ next_offset: nextOffset }] = await database.dataSource.query(
      `SELECT next_offset::text FROM projection_offsets WHERE projection = 'decisions' AND version = 1 AND topic = $1`,
      [topic],
    );
    expect(nextOffset).toBe('7');
  });
});
