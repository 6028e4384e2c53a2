import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deadLetterTopicOf, type EventEnvelope } from '@csc/contracts';
import { createTestDatabase, createTopics, eventually, testKafka, TopicProbe, uniqueTopicSuffix, type TestDatabase } from '@csc/testing';
import { EventFailureFilter } from './event-failure.filter';
import { EventInbox } from './event-inbox';
import { CreateInbox1763800000001 } from './inbox.migration';
import { KafkaEventContext } from './kafka-event.context';
import { KafkaEventServer } from './kafka-event.server';
import { CreateParkedEvents1767400000000 } from './parked-events.migration';
import { CreateDeadLetters1767500000000 } from './dead-letters.migration';

class CreateCountedTable1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    // No unique key on purpose: a second application of one event would show as a second row.
    await queryRunner.query(`CREATE TABLE counted (event_id uuid NOT NULL, correlation_id uuid, causation_trace text, attempt int)`);
  }
  async down() {}
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const MAX_ATTEMPTS = 3;

describe('KafkaEventServer against Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let microservice: INestMicroservice;
  let topic: string;
  let dlqProbe: TopicProbe;
  const attemptsByEvent = new Map<string, number>();

  const envelope = (type: string, data: Record<string, unknown> = {}): EventEnvelope => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    streamId: `widget-${randomUUID()}`,
    streamVersion: 1,
    childId: '22222222-2222-4222-8222-222222222222',
    correlationId: randomUUID(),
    causationId: null,
    actor: { sub: 'tester', role: 'ADMIN', org: '888' },
    data,
  });
  const publish = async (...values: (EventEnvelope | string)[]) => {
    await producer.send({
      topic,
      acks: -1,
      messages: values.map((value) => ({
        key: '22222222-2222-4222-8222-222222222222', // one key, one partition: order matters in these tests
        value: typeof value === 'string' ? value : JSON.stringify(value),
        headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
      })),
    });
  };
  const countedRows = (eventId: string) => database.dataSource.query(`SELECT * FROM counted WHERE event_id = $1`, [eventId]);

  beforeAll(async () => {
    database = await createTestDatabase('messaging', [
      CreateInbox1763800000001,
      CreateParkedEvents1767400000000,
      CreateDeadLetters1767500000000,
      CreateCountedTable1700000000000,
    ]);
    kafka = testKafka('messaging-test');
    topic = `widgets${uniqueTopicSuffix()}`;
    await createTopics(kafka, [topic, deadLetterTopicOf(topic)]);
    producer = kafka.producer();
    await producer.connect();
    dlqProbe = await TopicProbe.start(kafka, [deadLetterTopicOf(topic)]);

    @Controller()
    class WidgetReactions {
      @EventPattern('WidgetCounted', { topic })
      async count(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        attemptsByEvent.set(event.eventId, (attemptsByEvent.get(event.eventId) ?? 0) + 1);
        const data = event.data as { poison?: boolean; failTimes?: number; transientFailures?: number };
        if (data.poison) throw new Error('this widget cannot be counted');
        if (data.failTimes && context.delivery.attempt <= data.failTimes) throw new Error('the counter is busy');
        if (data.transientFailures && attemptsByEvent.get(event.eventId)! <= data.transientFailures) {
          throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
        }
        const causedBy = context.causedBy({ sub: 'messaging-test', role: 'SYSTEM', org: '888' });
        await context.manager.query(`INSERT INTO counted (event_id, correlation_id, causation_trace, attempt) VALUES ($1, $2, $3, $4)`, [
          causedBy.causationId,
          causedBy.correlationId,
          causedBy.traceparent,
          context.delivery.attempt,
        ]);
      }
    }

    const moduleRef = await Test.createTestingModule({ controllers: [WidgetReactions] }).compile();
    microservice = moduleRef.createNestMicroservice({
      strategy: new KafkaEventServer({
        kafka,
        groupId: `widgets-${randomUUID()}`,
        inbox: new EventInbox(database.dataSource),
        maxAttempts: MAX_ATTEMPTS,
        retryBackoffMs: 20,
      }),
      logger: false,
    });
    microservice.useGlobalFilters(new EventFailureFilter());
    await microservice.listen();
  });

  afterAll(async () => {
    await microservice?.close();
    await dlqProbe?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it('routes by the type string and hands the reaction its transaction, causation and trace', async () => {
    const event = envelope('WidgetCounted');
    await publish(event);

    const [row] = await eventually(async () => {
      const rows = await countedRows(event.eventId);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(row.correlation_id).toBe(event.correlationId);
    expect(row.causation_trace).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    expect(row.causation_trace).not.toContain('00f067aa0ba902b7'); // a new span in the same trace
  });

  it('applies an event delivered twice only once', async () => {
    const event = envelope('WidgetCounted');
    const sentinel = envelope('WidgetCounted');
    await publish(event, event, sentinel);

    await eventually(async () => expect(await countedRows(sentinel.eventId)).toHaveLength(1));
    expect(await countedRows(event.eventId)).toHaveLength(1);
  });

  it('retries a failing event and applies it once when it succeeds', async () => {
    const flaky = envelope('WidgetCounted', { failTimes: 2 });
    await publish(flaky);

    const [row] = await eventually(async () => {
      const rows = await countedRows(flaky.eventId);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(row.attempt).toBe(3);
    expect(attemptsByEvent.get(flaky.eventId)).toBe(3);
  });

  it('retries transient failures (a serialization failure, a database restart) beyond the attempt limit, never parking the event', async () => {
    const unlucky = envelope('WidgetCounted', { transientFailures: MAX_ATTEMPTS + 2 });
    const after = envelope('WidgetCounted');
    await publish(unlucky, after);

    await eventually(async () => expect(await countedRows(after.eventId)).toHaveLength(1));
    expect(await countedRows(unlucky.eventId)).toHaveLength(1);
    expect(attemptsByEvent.get(unlucky.eventId)).toBe(MAX_ATTEMPTS + 3);
    const [row] = await countedRows(unlucky.eventId);
    expect(row.attempt).toBe(1); // transient failures do not use up the event's attempts
  });

  it('parks a poison event on the dead-letter topic after bounded retries and handles the events behind it', async () => {
    const before = envelope('WidgetCounted');
    const poison = envelope('WidgetCounted', { poison: true });
    const after = envelope('WidgetCounted');
    await publish(before, poison, after);

    await eventually(async () => expect(await countedRows(after.eventId)).toHaveLength(1));
    expect(await countedRows(before.eventId)).toHaveLength(1);
    expect(await countedRows(poison.eventId)).toHaveLength(0);
    expect(attemptsByEvent.get(poison.eventId)).toBe(MAX_ATTEMPTS);

    const [parked] = await eventually(() => {
      const found = dlqProbe.messages.filter((message) => message.value && JSON.parse(message.value).eventId === poison.eventId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(parked.key).toBe(poison.childId);
    // Remembered, so a redelivery (a rebalance) does not put it through its retries again.
    const [inbox] = await database.dataSource.query(`SELECT outcome FROM inbox WHERE event_id = $1`, [poison.eventId]);
    expect(inbox.outcome).toBe('DEAD_LETTERED');
    expect(parked.headers).toMatchObject({
      'dlq-error': 'Error: this widget cannot be counted',
      'dlq-original-topic': topic,
      'dlq-attempts': String(MAX_ATTEMPTS),
      traceparent: expect.stringContaining(TRACE_ID),
    });
  });

  it('parks a malformed message at once, without retrying, and carries on', async () => {
    const after = envelope('WidgetCounted');
    await publish('{"this is": "not an envelope"}', after);

    await eventually(async () => expect(await countedRows(after.eventId)).toHaveLength(1));
    const parked = await eventually(() => {
      const found = dlqProbe.messages.filter((message) => message.value === '{"this is": "not an envelope"}');
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parked.headers['dlq-attempts']).toBe('1');
    expect(parked.headers['dlq-error']).toMatch(/^invalid event envelope: eventId: /);
  });

  it('ignores event types no reaction asked for', async () => {
    const unrelated = envelope('WidgetPainted');
    const sentinel = envelope('WidgetCounted');
    await publish(unrelated, sentinel);

    await eventually(async () => expect(await countedRows(sentinel.eventId)).toHaveLength(1));
    expect(attemptsByEvent.has(unrelated.eventId)).toBe(false);
    const [inbox] = await database.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [unrelated.eventId]);
    expect(inbox.n).toBe(0);
  });
  it('passes over unread what its type header says no reaction takes, and reads in full what it says one does', async () => {
    const typed = async (eventType: string, value: EventEnvelope | string) =>
      producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: '22222222-2222-4222-8222-222222222222',
            value: typeof value === 'string' ? value : JSON.stringify(value),
            headers: { 'event-type': eventType },
          },
        ],
      });
    // Not an envelope, but not this group's either: passed over, not dead-lettered.
    await typed('WidgetPainted', '{"not": "an envelope, and not ours"}');
    // A header that lies the other way round: passed over, never acted on.
    const misnamed = envelope('WidgetCounted');
    await typed('WidgetPainted', misnamed);
    // Named as one of ours but malformed: read, and dead-lettered as any malformed message is.
    await typed('WidgetCounted', '{"named": "ours, but not an envelope"}');
    const sentinel = envelope('WidgetCounted');
    await typed('WidgetCounted', sentinel);

    await eventually(async () => expect(await countedRows(sentinel.eventId)).toHaveLength(1));
    expect(await countedRows(misnamed.eventId)).toHaveLength(0);
    await eventually(() =>
      expect(dlqProbe.messages.filter((message) => message.value === '{"named": "ours, but not an envelope"}')).toHaveLength(1),
    );
    expect(dlqProbe.messages.filter((message) => message.value === '{"not": "an envelope, and not ours"}')).toHaveLength(0);
  });
});
