import { randomUUID } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  deadLetterTopicOf,
  EVENT_UPCASTERS,
  parseSealedEventData,
  referralReceivedV1,
  sealedSubjectSchema,
  tolerantSchemaOf,
  TOPICS,
  type EventEnvelope,
} from '@csc/contracts';
import { EventFailureFilter, EventInbox, KafkaEventContext, KafkaEventServer } from '@csc/messaging';
import { ProjectionHost, ProjectionVersions } from '@csc/projections';
import { toKafkaMessage } from '@csc/synthetic-history';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  testKafka,
  TopicProbe,
  uniqueTopicSuffix,
  type TestDatabase,
} from '@csc/testing';
import { analyticsMigrations } from './infrastructure/migrations';
import { ANALYTICS_PROJECTIONS } from './projections/analytics-projections';

class CreateReadTable1700000000009 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(
      `CREATE TABLE referrals_read (consumer text, referral_id uuid, source text, school_urn text, PRIMARY KEY (consumer, referral_id))`,
    );
  }
  async down() {}
}

// As the event store seals a subject: ciphertext no consumer here opens (the v1/v2 difference lives inside it).
const SEALED = {
  alg: 'A256GCM',
  kid: '9b9b9b9b-0000-4000-8000-000000000001',
  iv: 'AAAAAAAAAAAAAAAA',
  ct: 'c2VhbGVk',
  tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
};
const RECEIVED_AT = '2025-01-06T09:30:00.000Z';

let sequence = 0;
const envelope = (type: string, schemaVersion: number, referralId: string, childId: string, data: object): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion,
  occurredAt: RECEIVED_AT,
  recordedAt: new Date(Date.parse(RECEIVED_AT) + ++sequence * 1000).toISOString(),
  streamId: `referral-${referralId}`,
  streamVersion: type === 'ReferralReceived' ? 1 : 2,
  childId,
  correlationId: randomUUID(),
  causationId: null,
  actor: { sub: 'front-door-worker', role: 'FRONT_DOOR', org: 'LA888' },
  data,
});

/** One referral as the front door writes it: received (at the given version, with the given changes) and decided. */
const referral = (source: string, schemaVersion: number, changes: { received?: object; decided?: object; envelope?: object } = {}) => {
  const referralId = randomUUID();
  const childId = randomUUID();
  const child = { ageAtReferral: 9, unborn: false, sex: 'F', schoolUrn: '100001' };
  const received = {
    ...envelope('ReferralReceived', schemaVersion, referralId, childId, {
      referralId,
      childId,
      receivedAt: RECEIVED_AT,
      source,
      referrerOrganisationId: '100001',
      child,
      factors: ['16A'],
      consent: { given: true },
      steppedUpFromEarlyHelpEpisodeId: null,
      subject: SEALED,
      ...changes.received,
    }),
    ...changes.envelope,
  };
  const decided = envelope('ReferralDecided', 1, referralId, childId, {
    referralId,
    childId,
    outcome: 'ACCEPTED_FOR_ASSESSMENT',
    decidedAt: '2025-01-06T15:30:00.000Z',
    referralDate: '2025-01-06',
    receivedAt: RECEIVED_AT,
    cinReferral: true,
    primaryNeed: 'N1',
    source,
    referrerOrganisationId: '100001',
    child,
    consentGiven: true,
    informationRequestCount: 0,
    steppedUpFromEarlyHelpEpisodeId: null,
    subject: SEALED,
    ...changes.decided,
  });
  return { referralId, received, decided };
};

/**
 * ReferralReceived v1 (written before the census work), v2, v2 from a newer build of the producer
 * (fields this code has never heard of, in the data at every depth and in the envelope), v3 that only
 * adds a field, and v3 that renamed one, all in one topic: what each reader makes of them.
 */
describe('events that evolve: one topic holding ReferralReceived v1, v2 and newer', () => {
  let database: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let host: ProjectionHost;
  let deadLetters: TopicProbe;
  const consumers: INestMicroservice[] = [];
  const suffix = uniqueTopicSuffix();
  const topic = `${TOPICS.referralIntake}${suffix}`;

  const v1 = referral('3A', 1);
  const v2 = referral('2A', 2);
  const fromNewerBuild = referral('6', 2, {
    received: { channel: 'PORTAL', child: { ageAtReferral: 9, unborn: false, sex: 'F', schoolUrn: '100001', yearGroup: 5 } },
    decided: { decisionMaker: 'TEAM_MANAGER' },
    envelope: { tenant: 'LA888', actor: { sub: 'front-door-worker', role: 'FRONT_DOOR', org: 'LA888', onBehalfOf: 'x' } },
  });
  // Not decided yet: its row can come only from the newer build's ReferralReceived.
  const undecidedFromNewerBuild = referral('5A', 2, {
    received: { channel: 'PORTAL', consent: { given: true, recordedBy: 'x' } },
    envelope: { tenant: 'LA888' },
  });
  const v3Additive = referral('1A', 3, { received: { referrerRole: 'DSL' } });
  const v3Renamed = (() => {
    const made = referral('8', 3);
    const { source, ...rest } = made.received.data as Record<string, unknown>;
    return { ...made, received: { ...made.received, data: { ...rest, referralSource: source } } };
  })();
  const readable = [v1, v2, fromNewerBuild, undecidedFromNewerBuild, v3Additive];

  const publish = (...events: EventEnvelope[]) => producer.send({ topic, acks: -1, messages: events.map(toKafkaMessage) });

  /** A reaction on ReferralReceived in a consumer group of its own, reading the data as `read` does. */
  const startConsumer = async (name: string, read: (data: unknown) => { source: string; child: { schoolUrn: string | null } }) => {
    @Controller()
    class RecordReferral {
      @EventPattern('ReferralReceived')
      async received(@Payload() event: EventEnvelope, @Ctx() context: KafkaEventContext) {
        const data = read(event.data);
        await context.manager.query(`INSERT INTO referrals_read VALUES ($1, $2, $3, $4)`, [
          name,
          (event.data as { referralId: string }).referralId,
          data.source,
          data.child.schoolUrn,
        ]);
      }
    }
    const moduleRef = await Test.createTestingModule({ controllers: [RecordReferral] }).compile();
    const microservice = moduleRef.createNestMicroservice({
      strategy: new KafkaEventServer({
        kafka,
        groupId: `evolving-${name}-${randomUUID()}`,
        topicSuffix: suffix,
        inbox: new EventInbox(database.dataSource),
        upcasters: EVENT_UPCASTERS,
        retryBackoffMs: 20,
      }),
      logger: false,
    });
    microservice.useGlobalFilters(new EventFailureFilter());
    await microservice.listen();
    consumers.push(microservice);
  };
  const readBy = (consumer: string) =>
    database.dataSource.query(`SELECT referral_id, source, school_urn FROM referrals_read WHERE consumer = $1 ORDER BY source`, [consumer]);

  /** Every row of every analytics projection's serving tables, in key order. */
  const everyRow = async () => {
    const versions = new ProjectionVersions(database.dataSource);
    const rows: Record<string, unknown[]> = {};
    for (const definition of ANALYTICS_PROJECTIONS) {
      for (const [table, versioned] of Object.entries(await versions.currentTables(definition))) {
        rows[`${definition.name}.${table}`] = await database.dataSource.query(`SELECT * FROM ${versioned} ORDER BY 1`);
      }
    }
    return rows;
  };
  const caughtUp = async () => {
    for (const { name } of ANALYTICS_PROJECTIONS) expect(await host.catchUp(name, 30_000)).toBe(0);
  };

  beforeAll(async () => {
    kafka = testKafka('evolving-events-test');
    await createServiceTopics(kafka, suffix);
    database = await createTestDatabase('evolving_events', [...(analyticsMigrations as Function[]), CreateReadTable1700000000009]);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    deadLetters = await TopicProbe.start(kafka, [deadLetterTopicOf(topic)]);
    // A consumer written against v1's contract, reading it tolerantly, and one written against the current contract.
    const v1Reader = tolerantSchemaOf(referralReceivedV1.extend({ subject: sealedSubjectSchema.nullable() }));
    await startConsumer('v1-consumer', (data) => v1Reader.parse(data));
    await startConsumer('current-consumer', (data) => parseSealedEventData('ReferralReceived', data));
    host = new ProjectionHost(ANALYTICS_PROJECTIONS, kafka, database.dataSource, suffix, 'analytics');

    // The older half of the log is there before the projections start; the newer half arrives while they run.
    await publish(v1.received, v1.decided, v2.received, v2.decided);
    await host.start();
    await caughtUp();
    await publish(
      fromNewerBuild.received,
      fromNewerBuild.decided,
      undecidedFromNewerBuild.received,
      v3Additive.received,
      v3Additive.decided,
      v3Renamed.received,
    );
    await caughtUp();
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    for (const consumer of consumers) await consumer.close();
    await deadLetters?.stop();
    await producer?.disconnect();
    await database?.drop();
  });

  it('reactions written against v1 and against the current contract both read every event that keeps its contract', async () => {
    const expected = readable
      .map(({ referralId, received }) => ({
        referral_id: referralId,
        source: (received.data as { source: string }).source,
        school_urn: '100001',
      }))
      .sort((a, b) => a.source.localeCompare(b.source));
    for (const consumer of ['v1-consumer', 'current-consumer']) {
      await eventually(async () => expect(await readBy(consumer)).toEqual(expected), { timeoutMs: 30_000 });
    }
  });

  it('parks, in every consumer group, a newer version that renamed a field the code needs, saying why', async () => {
    const parked = await eventually(
      () => {
        const found = deadLetters.messages.filter(
          (message) => message.value && JSON.parse(message.value).eventId === v3Renamed.received.eventId,
        );
        expect(found).toHaveLength(2);
        return found;
      },
      { timeoutMs: 30_000 },
    );
    for (const message of parked) {
      expect(message.headers['dlq-error']).toMatch(
        /^NewerSchemaVersionError: ReferralReceived v3 is newer than the v2 this code knows and cannot be read as v2 \(source: invalid_value\): within one type a new version may only add fields/,
      );
    }
  });

  it('projects every readable event whatever its version, drops what it does not know, and passes the unreadable one over', async () => {
    const { 'referrals.referrals': referrals } = await everyRow();
    expect(referrals).toHaveLength(readable.length);
    for (const { referralId, received } of readable) {
      expect(referrals).toContainEqual(
        expect.objectContaining({
          referral_id: referralId,
          source: (received.data as { source: string }).source,
          referrer_organisation_id: '100001',
          received_at: new Date(RECEIVED_AT),
          outcome: referralId === undecidedFromNewerBuild.referralId ? null : 'ACCEPTED_FOR_ASSESSMENT',
        }),
      );
    }
  });

  it('rebuilds from offset 0 over the mixed log to exactly the rows the live build made', async () => {
    const live = await everyRow();
    for (const { name } of ANALYTICS_PROJECTIONS) expect((await host.rebuild(name)).version).toBe(2);
    await eventually(
      async () => {
        const current = (await host.versions.list()).filter((row) => row.state === 'CURRENT');
        expect(current.map((row) => row.version)).toEqual(ANALYTICS_PROJECTIONS.map(() => 2));
      },
      { timeoutMs: 60_000 },
    );
    await caughtUp();
    expect(await everyRow()).toEqual(live);
  });
});
