import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { resolve } from 'node:path';
import type { ISocketFactory, Kafka } from 'kafkajs';
import {
  createTestDatabase,
  createTopics,
  eventually,
  testEnvironment,
  testKafka,
  testToolEnvironment,
  TopicProbe,
  uniqueTopicSuffix,
  type TestDatabase,
} from '@csc/testing';
import { EventStore, NO_STREAM } from './event-store';
import { NO_PERSONAL_DATA } from './subject-sealer';
import { AddAppendRefusal1769000000000 } from './append-refusal.migration';
import { CreateEventStore1763800000000 } from './event-store.migration';
import { AddOutboxRelayPassFunction1768100000000 } from './outbox-relay-pass.migration';
import { OutboxRelay } from './outbox-relay';
import { createRelayProducer } from './relay-producer';
import type { AppendContext, NewEvent } from './stored-event';

const context: AppendContext = { actor: { sub: 'system', role: 'SYSTEM', org: '888' }, correlationId: randomUUID(), causationId: null };
const childA = '11111111-1111-4111-8111-111111111111';
const eventFor = (childId: string | null, type = 'ReferralReceived'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  occurredAt: new Date(),
  childId,
  data: { marker: randomUUID() },
});
const quietLogger = { log: () => undefined, warn: () => undefined };
const eventIdsOn = (probe: TopicProbe, topic: string) => probe.on(topic).map((message) => message.headers['event-id']);

/** A socket factory that can cut this client off from the real broker, as a broker outage looks to the relay. */
class SwitchableNetwork {
  down = false;
  private readonly sockets = new Set<Socket>();
  readonly socketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    const socket = this.down ? connect({ host: '127.0.0.1', port: 1 }) : reach(host, port, ssl, onConnect);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  };
  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy(new Error('network cut by test'));
  }
  restore(): void {
    this.down = false;
  }
}

/** As kafkajs's own socket factory does: TLS when the client is configured for it (a secured broker). */
const reach = (host: string, port: number, ssl: Parameters<ISocketFactory>[0]['ssl'], onConnect: () => void): Socket =>
  ssl ? connectTls({ host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect) : connect({ host, port }, onConnect);

describe('OutboxRelay against PostgreSQL and Kafka', () => {
  let database: TestDatabase;
  let store: EventStore;
  let kafka: Kafka;
  let topic: string;
  let probe: TopicProbe;
  const relays: OutboxRelay[] = [];

  const startRelay = async (
    options: { kafkaClient?: Kafka; batchSize?: number; name?: string; maxBatchBytes?: number; minWakeIntervalMs?: number } = {},
  ) => {
    const relay = new OutboxRelay(
      database.dataSource,
      () => createRelayProducer(options.kafkaClient ?? kafka),
      {
        name: options.name ?? 'relay-under-test',
        topic,
        databaseUrl: database.url,
        batchSize: options.batchSize,
        maxBatchBytes: options.maxBatchBytes,
        minWakeIntervalMs: options.minWakeIntervalMs,
        maxBackoffMs: 500,
      },
      quietLogger,
    );
    relays.push(relay);
    await relay.start();
    return relay;
  };

  beforeEach(async () => {
    database = await createTestDatabase('relay', [
      CreateEventStore1763800000000,
      AddOutboxRelayPassFunction1768100000000,
      AddAppendRefusal1769000000000,
    ]);
    store = new EventStore(database.dataSource, NO_PERSONAL_DATA);
    kafka = testKafka('relay-test');
    topic = `relay${uniqueTopicSuffix()}`;
    await createTopics(kafka, [topic]);
    probe = await TopicProbe.start(kafka, [topic]);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await probe.stop();
    await database.drop();
  });

  it('publishes each appended event with its envelope, the child id as key and the contract headers', async () => {
    await startRelay();
    const event = eventFor(childA);
    await store.append('referral-1', NO_STREAM, [event], {
      ...context,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });

    const [message] = await eventually(() => {
      expect(probe.on(topic)).toHaveLength(1);
      return probe.on(topic);
    });
    expect(message.key).toBe(childA);
    expect(message.headers).toMatchObject({
      'event-type': 'ReferralReceived',
      'schema-version': '1',
      'event-id': event.eventId,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(JSON.parse(message.value!)).toEqual({
      eventId: event.eventId,
      type: 'ReferralReceived',
      schemaVersion: 1,
      occurredAt: event.occurredAt.toISOString(),
      recordedAt: expect.any(String),
      streamId: 'referral-1',
      streamVersion: 1,
      childId: childA,
      correlationId: context.correlationId,
      causationId: null,
      actor: context.actor,
      data: event.data,
    });
  });

  it('never skips an event whose transaction commits late, and publishes in transaction order per key', async () => {
    const relay = await startRelay();
    const earlier = database.dataSource.createQueryRunner();
    const later = database.dataSource.createQueryRunner();
    await earlier.startTransaction();
    await earlier.query('SELECT pg_current_xact_id()'); // the earlier transaction takes its id first
    await later.startTransaction();
    await later.query('SELECT pg_current_xact_id()');
    const fromLater = eventFor(childA);
    const fromEarlier = eventFor(childA);

    // The later-started transaction writes and commits first: its event has the lower position.
    await store.append('stream-later', NO_STREAM, [fromLater], context, later.manager);
    await later.commitTransaction();
    const passesAfterCommit = relay.getStatus().passes;
    await eventually(() => expect(relay.getStatus().passes).toBeGreaterThanOrEqual(passesAfterCommit + 2));
    // While the earlier transaction is open, publishing the later one would let the earlier be skipped.
    expect(relay.getStatus().publishedSinceStart).toBe(0);

    await store.append('stream-earlier', NO_STREAM, [fromEarlier], context, earlier.manager);
    await earlier.commitTransaction();
    await Promise.all([earlier.release(), later.release()]);

    await eventually(() => expect(eventIdsOn(probe, topic)).toEqual([fromEarlier.eventId, fromLater.eventId]));
  });

  it('loses nothing when the relay process is killed mid-stream and restarted', async () => {
    const total = 3000;
    const children = Array.from({ length: 12 }, () => randomUUID());
    const events = Array.from({ length: total }, (_, index) => eventFor(children[index % children.length]));
    for (let start = 0; start < total; start += 500) {
      await store.append(`stream-${start}`, NO_STREAM, events.slice(start, start + 500), context);
    }

    const crashed = spawnRelayProcess(database.url, topic);
    try {
      await eventually(() => expect(probe.on(topic).length).toBeGreaterThanOrEqual(100), { timeoutMs: 60_000 });
      crashed.kill('SIGKILL');
      await new Promise((done) => crashed.once('exit', done));
    } finally {
      crashed.kill('SIGKILL');
    }
    const [{ published }] = await database.dataSource.query(`SELECT published_count::int AS published FROM outbox_checkpoints`);
    expect(published).toBeLessThan(total); // it really was killed mid-stream

    await startRelay({ batchSize: 200 });

    await eventually(() => expect(new Set(eventIdsOn(probe, topic)).size).toBe(total), { timeoutMs: 60_000 });
    // At least once: a batch published before the crash's checkpoint may come again, never out of order per child.
    for (const child of children) {
      const firstSeen = [
        ...new Set(
          probe
            .on(topic)
            .filter((m) => m.key === child)
            .map((m) => m.headers['event-id']),
        ),
      ];
      expect(firstSeen).toEqual(events.filter((event) => event.childId === child).map((event) => event.eventId));
    }
  });

  it('keeps events waiting while the broker is unreachable and publishes them all when it is back', async () => {
    const network = new SwitchableNetwork();
    const relay = await startRelay({ kafkaClient: testKafka('relay-outage', network.socketFactory) });
    const before = eventFor(childA);
    await store.append('stream-before', NO_STREAM, [before], context);
    await eventually(() => expect(eventIdsOn(probe, topic)).toEqual([before.eventId]));

    network.cut();
    const during = Array.from({ length: 50 }, () => eventFor(childA));
    await store.append('stream-during', NO_STREAM, during, context);
    await eventually(() => expect(relay.getStatus().consecutiveFailures).toBeGreaterThanOrEqual(1), { timeoutMs: 90_000 });
    const [{ published }] = await database.dataSource.query(`SELECT published_count::int AS published FROM outbox_checkpoints`);
    expect(published).toBe(1);

    network.restore();
    await eventually(() => expect(new Set(eventIdsOn(probe, topic)).size).toBe(51), { timeoutMs: 90_000 });
    expect([...new Set(eventIdsOn(probe, topic))]).toEqual([before, ...during].map((event) => event.eventId));
  });

  it('splits a backlog of large events into batches Kafka accepts, in order', async () => {
    const relay = await startRelay({ maxBatchBytes: 20_000 });
    const large = Array.from({ length: 30 }, () => ({ ...eventFor(childA), data: { padding: 'x'.repeat(4000) } }));
    await store.append('stream-large', NO_STREAM, large, context);

    await eventually(() => expect(eventIdsOn(probe, topic)).toEqual(large.map((event) => event.eventId)));
    expect(relay.getStatus().passes).toBeGreaterThan(6); // 30 x ~5 KB in 20 KB batches
  });

  it('publishes an event whose occurredAt is in the future (the Kafka timestamp is when it was stored)', async () => {
    await startRelay();
    const scheduled = { ...eventFor(childA), occurredAt: new Date(Date.now() + 3 * 24 * 3600 * 1000) };
    await store.append('stream-future', NO_STREAM, [scheduled], context);
    await eventually(() => expect(eventIdsOn(probe, topic)).toEqual([scheduled.eventId]));
  });

  it('publishes a steady stream of appends a few at a pass, each once and in order, with no empty pass after each', async () => {
    const relay = await startRelay({ minWakeIntervalMs: 300 });
    await eventually(() => expect(relay.getStatus().passes).toBeGreaterThanOrEqual(1));
    const passesBefore = relay.getStatus().passes;
    const events = Array.from({ length: 12 }, () => eventFor(childA));
    // One append after another, each committed (and notified) on its own, as a service's requests come.
    for (const [index, event] of events.entries()) await store.append(`steady-${index}`, NO_STREAM, [event], context);

    await eventually(() => expect(eventIdsOn(probe, topic)).toEqual(events.map((event) => event.eventId)));
    // Woken by each append, one pass at once and then no more than one per 300 ms: far fewer passes than appends.
    expect(relay.getStatus().passes - passesBefore).toBeLessThan(events.length);
  });

  it('lets two relay instances share one database without publishing anything twice', async () => {
    await Promise.all([startRelay({ batchSize: 25 }), startRelay({ batchSize: 25 })]);
    const events = Array.from({ length: 400 }, (_, index) => eventFor(index % 2 ? childA : null));
    for (let start = 0; start < events.length; start += 20) {
      await store.append(`stream-${start}`, NO_STREAM, events.slice(start, start + 20), context);
    }

    await eventually(() => expect(probe.on(topic)).toHaveLength(400), { timeoutMs: 60_000 });
    expect(new Set(eventIdsOn(probe, topic)).size).toBe(400);
  });
});

const spawnRelayProcess = (databaseUrl: string, topic: string): ChildProcess =>
  spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '../test/relay-process.ts')], {
    cwd: resolve(__dirname, '../../..'),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testEnvironment().kafkaBrokers,
      // The relay under test writes to a topic of the test's own, which no service principal may: as admin on the secured broker.
      ...testToolEnvironment(),
      RELAY_TOPIC: topic,
      RELAY_BATCH_SIZE: '10',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
