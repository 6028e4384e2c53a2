/**
 * How fast the outbox relay moves committed events from PostgreSQL to Kafka (acks=all, idempotent).
 * Appends N events first, then times a relay from start until its checkpoint has published them all.
 *   npm run bench:relay -- [events=100000] [batchSize=2000]
 * Starts the broker if none answers (and stops it after); writes bench/results/relay-publish-rate.json.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AddAppendRefusal1769000000000,
  AddOutboxRelayPassFunction1768100000000,
  CreateEventStore1763800000000,
  EventStore,
  NO_PERSONAL_DATA,
  OutboxRelay,
  createRelayProducer,
  type NewEvent,
} from '@csc/event-store';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  publishTestInfrastructure,
  startTestInfrastructure,
  testKafka,
  uniqueTopicSuffix,
} from '@csc/testing';

const main = async () => {
  const events = Number(process.argv[2] ?? 100_000);
  const batchSize = Number(process.argv[3] ?? 2000);
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  const database = await createTestDatabase('bench_relay', [
    CreateEventStore1763800000000,
    AddOutboxRelayPassFunction1768100000000,
    AddAppendRefusal1769000000000,
  ]);
  const kafka = testKafka('bench-relay');
  const topic = `bench.relay${uniqueTopicSuffix()}`;
  await createTopics(kafka, [topic], 6);
  try {
    const store = new EventStore(database.dataSource, NO_PERSONAL_DATA);
    const children = Array.from({ length: 500 }, () => randomUUID());
    const context = { actor: { sub: 'bench', role: 'SYSTEM' as const, org: 'LA888' }, correlationId: randomUUID(), causationId: null };
    const appendStarted = Date.now();
    for (let start = 0; start < events; start += 1000) {
      const chunk: NewEvent[] = Array.from({ length: Math.min(1000, events - start) }, (_, index) => ({
        eventId: randomUUID(),
        type: 'ReferralReceived',
        schemaVersion: 1,
        occurredAt: new Date(),
        childId: children[(start + index) % children.length],
        data: { referralSource: '2A', referrerOrganisationId: '100001', receivedAt: new Date().toISOString(), sequence: start + index },
      }));
      await store.append(`bench-${start}`, 0, chunk, context);
    }
    const appendSeconds = (Date.now() - appendStarted) / 1000;

    const relay = new OutboxRelay(
      database.dataSource,
      () => createRelayProducer(kafka),
      { name: 'bench', topic, databaseUrl: database.url, batchSize },
      { log: () => undefined, warn: console.warn },
    );
    const started = process.hrtime.bigint();
    await relay.start();
    for (;;) {
      const [{ published }] = await database.dataSource.query(
        `SELECT published_count::int AS published FROM outbox_checkpoints WHERE relay = 'bench'`,
      );
      if (published >= events) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await relay.stop();

    const result = {
      scenario: 'outbox relay: PostgreSQL events table to Kafka (acks=all, idempotent producer)',
      events,
      batchSize,
      partitions: 6,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(events / seconds),
      appendEventsPerSecond: Math.round(events / appendSeconds),
      machine: `${process.platform} ${process.arch}, node ${process.version}`,
      measuredAt: new Date().toISOString(),
    };
    console.table(result);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'relay-publish-rate.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await deleteTopics(kafka, [topic]);
    await database.drop();
    await infrastructure.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
