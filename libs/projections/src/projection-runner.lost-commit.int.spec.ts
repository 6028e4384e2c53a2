import type { Kafka, Producer } from 'kafkajs';
import { TOPICS } from '@csc/contracts';
import {
  createTestDatabase,
  createTopics,
  eventually,
  testKafka,
  uniqueTopicSuffix,
  type TestDatabase,
  referralDecidedEnvelope,
} from '@csc/testing';
import { PROJECTION_SCHEMA } from './projection';
import { ProjectionHost } from './projection-host';
import { appliedDecisions, decisionsProjection } from './test/decisions-projection.spec-support';
import { PROJECTION_HOST_MIGRATIONS } from './test/projection-host-migrations.spec-support';

const CHILD = '66666666-6666-4666-8666-666666666666';
/** synchronous_commit as each batch's transaction saw it. */
const commitSettings: string[] = [];

const decisions = decisionsProjection({
  beforeRows: async (manager) => {
    commitSettings.push((await manager.query(`SHOW synchronous_commit`))[0].synchronous_commit);
  },
});

/**
 * A projection's batches commit asynchronously (not waiting for the disk): a crash of PostgreSQL can
 * lose the last of them, rows and offsets together, while the service runs on believing them applied.
 * The next batch then starts past the database's offset, and the runner must go back to the rows.
 */
describe('a projection whose last batches PostgreSQL lost in a crash', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let host: ProjectionHost;
  let topic: string;

  const applied = () => appliedDecisions(database.dataSource);
  const publish = async (count: number) => {
    const events = Array.from({ length: count }, () => referralDecidedEnvelope({ childId: CHILD }));
    await producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({ key: CHILD, value: JSON.stringify(event), headers: { 'event-type': event.type } })),
    });
    return events.map((event) => event.eventId);
  };

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    topic = `${TOPICS.referralIntake}${suffix}`;
    database = await createTestDatabase('projection_lost_commit', PROJECTION_HOST_MIGRATIONS);
    kafka = testKafka('projection-lost-commit-test');
    await createTopics(kafka, [topic], 1);
    producer = kafka.producer();
    await producer.connect();
    // The host's periodic look at the log also reloads the stored offsets: put off, so that the batches alone must find the way back.
    host = new ProjectionHost([decisions], kafka, database.dataSource, suffix, 'projection-test', { logCheckEveryMs: 600_000 });
  });

  afterAll(async () => {
    await host?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it('commits its batches without waiting for the disk, and applies again what a crash took back', async () => {
    const first = await publish(3);
    await host.start();
    expect(await host.catchUp('decisions', 20_000)).toBe(0);
    expect((await applied()).sort()).toEqual([...first].sort());
    expect(new Set(commitSettings)).toEqual(new Set(['off']));

    // What a crash leaves when it loses those commits: neither the rows nor the offsets, and a runner that believes them applied.
    await database.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM ${PROJECTION_SCHEMA}.applied_v1`);
      await manager.query(`UPDATE projection_offsets SET next_offset = 0 WHERE projection = 'decisions' AND version = 1`);
    });

    const second = await publish(2);
    await eventually(async () => expect((await applied()).sort()).toEqual([...first, ...second].sort()));
    expect(await host.catchUp('decisions', 20_000)).toBe(0);
  });
});
