import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deadLetterTopicOf, TOPICS, type EventEnvelope } from '@csc/contracts';
import { createTestDatabase, createTopics, eventually, testKafka, TopicProbe, uniqueTopicSuffix, type TestDatabase } from '@csc/testing';
import { EventFailureFilter } from './event-failure.filter';
import { EventInbox } from './event-inbox';
import { CreateInbox1763800000001 } from './inbox.migration';
import { KafkaEventContext } from './kafka-event.context';
import { KafkaEventServer } from './kafka-event.server';
import { CreateParkedEvents1767400000000 } from './parked-events.migration';
import { CreateDeadLetters1767500000000 } from './dead-letters.migration';

class CreateActedOnTable1700000000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE TABLE acted_on (event_id uuid NOT NULL, event_type text NOT NULL, topic text NOT NULL)`);
  }
  async down() {}
}

const CHILD = '33333333-3333-4333-8333-333333333333';

/**
 * A consumer of two services' topics, as referral-intake and school-notifications are: it reacts to
 * referral-intake's ReferralDecided and early help's EarlyHelpSteppedUp, so it reads both topics, and a
 * ReferralDecided written onto early help's topic (forged with early help's credentials, or misrouted)
 * reaches it. It must be parked, never acted on.
 */
describe('KafkaEventServer accepts an event only from the topic that owns its type', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let microservice: INestMicroservice;
  let suffix: string;
  let earlyHelpDeadLetters: TopicProbe;
  const groupId = `owning-topic-${randomUUID()}`;
  const topic = (base: string) => `${base}${suffix}`;

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
    data: { referralId: randomUUID(), outcome: 'ACCEPTED_FOR_ASSESSMENT' },
  });
  const publish = (onTopic: string, event: EventEnvelope) =>
    producer.send({
      topic: onTopic,
      acks: -1,
      messages: [{ key: CHILD, value: JSON.stringify(event), headers: { 'event-type': event.type } }],
    });
  const actedOn = (eventId: string) => database.dataSource.query(`SELECT event_type, topic FROM acted_on WHERE event_id = $1`, [eventId]);
  const inboxRows = (eventId: string) => database.dataSource.query(`SELECT outcome FROM inbox WHERE event_id = $1`, [eventId]);

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    database = await createTestDatabase('owning_topic', [
      CreateInbox1763800000001,
      CreateParkedEvents1767400000000,
      CreateDeadLetters1767500000000,
      CreateActedOnTable1700000000002,
    ]);
    kafka = testKafka('owning-topic-test');
    const domainTopics = [TOPICS.referralIntake, TOPICS.earlyHelp].map(topic);
    await createTopics(kafka, [...domainTopics, ...domainTopics.map(deadLetterTopicOf)]);
    producer = kafka.producer();
    await producer.connect();
    earlyHelpDeadLetters = await TopicProbe.start(kafka, [deadLetterTopicOf(topic(TOPICS.earlyHelp))]);

    @Controller()
    class Reactions {
      @EventPattern('ReferralDecided')
      async decided(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        await this.record(event, context);
      }

      @EventPattern('EarlyHelpSteppedUp')
      async steppedUp(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        await this.record(event, context);
      }

      private record(event: EventEnvelope, context: KafkaEventContext) {
        return context.manager.query(`INSERT INTO acted_on (event_id, event_type, topic) VALUES ($1, $2, $3)`, [
          event.eventId,
          event.type,
          context.delivery.topic,
        ]);
      }
    }

    const moduleRef = await Test.createTestingModule({ controllers: [Reactions] }).compile();
    microservice = moduleRef.createNestMicroservice({
      strategy: new KafkaEventServer({
        kafka,
        groupId,
        topicSuffix: suffix,
        inbox: new EventInbox(database.dataSource),
        retryBackoffMs: 20,
      }),
      logger: false,
    });
    microservice.useGlobalFilters(new EventFailureFilter());
    await microservice.listen();
  });

  afterAll(async () => {
    await microservice?.close();
    await earlyHelpDeadLetters?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it("parks a ReferralDecided found on early help's topic, with why, and acts on the one on referral-intake's", async () => {
    const forged = envelope('ReferralDecided');
    const genuine = envelope('ReferralDecided');
    const steppedUp = envelope('EarlyHelpSteppedUp');
    await publish(topic(TOPICS.earlyHelp), forged);
    await publish(topic(TOPICS.earlyHelp), steppedUp); // behind it on the same partition: the partition moves on
    await publish(topic(TOPICS.referralIntake), genuine);

    await eventually(async () =>
      expect(await actedOn(genuine.eventId)).toEqual([{ event_type: 'ReferralDecided', topic: topic(TOPICS.referralIntake) }]),
    );
    await eventually(async () => expect(await actedOn(steppedUp.eventId)).toHaveLength(1));
    const parked = await eventually(() => {
      const found = earlyHelpDeadLetters.messages.filter(
        (message) => message.value && JSON.parse(message.value).eventId === forged.eventId,
      );
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parked.key).toBe(CHILD);
    expect(parked.headers).toMatchObject({
      'dlq-error':
        `invalid event envelope: ReferralDecided found on ${topic(TOPICS.earlyHelp)}, which does not own it; ` +
        `its owning topic is ${topic(TOPICS.referralIntake)}`,
      'dlq-consumer-group': groupId,
      'dlq-original-topic': topic(TOPICS.earlyHelp),
      'dlq-attempts': '1',
      'event-type': 'ReferralDecided',
    });

    expect(await actedOn(forged.eventId)).toEqual([]);
    // Not claimed in the inbox either: its id is not to be trusted, and the real event with that id must still be handled.
    expect(await inboxRows(forged.eventId)).toEqual([]);
    expect(await inboxRows(genuine.eventId)).toEqual([{ outcome: 'HANDLED' }]);
  });

  it('acts on an event it once parked when the same event arrives on its owning topic', async () => {
    const misrouted = envelope('ReferralDecided');
    await publish(topic(TOPICS.earlyHelp), misrouted);
    await eventually(() =>
      expect(
        earlyHelpDeadLetters.messages.some((message) => message.value && JSON.parse(message.value).eventId === misrouted.eventId),
      ).toBe(true),
    );

    await publish(topic(TOPICS.referralIntake), misrouted);
    await eventually(async () =>
      expect(await actedOn(misrouted.eventId)).toEqual([{ event_type: 'ReferralDecided', topic: topic(TOPICS.referralIntake) }]),
    );
  });
});
