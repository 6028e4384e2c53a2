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
import { PROJECTION_SCHEMA, type ProjectionDefinition } from './projection';
import { ProjectionHost } from './projection-host';
import { PROJECTION_HOST_MIGRATIONS } from './test/projection-host-migrations.spec-support';

/** One row per application of an event, with no key: an event applied twice would show as two rows. */
const decisions: ProjectionDefinition = {
  name: 'decisions',
  topics: [TOPICS.referralIntake],
  eventTypes: ['ReferralDecided'],
  tables: ['applied'],
  createTables: (manager, tables) => manager.query(`CREATE TABLE ${tables.applied} (event_id uuid NOT NULL)`),
  apply: async (manager, events, tables) => {
    await manager.query(`INSERT INTO ${tables.applied} SELECT unnest($1::uuid[])`, [events.map((event) => event.eventId)]);
  },
};

const decided = () => referralDecidedEnvelope();

describe('a projection run by two instances of its service', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let suffix: string;
  const hosts: ProjectionHost[] = [];

  const publish = async (count: number) => {
    const events = Array.from({ length: count }, decided);
    await producer.send({
      topic: `${TOPICS.referralIntake}${suffix}`,
      acks: -1,
      messages: events.map((event) => ({ key: event.childId, value: JSON.stringify(event), headers: { 'event-type': event.type } })),
    });
  };
  const appliedIn = async (version: number) =>
    (
      await database.dataSource.query(
        `SELECT count(*)::int AS applications, count(DISTINCT event_id)::int AS events FROM ${PROJECTION_SCHEMA}.applied_v${version}`,
      )
    )[0] as { applications: number; events: number };
  const versionsRunBy = async (host: ProjectionHost) => (await host.status()).map(({ version, state }) => `v${version} ${state}`);

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    database = await createTestDatabase('projection_instances', PROJECTION_HOST_MIGRATIONS);
    kafka = testKafka('projection-instances-test');
    await createTopics(kafka, [`${TOPICS.referralIntake}${suffix}`], 3);
    producer = kafka.producer();
    await producer.connect();
    // Two instances of one service: the same database, topics and consumer groups.
    for (let instance = 0; instance < 2; instance += 1) {
      hosts.push(new ProjectionHost([decisions], kafka, database.dataSource, suffix, 'projection-test'));
    }
  });

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    await producer?.disconnect();
    await database?.drop();
  });

  it('applies each event once between them, and a rebuild asked of one is built by both and swapped in on both', async () => {
    const [first, second] = hosts;
    await publish(300);
    await Promise.all(hosts.map((host) => host.start()));
    for (const host of hosts) expect(await host.catchUp('decisions', 30_000)).toBe(0);
    expect(await appliedIn(1)).toEqual({ applications: 300, events: 300 });

    await first.rebuild('decisions');
    // The second instance finds the new version by itself and joins its consumer group.
    await eventually(async () => expect(await versionsRunBy(second)).toContain('v2 BUILDING'), { timeoutMs: 15_000 }).catch(
      async (error) => {
        // The rebuild of 300 events may already have swapped: then the second runs v2 as CURRENT.
        if (!(await versionsRunBy(second)).includes('v2 CURRENT')) throw error;
      },
    );
    await eventually(async () => expect(await versionsRunBy(first)).toEqual(['v2 CURRENT']), { timeoutMs: 30_000 });
    // The swap retired v1 everywhere: the second stops its v1 runner and serves v2.
    await eventually(async () => expect(await versionsRunBy(second)).toEqual(['v2 CURRENT']), { timeoutMs: 15_000 });

    await publish(50);
    for (const host of hosts) expect(await host.catchUp('decisions', 30_000)).toBe(0);
    expect(await appliedIn(2)).toEqual({ applications: 350, events: 350 });
  });
});
