/**
 * End to end, from a front door decision to the school that referred hearing of it: the time from
 * the start of `POST /v1/referrals/{id}/decision` to the REFERRAL_DECIDED webhook arriving, signed
 * and verified, at the example receiver. referral-intake and school-notifications run from their
 * builds in their own processes; the path is HTTP -> event store -> outbox relay -> Kafka ->
 * school-notifications' reaction -> webhook_deliveries -> NOTIFY -> dispatcher -> HTTP.
 *   npm run bench:webhook -- [referrals=300] [decisionsPerSecond=20]
 * Writes bench/results/decision-to-webhook.json. Starts the broker if none answers, and stops it after.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  startTestInfrastructure,
  testKafka,
  testToken,
  uniqueTopicSuffix,
} from '@csc/testing';
import { TOPICS } from '@csc/contracts';
import { startReceiver } from '../examples/school-webhook-receiver/src/receiver';
import { referralIntakeMigrations } from '../services/referral-intake/src/infrastructure/migrations';
import { schoolNotificationsMigrations } from '../services/school-notifications/src/infrastructure/migrations';
import { percentile, startBuiltService, type BuiltService } from './support/built-service';

const SCHOOL = '109876';

const main = async () => {
  const total = Number(process.argv[2] ?? 300);
  const perSecond = Number(process.argv[3] ?? 20);
  const infrastructure = await startTestInfrastructure();
  process.env.CSC_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.CSC_TEST_POSTGRES_ADMIN_URL = infrastructure.postgresAdminUrl;
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-webhook');
  await createServiceTopics(kafka, suffix);
  const intakeDatabase = await createTestDatabase('bench_webhook_intake', referralIntakeMigrations);
  const notificationsDatabase = await createTestDatabase('bench_webhook_notifications', schoolNotificationsMigrations);
  await intakeDatabase.dataSource.destroy();
  await notificationsDatabase.dataSource.destroy();

  const decisionSentAt = new Map<string, number>();
  const arrivalMs: number[] = [];
  let received = 0;
  let secret = '';
  const receiver = await startReceiver({
    secret: () => secret,
    onNotification: (notification) => {
      if (notification.type === 'REFERRAL_RECEIVED') received += 1;
      const sentAt = notification.referralId && decisionSentAt.get(notification.referralId);
      if (notification.type === 'REFERRAL_DECIDED' && sentAt) arrivalMs.push(performance.now() - sentAt);
    },
    log: (line) => console.error(`receiver: ${line}`),
  });
  const services: BuiltService[] = [];
  try {
    const common = { kafkaBrokers: infrastructure.kafkaBrokers, topicSuffix: suffix };
    services.push(await startBuiltService('referral-intake', { ...common, port: 3111, databaseUrl: intakeDatabase.url }));
    services.push(await startBuiltService('school-notifications', { ...common, port: 3114, databaseUrl: notificationsDatabase.url }));
    const [intake, notifications] = services;
    const bearer = async (role: 'ADMIN' | 'SCHOOL' | 'FRONT_DOOR', org: string) =>
      `Bearer ${await testToken({ sub: `bench-${role.toLowerCase()}`, role, org })}`;
    const call = async (url: string, body: object, authorization: string, expected: number): Promise<Record<string, string>> => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(body),
      });
      if (response.status !== expected) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, string>;
    };
    secret = (
      await call(
        `${notifications.url}/v1/schools`,
        { urn: SCHOOL, name: 'Bench Primary', webhookUrl: receiver.url },
        await bearer('ADMIN', 'LA888'),
        201,
      )
    ).webhookSecret;

    // The referrals first, each told to the school as received; then only decisions are timed.
    const asSchool = await bearer('SCHOOL', SCHOOL);
    const referralIds: string[] = [];
    for (let index = 0; index < total; index += 1) {
      referralIds.push((await call(`${intake.url}/v1/referrals`, referralBody(index), asSchool, 201)).referralId);
    }
    await until(() => received >= total, 'every REFERRAL_RECEIVED webhook');

    const asFrontDoor = await bearer('FRONT_DOOR', 'LA888');
    const decisionHttpMs: number[] = [];
    const started = performance.now();
    const posts: Promise<void>[] = [];
    for (let index = 0; index < total; index += 1) {
      const due = started + (index * 1000) / perSecond;
      if (due > performance.now()) await new Promise((done) => setTimeout(done, due - performance.now()));
      const referralId = referralIds[index];
      decisionSentAt.set(referralId, performance.now());
      posts.push(
        call(
          `${intake.url}/v1/referrals/${referralId}/decision`,
          { outcome: 'NFA', primaryNeed: 'N9', rationale: 'Benchmark decision: universal services meet the need.' },
          asFrontDoor,
          200,
        ).then(() => void decisionHttpMs.push(performance.now() - decisionSentAt.get(referralId)!)),
      );
    }
    await Promise.all(posts);
    await until(() => arrivalMs.length >= total, 'every REFERRAL_DECIDED webhook');
    const seconds = (performance.now() - started) / 1000;
    arrivalMs.sort((a, b) => a - b);
    decisionHttpMs.sort((a, b) => a - b);
    const result = {
      scenario:
        'decision POST -> REFERRAL_DECIDED webhook verified at the example receiver (referral-intake and school-notifications from their builds)',
      referrals: total,
      decisionsPerSecondTarget: perSecond,
      decisionsPerSecondAchieved: Math.round(total / seconds),
      decisionToWebhookMs: {
        p50: percentile(arrivalMs, 50),
        p95: percentile(arrivalMs, 95),
        p99: percentile(arrivalMs, 99),
        max: percentile(arrivalMs, 100),
      },
      decisionHttpMs: { p50: percentile(decisionHttpMs, 50), p99: percentile(decisionHttpMs, 99) },
      machine: `${process.platform} ${process.arch}, node ${process.version}, 2 cores shared by client, receiver, two services, PostgreSQL and Kafka`,
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'decision-to-webhook.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const service of services.reverse()) await service.stop();
    await receiver.close();
    await deleteTopics(
      kafka,
      Object.values(TOPICS).map((topic) => `${topic}${suffix}`),
    );
    await intakeDatabase.drop();
    await notificationsDatabase.drop();
    await infrastructure.stop();
  }
};

const until = async (condition: () => boolean, what: string, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
};

const referralBody = (index: number) => ({
  referrer: { source: '2A', organisationId: SCHOOL, name: 'Bench Safeguarding Lead', role: 'DSL' },
  child: {
    givenName: 'Bench',
    familyName: `Pupil${index.toString(36)}x${Date.now().toString(36)}`,
    dateOfBirth: `20${12 + (index % 8)}-0${1 + (index % 9)}-1${index % 10}`,
    sex: index % 2 ? 'M' : 'F',
    postcode: 'FY1 4QS',
  },
  concerns: { summary: 'Benchmark referral: attendance has fallen and the child seems hungry.', factors: ['16A'] },
  consent: { given: true },
});

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
