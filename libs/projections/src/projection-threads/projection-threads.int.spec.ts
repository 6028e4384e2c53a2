import type { Kafka, Producer } from 'kafkajs';
import { TOPICS, deadLetterTopicOf } from '@csc/contracts';
import { ConsumerHealth, CreateDeadLetters1767500000000, DeadLetters } from '@csc/messaging';
import {
  createTestDatabase,
  createTopics,
  eventually,
  referralDecidedEnvelope,
  testKafka,
  testKafkaRecipe,
  uniqueTopicSuffix,
  type TestDatabase,
} from '@csc/testing';
import { ProjectionHost } from '../projection-host';
import { appliedDecisions } from '../test/decisions-projection.spec-support';
import { PROJECTION_HOST_MIGRATIONS } from '../test/projection-host-migrations.spec-support';
import { THREAD_TEST_TABLES, THREADED_DECISIONS } from '../test/threaded-decisions.spec-support';

const CHILD = '66666666-6666-4666-8666-666666666666';

describe('a projection host running its versions in projection threads', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let host: ProjectionHost;
  let deadLetters: DeadLetters;
  let topic: string;
  let group: (version: number) => string;
  const health = new ConsumerHealth(60_000);

  const publish = async (...events: ReturnType<typeof referralDecidedEnvelope>[]) => {
    await producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({ key: CHILD, value: JSON.stringify(event), headers: { 'event-type': event.type } })),
    });
  };
  const decided = () => referralDecidedEnvelope({ childId: CHILD });
  /** The thread that applied the latest batch. */
  const lastThread = async () =>
    Number(
      (await database.dataSource.query(`SELECT thread_id FROM ${THREAD_TEST_TABLES.appliedIn} ORDER BY at DESC LIMIT 1`))[0].thread_id,
    );
  const mark = (table: string, eventId: string) => database.dataSource.query(`INSERT INTO ${table} (event_id) VALUES ($1)`, [eventId]);

  beforeAll(async () => {
    const suffix = uniqueTopicSuffix();
    topic = `${TOPICS.referralIntake}${suffix}`;
    group = (version) => `projection-thread-test.decisions.v${version}${suffix}`;
    database = await createTestDatabase('projection_threads', [...PROJECTION_HOST_MIGRATIONS, CreateDeadLetters1767500000000]);
    await database.dataSource.query(`CREATE TABLE ${THREAD_TEST_TABLES.poison} (event_id uuid PRIMARY KEY)`);
    await database.dataSource.query(`CREATE TABLE ${THREAD_TEST_TABLES.fatal} (event_id uuid PRIMARY KEY)`);
    await database.dataSource.query(`CREATE TABLE ${THREAD_TEST_TABLES.appliedIn} (at bigserial PRIMARY KEY, thread_id int NOT NULL)`);
    kafka = testKafka('projection-thread-test');
    await createTopics(kafka, [topic, deadLetterTopicOf(topic)], 1);
    producer = kafka.producer();
    await producer.connect();
    deadLetters = new DeadLetters(database.dataSource);
    host = new ProjectionHost(THREADED_DECISIONS, kafka, database.dataSource, suffix, 'projection-thread-test', {
      deadLetters,
      health,
      threads: {
        count: 2,
        definitions: { path: require.resolve('../test/threaded-decisions.spec-support'), exportName: 'THREADED_DECISIONS' },
        kafka: testKafkaRecipe('projection-thread-test'),
      },
    });
  });

  afterAll(async () => {
    await host?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it('applies in a thread of its own, dead-letters what it cannot apply, replays it once fixed, and rebuilds', async () => {
    const [before, poison, after] = [decided(), decided(), decided()];
    await mark(THREAD_TEST_TABLES.poison, poison.eventId);
    await publish(before, poison, after);

    await host.start();
    expect(await host.catchUp('decisions', 30_000)).toBe(0);
    expect((await appliedDecisions(database.dataSource)).sort()).toEqual([before.eventId, after.eventId].sort());
    const threads: { thread_id: number }[] = await database.dataSource.query(
      `SELECT DISTINCT thread_id FROM ${THREAD_TEST_TABLES.appliedIn}`,
    );
    expect(threads.length).toBeGreaterThan(0);
    expect(threads.every(({ thread_id }) => thread_id !== 0)).toBe(true);

    // The thread's progress, dead letter and readiness reach the host's side.
    const [letter] = await deadLetters.list({ status: 'PARKED' });
    expect(letter).toMatchObject({
      consumer: group(1),
      eventId: poison.eventId,
      error: `Error: cannot apply ReferralDecided ${poison.eventId}`,
    });
    expect(await host.status()).toEqual([
      expect.objectContaining({ projection: 'decisions', version: 1, state: 'CURRENT', lag: 0, position: 3, deadLettered: 1 }),
    ]);
    expect(health.healthy).toBe(true);

    // Replayed from the host's dead letters (as /v1/dead-letters does), applied by the thread's runner.
    await database.dataSource.query(`DELETE FROM ${THREAD_TEST_TABLES.poison}`);
    expect(await deadLetters.replay(letter.id, 'ops-1')).toEqual({ id: letter.id, result: 'REPLAYED', applied: true });
    expect(await appliedDecisions(database.dataSource)).toContain(poison.eventId);

    // A rebuild runs in a thread too, takes over once caught up, and the old version's runner stops.
    expect(await host.rebuild('decisions')).toEqual({ version: 2, started: true });
    await eventually(
      async () => expect(await host.status()).toEqual([expect.objectContaining({ version: 2, state: 'CURRENT', lag: 0, position: 3 })]),
      { timeoutMs: 30_000 },
    );
    expect((await appliedDecisions(database.dataSource, 2)).sort()).toEqual([before, poison, after].map((event) => event.eventId).sort());
    expect(health.problems).toEqual({});
  });

  it('reports the versions of a thread that dies crashed, and starts them again in another thread', async () => {
    const rebuiltIn = await lastThread();
    const fatal = decided();
    await mark(THREAD_TEST_TABLES.fatal, fatal.eventId);
    await publish(fatal);

    await eventually(() => expect(health.problems[group(2)]).toMatch(/^crashed: its projection thread stopped: it exited with code 1$/), {
      timeoutMs: 30_000,
    });
    expect(health.healthy).toBe(false);
    expect(await appliedDecisions(database.dataSource, 2)).not.toContain(fatal.eventId);

    // Once what killed it is gone, a new thread reads on from the offsets the rows were written with.
    await database.dataSource.query(`DELETE FROM ${THREAD_TEST_TABLES.fatal}`);
    await eventually(
      async () => {
        expect(await appliedDecisions(database.dataSource, 2)).toContain(fatal.eventId);
        expect(health.healthy).toBe(true);
      },
      { timeoutMs: 30_000 },
    );
    expect(await lastThread()).not.toBe(rebuiltIn);
    expect(await host.status()).toEqual([expect.objectContaining({ version: 2, state: 'CURRENT', lag: 0, position: 4 })]);
    await host.stop();
  });
});
