import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { TOPICS, type Role } from '@csc/contracts';
import { nameBasedUuid } from '@csc/domain';
import {
  brokerGate,
  createServiceTopics,
  createTestDatabase,
  eventually,
  startServiceProcess,
  startServiceUnderTest,
  testEnvironment,
  testKafka,
  testToken,
  TopicProbe,
  uniqueTopicSuffix,
  type BrokerGate,
  type ServiceProcess,
  type ServiceUnderTest,
  type TestDatabase,
} from '@csc/testing';
import { referralIntakeService } from '../../referral-intake/src/referral-intake.service-definition';
import { earlyHelpService } from './early-help.service-definition';

/**
 * A service started while the broker is out of reach listens at once, says in readiness why it is
 * not ready, keeps its writes in the outbox, and catches up by itself once the broker answers: what
 * it missed is consumed, what it wrote is published. Early help in its own process, as production
 * runs it; referral intake (reaching the broker throughout) makes the event it has to catch up on.
 */
describe('early help started while the broker is down', () => {
  let suffix: string;
  let gate: BrokerGate;
  let intakeDatabase: TestDatabase;
  let earlyHelpDatabase: TestDatabase;
  let intake: ServiceUnderTest;
  let earlyHelp: ServiceProcess;
  let probe: TopicProbe;
  const token = (role: Role, org = role === 'SCHOOL' ? '100001' : 'LA888') => testToken({ sub: `${role.toLowerCase()}-1`, role, org });
  const post = async (url: string, path: string, body: object, role: Role) =>
    request(url)
      .post(path)
      .set('Authorization', `Bearer ${await token(role)}`)
      .send(body);

  beforeAll(async () => {
    suffix = uniqueTopicSuffix();
    const kafka = testKafka('starts-without-broker-e2e');
    await createServiceTopics(kafka, suffix);
    gate = await brokerGate(testEnvironment().kafkaBrokers);
    intakeDatabase = await createTestDatabase('nobroker_intake', referralIntakeService.migrations);
    earlyHelpDatabase = await createTestDatabase('nobroker_early_help', earlyHelpService.migrations);
    intake = await startServiceUnderTest(referralIntakeService, { databaseUrl: intakeDatabase.url, topicSuffix: suffix });
    probe = await TopicProbe.start(kafka, [`${TOPICS.earlyHelp}${suffix}`]);
  });
  afterAll(async () => {
    await earlyHelp?.stop();
    await probe?.stop();
    await intake?.stop();
    await gate?.close();
    await intakeDatabase?.drop();
    await earlyHelpDatabase?.drop();
  });

  it('listens at once, is not ready while the broker is out of reach (saying why), then catches up when it answers', async () => {
    const spawnedAt = performance.now();
    earlyHelp = await startServiceProcess('early-help', {
      from: 'source',
      databaseUrl: earlyHelpDatabase.url,
      topicSuffix: suffix,
      kafkaBrokers: gate.address,
      untilReady: false,
    });
    // Not asserted (a shared machine's timing is noise); the note on the issue reports it.
    process.stdout.write(`early-help from source, broker unreachable: liveness after ${Math.round(performance.now() - spawnedAt)} ms\n`);

    await request(earlyHelp.url).get('/health').expect(200);
    // Not ready, and why, in the API's error shape: one message per reason.
    const reasons = await eventually(async () => {
      const response = await request(earlyHelp.url).get('/health/ready').expect(503);
      const messages = response.body.message as string[];
      // Its group is its name, suffixed as the test's topics are.
      expect(messages).toContainEqual(
        expect.stringMatching(
          new RegExp(`^consumers: notJoined early-help${suffix.replace(/[.]/g, '\\.')}: cannot reach the broker: .*ECONNREFUSED`),
        ),
      );
      return messages;
    });
    expect(reasons).toContain('outboxRelay: reason: not connected to the broker yet');
    expect(reasons).toContainEqual(expect.stringMatching(/^kafka: /));
    expect(reasons.some((reason) => reason.startsWith('database'))).toBe(false);

    // Meanwhile: a referral stepped down to early help goes onto Kafka, and early help takes a request over HTTP.
    const referral = (
      await post(
        intake.url,
        '/v1/referrals',
        {
          receivedAt: '2025-01-06T09:00:00Z',
          referrer: { source: '2A', organisationId: '100001', name: 'Sam Example' },
          child: {
            givenName: 'Noah',
            familyName: 'Offline',
            dateOfBirth: '2015-05-05',
            sex: 'M',
            postcode: 'FY1 4QS',
            schoolUrn: '100001',
          },
          concerns: { summary: 'Attendance falling; family under strain.' },
          consent: { given: true },
        },
        'SCHOOL',
      )
    ).body as { referralId: string };
    await post(
      intake.url,
      `/v1/referrals/${referral.referralId}/decision`,
      { outcome: 'STEP_DOWN_TO_EARLY_HELP', rationale: 'Needs met by early help.', decidedAt: '2025-01-07T10:00:00Z' },
      'FRONT_DOOR',
    ).then((response) => expect(response.status).toBe(200));
    const direct = await post(
      earlyHelp.url,
      '/v1/early-help/requests',
      {
        child: { givenName: 'Maya', familyName: 'Offline', dateOfBirth: '2016-09-09', sex: 'F', postcode: 'FY2 0AA' },
        reason: 'Low mood, attendance.',
        consent: { given: true },
      },
      'SCHOOL',
    );
    expect(direct.status).toBe(201);
    expect(earlyHelp.process.exitCode).toBeNull();

    await gate.open();
    const reachableAt = performance.now();
    await eventually(() => request(earlyHelp.url).get('/health/ready').expect(200), { timeoutMs: 45_000, intervalMs: 100 });
    process.stdout.write(`early-help: ready ${Math.round(performance.now() - reachableAt)} ms after the broker became reachable\n`);

    // What it missed is consumed (the stepped-down family's episode opens), what it wrote is published.
    const episodeId = nameBasedUuid(`episode-for-referral:${referral.referralId}`);
    await eventually(async () =>
      expect(
        await request(earlyHelp.url)
          .get(`/v1/early-help/episodes/${episodeId}`)
          .set('Authorization', `Bearer ${await token('EARLY_HELP')}`),
      ).toMatchObject({ status: 200 }),
    );
    const requested = direct.body as { episodeId: string };
    await eventually(() => {
      const published = probe.on(`${TOPICS.earlyHelp}${suffix}`).map((message) => message.value ?? '');
      expect(published.some((value) => value.includes(requested.episodeId))).toBe(true);
      expect(published.some((value) => value.includes(episodeId))).toBe(true);
    });
  }, 60_000);
});
