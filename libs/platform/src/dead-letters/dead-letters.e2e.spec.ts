import { randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import request from 'supertest';
import type { Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TOPICS, type EventEnvelope } from '@csc/contracts';
import {
  CreateDeadLetters1767500000000,
  CreateInbox1763800000001,
  CreateParkedEvents1767400000000,
  ConsumerHealth,
  type KafkaEventContext,
} from '@csc/messaging';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  startServiceUnderTest,
  testKafka,
  testToken,
  uniqueTopicSuffix,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { appRoleMigration } from '../database/app-role.migration';
import { PlatformModule } from '../platform.module';

class CreateFixtureTables1700000000004 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE TABLE fixture_fixed (episode_id uuid PRIMARY KEY)`);
    await queryRunner.query(`CREATE TABLE fixture_applied (event_id uuid NOT NULL)`);
    await queryRunner.query(`CREATE TABLE fixture_unavailable (episode_id uuid PRIMARY KEY)`);
  }
  async down() {}
}

/** Rejected without retries, as malformed data is, until the episode is "fixed". */
class InvalidEventDataError extends Error {
  override name = 'InvalidEventDataError';
}

@Controller()
class FixtureReaction {
  @EventPattern('EarlyHelpEpisodeClosed')
  async closed(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
    const { episodeId } = event.data as { episodeId: string };
    const unavailable = await context.manager.query(`SELECT 1 FROM fixture_unavailable WHERE episode_id = $1`, [episodeId]);
    // Not the event's fault (the database starting up, as the reaction sees it): waited out, heartbeating, holding the batch.
    if (unavailable.length > 0) throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    const fixed = await context.manager.query(`SELECT 1 FROM fixture_fixed WHERE episode_id = $1`, [episodeId]);
    if (fixed.length === 0) throw new InvalidEventDataError(`episode ${episodeId} cannot be closed here`);
    await context.manager.query(`INSERT INTO fixture_applied (event_id) VALUES ($1)`, [event.eventId]);
  }
}

// Named after a service that may read early help's topic (its principal, its consumer groups).
const migrations = [
  CreateInbox1763800000001,
  CreateParkedEvents1767400000000,
  CreateDeadLetters1767500000000,
  CreateFixtureTables1700000000004,
  appRoleMigration('referral-intake'),
];
@Module({
  imports: [PlatformModule.forService({ name: 'referral-intake', migrations })],
  controllers: [FixtureReaction],
})
class FixtureModule {}

describe('/v1/dead-letters: list, show, replay and discard what a consumer dead-lettered (ADMIN)', () => {
  let database: TestDatabase;
  let service: ServiceUnderTest;
  let producer: Producer;
  let topic: string;
  let admin: string;
  /** The service's consumer group: its name, suffixed as the test's topics are. */
  let group: string;

  beforeAll(async () => {
    const topicSuffix = uniqueTopicSuffix();
    topic = `${TOPICS.earlyHelp}${topicSuffix}`;
    group = `referral-intake${topicSuffix}`;
    const kafka = testKafka('dead-letters-e2e');
    await createServiceTopics(kafka, topicSuffix);
    producer = kafka.producer();
    await producer.connect();
    database = await createTestDatabase('dead-letters', migrations);
    service = await startServiceUnderTest(
      { name: 'referral-intake', title: 'Dead letters', description: 'fixture', defaultPort: 0, module: FixtureModule },
      // A short stall time, so readiness reports the reaction held up below within a second or two.
      { databaseUrl: database.url, topicSuffix, environment: { CONSUMER_STALL_SECONDS: '1' } },
    );
    admin = await testToken({ sub: 'ops-admin', role: 'ADMIN', org: '888' });
  });
  afterAll(async () => {
    await service?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  const closed = (episodeId = randomUUID()): EventEnvelope => ({
    eventId: randomUUID(),
    type: 'EarlyHelpEpisodeClosed',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    streamId: `early-help-episode-${episodeId}`,
    streamVersion: 3,
    childId: randomUUID(),
    correlationId: randomUUID(),
    causationId: null,
    actor: { sub: 'worker', role: 'EARLY_HELP', org: '888' },
    data: { episodeId, closedOn: '2026-11-30', outcome: 'NEEDS_MET', hadPlan: true },
  });

  const send = (event: EventEnvelope) =>
    producer.send({
      topic,
      acks: -1,
      messages: [{ key: event.childId, value: JSON.stringify(event), headers: { 'event-type': event.type } }],
    });

  const deadLetterOf = async (event: EventEnvelope) => {
    await send(event);
    return eventually(async () => {
      const { body } = await request(service.url).get('/v1/dead-letters').auth(admin, { type: 'bearer' }).expect(200);
      const letter = body.items.find((item: { eventId: string }) => item.eventId === event.eventId);
      expect(letter).toBeDefined();
      return letter as { id: string };
    });
  };

  const applied = (event: EventEnvelope) =>
    database.dataSource.query(`SELECT event_id FROM fixture_applied WHERE event_id = $1`, [event.eventId]);

  it('lists and shows a dead letter (ids, types, offsets and why; never the payload), replays it once fixed, once', async () => {
    const event = closed();
    const { id } = await deadLetterOf(event);

    const parkedOnMetrics = async () =>
      Number(
        new RegExp(`^csc_dead_letters_parked\\{[^}]*consumer="${group.replace(/[.]/g, '\\.')}"[^}]*\\} (\\d+)$`, 'm').exec(
          (await request(service.url).get('/metrics')).text,
        )?.[1] ?? 0,
      );
    const parkedBefore = await parkedOnMetrics();
    expect(parkedBefore).toBeGreaterThanOrEqual(1);

    const { body: shown } = await request(service.url).get(`/v1/dead-letters/${id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(shown).toMatchObject({
      id,
      consumer: group,
      topic,
      eventId: event.eventId,
      eventType: 'EarlyHelpEpisodeClosed',
      error: `InvalidEventDataError: episode ${(event.data as { episodeId: string }).episodeId} cannot be closed here`,
      attempts: 1,
      status: 'PARKED',
      key: event.childId,
      headers: { 'event-type': 'EarlyHelpEpisodeClosed' },
    });
    expect(shown).not.toHaveProperty('value');

    const replay = () => request(service.url).post(`/v1/dead-letters/${id}/replay`).auth(admin, { type: 'bearer' });
    const { body: failed } = await replay().expect(422);
    expect(failed.message[0]).toMatch(/^id: the reaction failed again, the letter stays PARKED: InvalidEventDataError/);

    await database.dataSource.query(`INSERT INTO fixture_fixed (episode_id) VALUES ($1)`, [
      (event.data as { episodeId: string }).episodeId,
    ]);
    expect((await replay().expect(200)).body).toEqual({ id, status: 'REPLAYED', applied: true });
    // Waiting for an operator no longer: one fewer on /metrics (the DeadLettersWaiting alert's source).
    expect(await parkedOnMetrics()).toBe(parkedBefore - 1);
    expect((await replay().expect(409)).body.message).toEqual([`id: dead letter ${id} is already REPLAYED`]);
    expect(await applied(event)).toHaveLength(1);

    const { body: all } = await request(service.url).get('/v1/dead-letters?status=ALL').auth(admin, { type: 'bearer' }).expect(200);
    expect(all.items.find((item: { id: string }) => item.id === id)).toMatchObject({ status: 'REPLAYED', resolvedBy: 'ops-admin' });
  });

  it('discards a dead letter with a reason; replay-all leaves it alone', async () => {
    const event = closed();
    const { id } = await deadLetterOf(event);

    await request(service.url).post(`/v1/dead-letters/${id}/discard`).auth(admin, { type: 'bearer' }).send({}).expect(400);
    const { body } = await request(service.url)
      .post(`/v1/dead-letters/${id}/discard`)
      .auth(admin, { type: 'bearer' })
      .send({ reason: 'the episode was closed twice by mistake' })
      .expect(200);
    expect(body).toEqual({ id, status: 'DISCARDED' });

    const { body: replayed } = await request(service.url)
      .post('/v1/dead-letters/replay')
      .auth(admin, { type: 'bearer' })
      .send({})
      .expect(200);
    expect(replayed.results.map((result: { id: string }) => result.id)).not.toContain(id);
    expect(await applied(event)).toEqual([]);
    const { body: open } = await request(service.url).get('/v1/dead-letters').auth(admin, { type: 'bearer' }).expect(200);
    expect(open.items.map((item: { id: string }) => item.id)).not.toContain(id);
  });

  it('is for ADMIN only', async () => {
    const analyst = await testToken({ sub: 'analyst', role: 'ANALYST', org: '888' });
    await request(service.url).get('/v1/dead-letters').auth(analyst, { type: 'bearer' }).expect(403);
    await request(service.url).get('/v1/dead-letters').expect(401);
    await request(service.url).get('/v1/dead-letters/not-a-uuid').auth(admin, { type: 'bearer' }).expect(400);
    await request(service.url).get(`/v1/dead-letters/${randomUUID()}`).auth(admin, { type: 'bearer' }).expect(404);
  });

  // Last: the held batch holds its partition while it waits.
  it('makes readiness report a consumer stalled on a batch it cannot get through, until it does', async () => {
    await request(service.url).get('/health/ready').expect(200);
    const event = closed();
    const { episodeId } = event.data as { episodeId: string };
    await database.dataSource.query(`INSERT INTO fixture_fixed (episode_id) VALUES ($1)`, [episodeId]);
    await database.dataSource.query(`INSERT INTO fixture_unavailable (episode_id) VALUES ($1)`, [episodeId]);
    await send(event);

    await eventually(() => request(service.url).get('/health/ready').expect(503));
    // The API's error shape carries no details: what readiness saw is the indicator's.
    expect(service.app.get(ConsumerHealth).stalled).toEqual({ [group]: expect.objectContaining({ lag: 0, lastError: null }) });

    await database.dataSource.query(`DELETE FROM fixture_unavailable WHERE episode_id = $1`, [episodeId]);
    await eventually(async () => expect(await applied(event)).toHaveLength(1), { timeoutMs: 15_000 });
    await eventually(() => request(service.url).get('/health/ready').expect(200));
  });
});
