import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deadLetterTopicOf, type EventEnvelope } from '@csc/contracts';
import { createTestDatabase, createTopics, eventually, testKafka, uniqueTopicSuffix, type TestDatabase } from '@csc/testing';
import { EventFailureFilter } from './event-failure.filter';
import { EventInbox } from './event-inbox';
import { CreateInbox1763800000001 } from './inbox.migration';
import { KafkaEventContext } from './kafka-event.context';
import { KafkaEventServer } from './kafka-event.server';
import { OFFSET_COMMIT_INTERVAL_MS } from './paced-offset-commits';
import { CreateParkedEvents1767400000000 } from './parked-events.migration';
import { CreateDeadLetters1767500000000 } from './dead-letters.migration';

class CreateWeighedTable1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE TABLE weighed (event_id uuid NOT NULL)`);
  }
  async down() {}
}

const CHILD = '33333333-3333-4333-8333-333333333333';

/** How far a group tells Kafka it has got: paced, never behind once quiet, and all of it as the service stops. */
describe('KafkaEventServer: the progress it commits to Kafka', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let topic: string;

  const envelope = (): EventEnvelope => ({
    eventId: randomUUID(),
    type: 'WidgetWeighed',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    streamId: `widget-${randomUUID()}`,
    streamVersion: 1,
    childId: CHILD,
    correlationId: randomUUID(),
    causationId: null,
    actor: { sub: 'tester', role: 'ADMIN', org: '888' },
    data: {},
  });
  // One key, one partition: the partition's end is where the group must get to.
  const publish = (event: EventEnvelope) => producer.send({ topic, acks: -1, messages: [{ key: CHILD, value: JSON.stringify(event) }] });
  const weighed = async (event: EventEnvelope) =>
    (await database.dataSource.query(`SELECT 1 FROM weighed WHERE event_id = $1`, [event.eventId])).length === 1;
  const partitionEnd = async () => {
    const ends = await admin.fetchTopicOffsets(topic);
    return ends.reduce((sum, { high }) => sum + Number(high), 0);
  };
  const committed = async (groupId: string) => {
    const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
  };

  const startScales = async (groupId: string): Promise<{ microservice: INestMicroservice; server: KafkaEventServer }> => {
    @Controller()
    class WidgetScales {
      @EventPattern('WidgetWeighed', { topic })
      async weigh(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        await context.manager.query(`INSERT INTO weighed (event_id) VALUES ($1)`, [event.eventId]);
      }
    }
    const moduleRef = await Test.createTestingModule({ controllers: [WidgetScales] }).compile();
    const server = new KafkaEventServer({ kafka, groupId, inbox: new EventInbox(database.dataSource) });
    const microservice = moduleRef.createNestMicroservice({ strategy: server, logger: false });
    microservice.useGlobalFilters(new EventFailureFilter());
    await microservice.listen();
    return { microservice, server };
  };

  beforeAll(async () => {
    database = await createTestDatabase('messaging_offsets', [
      CreateInbox1763800000001,
      CreateParkedEvents1767400000000,
      CreateDeadLetters1767500000000,
      CreateWeighedTable1700000000000,
    ]);
    kafka = testKafka('messaging-offsets-test');
    topic = `widget-scales${uniqueTopicSuffix()}`;
    await createTopics(kafka, [topic, deadLetterTopicOf(topic)]);
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await database?.drop();
  });

  it('commits at most once a second while events keep coming, and reaches the end once they stop', async () => {
    const groupId = `scales-${randomUUID()}`;
    const { microservice, server } = await startScales(groupId);
    try {
      // Its consumer is made as the server connects, in the background.
      const consumer = await eventually(() => {
        const [made] = server.unwrap<{ consumers: Consumer[] }>().consumers;
        expect(made).toBeDefined();
        return made;
      });
      let commits = 0;
      consumer.on(consumer.events.COMMIT_OFFSETS, () => (commits += 1));
      await eventually(async () => {
        const warmUp = envelope();
        await publish(warmUp);
        await eventually(async () => expect(await weighed(warmUp)).toBe(true), { timeoutMs: 1_000 });
      });
      const startedAt = Date.now();
      commits = 0;
      // One at a time, each its own batch: committed after each batch, that would be a commit each.
      const events = Array.from({ length: 30 }, envelope);
      for (const event of events) {
        await publish(event);
        await eventually(async () => expect(await weighed(event)).toBe(true));
      }
      const seconds = (Date.now() - startedAt) / OFFSET_COMMIT_INTERVAL_MS;
      expect(commits).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      expect(commits).toBeLessThan(events.length);
      // Quiet now: the last progress reaches Kafka within the interval, with no event behind it.
      const end = await partitionEnd();
      await eventually(async () => expect(await committed(groupId)).toBe(end), { timeoutMs: 3 * OFFSET_COMMIT_INTERVAL_MS });
    } finally {
      await microservice.close();
    }
  });

  it('commits the progress not yet committed as the service stops', async () => {
    const groupId = `scales-${randomUUID()}`;
    const { microservice } = await startScales(groupId);
    let closed = false;
    try {
      const first = envelope();
      await eventually(async () => {
        await publish(envelope());
        await eventually(async () => expect(await committed(groupId)).toBeGreaterThan(0), { timeoutMs: 1_000 });
      });
      // Within the interval of the commit above: this progress is pending when the service stops.
      await publish(first);
      await eventually(async () => expect(await weighed(first)).toBe(true));
      await microservice.close();
      closed = true;
      expect(await committed(groupId)).toBe(await partitionEnd());
    } finally {
      if (!closed) await microservice.close();
    }
  });
});
