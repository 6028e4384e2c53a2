import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deadLetterTopicOf, type EventEnvelope } from '@csc/contracts';
import { createTestDatabase, createTopics, eventually, testKafka, TopicProbe, uniqueTopicSuffix, type TestDatabase } from '@csc/testing';
import { ConsumerHealth } from '../consumer-health';
import { WaitingForEarlierEvent } from '../error-classification';
import { EventFailureFilter } from '../event-failure.filter';
import { EventInbox } from '../event-inbox';
import { CreateInbox1763800000001 } from '../inbox.migration';
import { KafkaEventContext } from '../kafka-event.context';
import { KafkaEventServer, type KafkaEventServerOptions } from '../kafka-event.server';
import { CreateParkedEvents1767400000000 } from '../parked-events.migration';
import { CreateDeadLetters1767500000000 } from '../dead-letters.migration';

class CreateWidgetTables1700000000003 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE TABLE widget_referrals (referral_id uuid PRIMARY KEY, child_id uuid NOT NULL)`);
    await queryRunner.query(`CREATE TABLE widget_fixed (referral_id uuid PRIMARY KEY)`);
    // No unique key on purpose: an event applied twice shows as two rows; seq shows the order they were applied in.
    await queryRunner.query(
      `CREATE TABLE widget_applied (seq bigserial, event_id uuid NOT NULL, event_type text NOT NULL, attempt int NOT NULL)`,
    );
  }
  async down() {}
}

export interface AppliedRow {
  seq: string;
  event_id: string;
  event_type: string;
  attempt: number;
}

/**
 * A consumer shaped like school-notifications: a referral on one topic, and on another the events
 * that follow it for the same child (keyed by the child), which wait for the referral
 * (WaitingForEarlierEvent) when it has not been handled. Every topic has one partition, so every
 * event shares the partition of the one that waits: the harshest case for a stall.
 */
export class WidgetReactions {
  readonly referrals: string;
  readonly cases: string;
  private constructor(
    private readonly attemptsByEvent: Map<string, { count: number; firstAt: number }>,
    readonly database: TestDatabase,
    readonly kafka: Kafka,
    readonly producer: Producer,
    readonly server: KafkaEventServer,
    private readonly microservice: INestMicroservice,
    readonly deadLetters: TopicProbe,
    suffix: string,
  ) {
    this.referrals = `widget-referrals${suffix}`;
    this.cases = `widget-cases${suffix}`;
  }

  static async start(label: string, options: Omit<KafkaEventServerOptions, 'kafka' | 'groupId' | 'inbox'>): Promise<WidgetReactions> {
    const suffix = uniqueTopicSuffix();
    const referrals = `widget-referrals${suffix}`;
    const cases = `widget-cases${suffix}`;
    const database = await createTestDatabase(label, [
      CreateInbox1763800000001,
      CreateParkedEvents1767400000000,
      CreateDeadLetters1767500000000,
      CreateWidgetTables1700000000003,
    ]);
    const kafka = testKafka(`${label}-test`);
    await createTopics(kafka, [referrals, cases, deadLetterTopicOf(referrals), deadLetterTopicOf(cases)], 1);
    const producer = kafka.producer();
    await producer.connect();
    const deadLetters = await TopicProbe.start(kafka, [deadLetterTopicOf(referrals), deadLetterTopicOf(cases)]);
    const attemptsByEvent = new Map<string, { count: number; firstAt: number }>();
    const attempted = (event: EventEnvelope) => {
      const seen = attemptsByEvent.get(event.eventId) ?? { count: 0, firstAt: Date.now() };
      seen.count += 1;
      attemptsByEvent.set(event.eventId, seen);
      return seen;
    };

    @Controller()
    class Reactions {
      @EventPattern('WidgetReferred', { topic: referrals })
      async referred(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        attempted(event);
        const data = event.data as { referralId: string; poison?: boolean };
        if (data.poison) {
          // The cause, and its fix: a poison referral goes through once its id is in widget_fixed.
          const fixed = await context.manager.query(`SELECT 1 FROM widget_fixed WHERE referral_id = $1`, [data.referralId]);
          if (fixed.length === 0) throw new Error('this referral cannot be received');
        }
        await context.manager.query(`INSERT INTO widget_referrals (referral_id, child_id) VALUES ($1, $2)`, [
          data.referralId,
          event.childId,
        ]);
        await applied(event, context);
      }

      @EventPattern('WidgetFollowedUp', { topic: cases })
      async followedUp(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        attempted(event);
        const { referralId } = event.data as { referralId: string };
        const found = await context.manager.query(`SELECT 1 FROM widget_referrals WHERE referral_id = $1`, [referralId]);
        if (found.length === 0) throw new WaitingForEarlierEvent(`the referral ${referralId} this event follows`);
        await applied(event, context);
      }

      @EventPattern('WidgetNoted', { topic: cases })
      async noted(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        const { failsForMs } = event.data as { failsForMs?: number };
        const { firstAt } = attempted(event);
        // The database restarting, as a reaction sees it: not the event's fault.
        if (failsForMs && Date.now() - firstAt < failsForMs) {
          throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
        }
        await applied(event, context);
      }
    }

    const health = options.health ?? new ConsumerHealth();
    const server = new KafkaEventServer({
      kafka,
      groupId: `${label}-${randomUUID()}`,
      inbox: new EventInbox(database.dataSource),
      ...options,
      health,
    });
    const moduleRef = await Test.createTestingModule({ controllers: [Reactions] }).compile();
    const microservice = moduleRef.createNestMicroservice({ strategy: server, logger: false });
    microservice.useGlobalFilters(new EventFailureFilter());
    await microservice.listen();
    // The server joins its group in the background: the tests watch the member from its first join on.
    await eventually(
      () => {
        if (!health.healthy) throw new Error(`not joined yet: ${JSON.stringify(health.problems)}`);
      },
      { timeoutMs: 60_000 },
    );
    return new WidgetReactions(attemptsByEvent, database, kafka, producer, server, microservice, deadLetters, suffix);
  }

  async stop(): Promise<void> {
    await this.microservice?.close();
    await this.deadLetters?.stop();
    await this.producer?.disconnect();
    await this.database?.drop();
  }

  get consumer(): Consumer {
    return this.server.unwrap<{ consumers: Consumer[] }>().consumers[0];
  }

  attemptsOf(event: EventEnvelope): number {
    return this.attemptsByEvent.get(event.eventId)?.count ?? 0;
  }

  async publish(topic: string, ...events: EventEnvelope[]): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({ key: event.childId, value: JSON.stringify(event), headers: { 'event-type': event.type } })),
    });
  }

  async appliedRows(...events: EventEnvelope[]): Promise<AppliedRow[]> {
    return this.database.dataSource.query(`SELECT * FROM widget_applied WHERE event_id = ANY($1::uuid[]) ORDER BY seq`, [
      events.map((event) => event.eventId),
    ]);
  }

  async parkedRows(child: string): Promise<Record<string, unknown>[]> {
    return this.database.dataSource.query(`SELECT * FROM parked_events WHERE sequence_key = $1 ORDER BY id`, [child]);
  }

  deadLettersOf(event: EventEnvelope) {
    return this.deadLetters.messages.filter((message) => message.value && JSON.parse(message.value).eventId === event.eventId);
  }
}

const applied = (event: EventEnvelope, context: KafkaEventContext) =>
  context.manager.query(`INSERT INTO widget_applied (event_id, event_type, attempt) VALUES ($1, $2, $3)`, [
    event.eventId,
    event.type,
    context.delivery.attempt,
  ]);

export const widgetEvent = (type: string, childId: string, data: Record<string, unknown> = {}): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  streamId: `widget-${randomUUID()}`,
  streamVersion: 1,
  childId,
  correlationId: randomUUID(),
  causationId: null,
  actor: { sub: 'tester', role: 'ADMIN', org: '888' },
  data,
});

export const referred = (childId: string, referralId = randomUUID(), extra: Record<string, unknown> = {}) =>
  widgetEvent('WidgetReferred', childId, { referralId, ...extra });
export const followedUp = (childId: string, referralId: string) => widgetEvent('WidgetFollowedUp', childId, { referralId });
export const noted = (childId: string, extra: Record<string, unknown> = {}) => widgetEvent('WidgetNoted', childId, extra);
