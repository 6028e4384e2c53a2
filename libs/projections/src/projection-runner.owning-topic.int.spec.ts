import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { TOPICS, type EventEnvelope } from '@csc/contracts';
import { createTestDatabase, createTopics, referralDecidedEnvelope, testKafka, uniqueTopicSuffix, type TestDatabase } from '@csc/testing';
import { PROJECTION_SCHEMA, type ProjectionDefinition } from './projection';
import { ProjectionHost } from './projection-host';
import { PROJECTION_HOST_MIGRATIONS } from './test/projection-host-migrations.spec-support';

const CHILD = '44444444-4444-4444-8444-444444444444';

/** A projection over two services' topics that keeps one row per event it applied. */
const decisions: ProjectionDefinition = {
  name: 'decisions',
  topics: [TOPICS.referralIntake, TOPICS.earlyHelp],
  eventTypes: ['ReferralDecided', 'EarlyHelpSteppedUp'],
  tables: ['applied'],
  createTables: (manager, tables) => manager.query(`CREATE TABLE ${tables.applied} (event_id uuid PRIMARY KEY, event_type text NOT NULL)`),
  apply: async (manager, events, tables) => {
    for (const event of events) {
      await manager.query(`INSERT INTO ${tables.applied} VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.eventId, event.type]);
    }
  },
};

describe('a projection reads an event only from the topic that owns its type', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let host: ProjectionHost;
  let suffix: string;
  const topic = (base: string) => `${base}${suffix}`;

  // Data as a consumer requires it (projections read tolerantly but check required fields); subjects erased.
  const DATA: Record<string, object> = {
    ReferralDecided: referralDecidedEnvelope({ childId: CHILD }).data as object,
    EarlyHelpSteppedUp: {
      episodeId: randomUUID(),
      childId: CHILD,
      steppedUpAt: '2025-01-06T09:30:00.000Z',
      sex: 'F',
      schoolUrn: null,
      consentGiven: true,
      subject: null,
    },
  };
  const envelope = (type: string): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    streamId: `referral-${randomUUID()}`,
    streamVersion: 1,
    childId: CHILD,
    correlationId: randomUUID(),
    causationId: null,
    actor: { sub: 'front-door-worker', role: 'FRONT_DOOR', org: 'LA888' },
    data: DATA[type],
  });
  const publish = (onTopic: string, event: EventEnvelope) =>
    producer.send({
      topic: onTopic,
      acks: -1,
      messages: [{ key: CHILD, value: JSON.stringify(event), headers: { 'event-type': event.type } }],
    });

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    database = await createTestDatabase('projection_owning_topic', PROJECTION_HOST_MIGRATIONS);
    kafka = testKafka('projection-owning-topic-test');
    await createTopics(kafka, decisions.topics.map(topic));
    producer = kafka.producer();
    await producer.connect();
    host = new ProjectionHost([decisions], kafka, database.dataSource, suffix, 'projection-test');
  });

  afterAll(async () => {
    await host?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it("passes over a ReferralDecided found on early help's topic and applies the one on referral-intake's", async () => {
    const forged = envelope('ReferralDecided');
    const steppedUp = envelope('EarlyHelpSteppedUp');
    const genuine = envelope('ReferralDecided');
    await publish(topic(TOPICS.earlyHelp), forged);
    await publish(topic(TOPICS.earlyHelp), steppedUp);
    await publish(topic(TOPICS.referralIntake), genuine);

    await host.start();
    expect(await host.catchUp('decisions', 20_000)).toBe(0);

    const applied = await database.dataSource.query(`SELECT event_id, event_type FROM ${PROJECTION_SCHEMA}.applied_v1 ORDER BY event_type`);
    expect(applied).toEqual([
      { event_id: steppedUp.eventId, event_type: 'EarlyHelpSteppedUp' },
      { event_id: genuine.eventId, event_type: 'ReferralDecided' },
    ]);
  });
});
