import type { Kafka, Producer } from 'kafkajs';
import { TOPICS } from '@csc/contracts';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  testKafka,
  uniqueTopicSuffix,
  type TestDatabase,
  referralDecidedEnvelope,
} from '@csc/testing';
import { ProjectionHost } from './projection-host';
import { appliedDecisions, decisionsProjection } from './test/decisions-projection.spec-support';
import { PROJECTION_HOST_MIGRATIONS } from './test/projection-host-migrations.spec-support';

const decisions = decisionsProjection();

const decided = () => referralDecidedEnvelope();

/**
 * The broker's log lost under a projection. A new broker presents the same topic names holding
 * fewer records (here: the projection's offsets moved onto topics of another suffix, as the same
 * names on a fresh broker) or another cluster id (set in the version's row, as a new broker has).
 */
describe('a projection whose broker lost its log', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  const suffixes = [uniqueTopicSuffix(), uniqueTopicSuffix(), uniqueTopicSuffix(), uniqueTopicSuffix()];
  const hosts: ProjectionHost[] = [];

  const topicOf = (suffix: string) => `${TOPICS.referralIntake}${suffix}`;
  const publish = async (suffix: string, count: number) => {
    const events = Array.from({ length: count }, decided);
    await producer.send({
      topic: topicOf(suffix),
      acks: -1,
      messages: events.map((event) => ({ key: event.childId, value: JSON.stringify(event), headers: { 'event-type': event.type } })),
    });
    return events.map((event) => event.eventId);
  };
  const startHost = async (suffix: string) => {
    const host = new ProjectionHost([decisions], kafka, database.dataSource, suffix, 'projection-lost-log-test', { logCheckEveryMs: 200 });
    hosts.push(host);
    await host.start();
    return host;
  };
  const stopHosts = () => Promise.all(hosts.splice(0).map((host) => host.stop()));
  const appliedIn = async (version: number) => (await appliedDecisions(database.dataSource, version)).sort();
  const serving = async (host: ProjectionHost) => (await host.versions.list('decisions')).find((row) => row.state === 'CURRENT')!.version;

  beforeEach(async () => {
    database = await createTestDatabase('projection_lost_log', PROJECTION_HOST_MIGRATIONS);
    kafka = testKafka('projection-lost-log-test');
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    await stopHosts();
    await producer.disconnect();
    await database.drop();
  });

  beforeAll(() => createTopics(testKafka('projection-lost-log-topics'), suffixes.map(topicOf), 3));
  afterAll(() => deleteTopics(testKafka('projection-lost-log-cleanup'), suffixes.map(topicOf)));

  it('notices offsets past the ends of the partitions, says so, rebuilds from offset 0 and takes new events', async () => {
    const [before, after] = suffixes;
    await publish(before, 30);
    const first = await startHost(before);
    expect(await first.catchUp('decisions', 20_000)).toBe(0);
    await stopHosts();

    // The same topic names on a new broker: the projection's offsets now refer to a log it does not hold.
    await database.dataSource.query(`UPDATE projection_offsets SET topic = replace(topic, $1, $2)`, [before, after]);
    const onTheNewBroker = await publish(after, 6);
    const host = await startHost(after);
    // The runner connects in the background and checks the log as it does.
    await eventually(async () => {
      const [v1] = (await host.status()).filter((row) => row.version === 1);
      expect(v1.problem).toMatch(/offsets past the end of the broker's log .*: the log this version read was lost or replaced/);
    });
    expect(Object.keys(host.problems())).toContain('decisions v1');

    await eventually(async () => expect(await serving(host)).toBe(2), { timeoutMs: 20_000 });
    expect(await appliedIn(2)).toEqual([...onTheNewBroker].sort());
    await eventually(() => expect(host.problems()).toEqual({}));
    const arriving = await publish(after, 4);
    expect(await host.catchUp('decisions', 20_000)).toBe(0);
    const live = await appliedIn(2);
    expect(live).toEqual([...onTheNewBroker, ...arriving].sort());

    // A rebuild now equals the live view.
    await host.rebuild('decisions');
    await eventually(async () => expect(await serving(host)).toBe(3), { timeoutMs: 20_000 });
    expect(await appliedIn(3)).toEqual(live);
  });

  it('notices another cluster than the one its version read, and rebuilds from offset 0', async () => {
    const [, , suffix] = suffixes;
    const host = await startHost(suffix);
    const events = await publish(suffix, 5);
    expect(await host.catchUp('decisions', 20_000)).toBe(0);
    await stopHosts();

    await database.dataSource.query(`UPDATE projection_versions SET cluster_id = 'the-broker-before' WHERE version = 1`);
    const restarted = await startHost(suffix);
    await eventually(() =>
      expect(restarted.problems()['decisions v1']).toMatch(/is not the one this version read \(cluster the-broker-before\)/),
    );
    await eventually(async () => expect(await serving(restarted)).toBe(2), { timeoutMs: 20_000 });
    const { cluster_id } = (await database.dataSource.query(`SELECT cluster_id FROM projection_versions WHERE version = 2`))[0];
    expect(cluster_id).not.toBe('the-broker-before');
    expect(await appliedIn(2)).toEqual(expect.arrayContaining(events.sort()));
  });

  it('with two instances: one rebuild, and both serve it', async () => {
    const [, , , suffix] = suffixes;
    const first = await startHost(suffix);
    const events = await publish(suffix, 8);
    expect(await first.catchUp('decisions', 20_000)).toBe(0);
    await stopHosts();

    await database.dataSource.query(`UPDATE projection_versions SET cluster_id = 'the-broker-before' WHERE version = 1`);
    const instances = await Promise.all([startHost(suffix), startHost(suffix)]);
    await eventually(async () => expect(await serving(instances[0])).toBe(2), { timeoutMs: 20_000 });
    // Each instance reads the log from offset 0 into the one new version, and the old one is gone from both.
    await eventually(() => instances.forEach((instance) => expect(instance.problems()).toEqual({})), { timeoutMs: 10_000 });
    for (const instance of instances) expect(await instance.catchUp('decisions', 20_000)).toBe(0);
    expect((await database.dataSource.query(`SELECT version, state FROM projection_versions ORDER BY version`)) as unknown[]).toEqual([
      { version: 1, state: 'RETIRED' },
      { version: 2, state: 'CURRENT' },
    ]);
    expect(await appliedIn(2)).toEqual(expect.arrayContaining(events.sort()));
  });
});
