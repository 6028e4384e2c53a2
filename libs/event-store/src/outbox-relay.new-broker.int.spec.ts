import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  testKafka,
  TopicProbe,
  uniqueTopicSuffix,
  type TestDatabase,
} from '@csc/testing';
import { inspectBrokerWith, resetRelayCheckpoint } from './broker-log';
import { EventStore, NO_STREAM } from './event-store';
import { AddAppendRefusal1769000000000 } from './append-refusal.migration';
import { CreateEventStore1763800000000 } from './event-store.migration';
import { AddOutboxCheckpointCluster1767500000000 } from './outbox-broker.migration';
import { AddOutboxRelayPassFunction1768100000000 } from './outbox-relay-pass.migration';
import { OutboxRelay } from './outbox-relay';
import { createRelayProducer } from './relay-producer';
import { NO_PERSONAL_DATA } from './subject-sealer';
import type { AppendContext } from './stored-event';

const context: AppendContext = { actor: { sub: 'system', role: 'SYSTEM', org: '888' }, correlationId: randomUUID(), causationId: null };
const quietLogger = { log: () => undefined, warn: () => undefined };

/**
 * The broker's log lost, the history kept. A new broker looks to a relay like another cluster id
 * (set here in its checkpoint, as a fresh broker would present it) or like a topic with fewer records
 * than it published (here: the same relay pointed at an empty topic, as a recreated topic is).
 */
describe('OutboxRelay against a broker that is not the one it published to', () => {
  let database: TestDatabase;
  let store: EventStore;
  let kafka: Kafka;
  let topics: string[];
  const relays: OutboxRelay[] = [];
  const probes: TopicProbe[] = [];

  const startRelay = async (topic: string, onNewBroker?: 'halt' | 'republish') => {
    const relay = new OutboxRelay(
      database.dataSource,
      () => createRelayProducer(kafka),
      {
        name: 'relay-under-test',
        topic,
        databaseUrl: database.url,
        pollIntervalMs: 100,
        inspectBroker: inspectBrokerWith(kafka),
        brokerCheckIntervalMs: 200,
        onNewBroker,
      },
      quietLogger,
    );
    relays.push(relay);
    await relay.start();
    return relay;
  };
  const stopRelays = () => Promise.all(relays.splice(0).map((relay) => relay.stop()));
  const probe = async (topic: string) => {
    const started = await TopicProbe.start(kafka, [topic]);
    probes.push(started);
    return started;
  };
  const append = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      await store.append(
        `referral-${randomUUID()}`,
        NO_STREAM,
        [{ eventId: randomUUID(), type: 'ReferralReceived', schemaVersion: 1, occurredAt: new Date(), childId: randomUUID(), data: {} }],
        context,
      );
    }
  };
  const storedEventIds = async () =>
    ((await database.dataSource.query(`SELECT event_id FROM events ORDER BY global_position`)) as { event_id: string }[])
      .map((row) => row.event_id)
      .sort();
  const idsOn = (topicProbe: TopicProbe, topic: string) => topicProbe.on(topic).map((message) => message.headers['event-id']);
  const checkpoint = async () =>
    (await database.dataSource.query(`SELECT cluster_id, published_count::int AS published FROM outbox_checkpoints`))[0] as {
      cluster_id: string | null;
      published: number;
    };

  beforeEach(async () => {
    database = await createTestDatabase('relay-broker', [
      CreateEventStore1763800000000,
      AddOutboxCheckpointCluster1767500000000,
      AddOutboxRelayPassFunction1768100000000,
      AddAppendRefusal1769000000000,
    ]);
    store = new EventStore(database.dataSource, NO_PERSONAL_DATA);
    kafka = testKafka('relay-broker-test');
    topics = [`relay-old${uniqueTopicSuffix()}`, `relay-new${uniqueTopicSuffix()}`];
    await createTopics(kafka, topics);
  });

  afterEach(async () => {
    await stopRelays();
    await Promise.all(probes.splice(0).map((started) => started.stop()));
    await database.drop();
    await deleteTopics(kafka, topics);
  });

  it('records the cluster it publishes to, halts saying why on another cluster, and republishes the whole log when reset', async () => {
    const [topic] = topics;
    const topicProbe = await probe(topic);
    await startRelay(topic);
    await append(3);
    await eventually(() => expect(topicProbe.on(topic)).toHaveLength(3));
    const { clusterId } = await inspectBrokerWith(kafka)(topic);
    // Recorded at the relay's first look at the broker after publishing: its next pass, perhaps after the messages arrived.
    await eventually(async () => expect((await checkpoint()).cluster_id).toBe(clusterId));

    await stopRelays();
    await database.dataSource.query(`UPDATE outbox_checkpoints SET cluster_id = 'the-broker-before'`);
    const relay = await startRelay(topic);
    await append(1);
    const status = await eventually(() => {
      expect(relay.getStatus().halted).toMatch(/not the one this service published to \(cluster the-broker-before\).*npm run republish/);
      return relay.getStatus();
    });
    expect(status.healthy).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(topicProbe.on(topic)).toHaveLength(3); // the new event waits in the outbox

    await database.dataSource.transaction((manager) => resetRelayCheckpoint(manager, 'relay-under-test'));
    const stored = await storedEventIds();
    await eventually(() => expect(topicProbe.on(topic)).toHaveLength(3 + 4)); // the first three again, then all four
    expect([...new Set(idsOn(topicProbe, topic))].sort()).toEqual(stored);
    // Set when the pass that sent them has committed its checkpoint: a moment after the messages can be read.
    await eventually(() => expect(relay.getStatus()).toMatchObject({ halted: null, healthy: true }));
    // The cluster is recorded at the first look after publishing from the beginning.
    await eventually(async () => expect(await checkpoint()).toEqual({ cluster_id: clusterId, published: 4 }));
  });

  it('notices a topic holding fewer records than it published, and under the republish policy makes it whole by itself', async () => {
    const [oldTopic, newTopic] = topics;
    await startRelay(oldTopic);
    await append(3);
    await eventually(async () => expect((await checkpoint()).published).toBe(3));
    await stopRelays();

    const halted = await startRelay(newTopic);
    await append(2);
    await eventually(() => expect(halted.getStatus().halted).toMatch(/holds 0 records but this service published 3 to it/));
    await stopRelays();

    const newProbe = await probe(newTopic);
    await startRelay(newTopic, 'republish');
    const stored = await storedEventIds();
    await eventually(() => expect(newProbe.on(newTopic)).toHaveLength(5));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = idsOn(newProbe, newTopic);
    expect(ids).toHaveLength(5); // once per id
    expect([...ids].sort()).toEqual(stored);
    expect((await checkpoint()).published).toBe(5);
  });
});
