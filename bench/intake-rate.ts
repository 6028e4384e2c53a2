/**
 * Referral intake throughput: referrals posted over HTTP to a running referral-intake (built, its
 * own process, as in production) at a fixed number of concurrent clients, and how long until every
 * ReferralReceived is on Kafka. Reports referrals/s and HTTP latency percentiles.
 *   npm run bench:intake -- [referrals=3000] [concurrency=16]
 * Writes bench/results/intake-rate.json. Starts the broker if none answers, and stops it after.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@csc/contracts';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  startTestInfrastructure,
  testKafka,
  testToken,
  TopicProbe,
  uniqueTopicSuffix,
} from '@csc/testing';
import { referralIntakeMigrations } from '../services/referral-intake/src/infrastructure/migrations';
import { percentile, startBuiltService } from './support/built-service';

const PORT = 3101;

const main = async () => {
  const total = Number(process.argv[2] ?? 3000);
  const concurrency = Number(process.argv[3] ?? 16);
  const infrastructure = await startTestInfrastructure();
  process.env.CSC_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.CSC_TEST_POSTGRES_ADMIN_URL = infrastructure.postgresAdminUrl;
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-intake');
  await createServiceTopics(kafka, suffix);
  const database = await createTestDatabase('bench_intake', referralIntakeMigrations);
  await database.dataSource.destroy();
  const service = await startBuiltService('referral-intake', {
    port: PORT,
    databaseUrl: database.url,
    kafkaBrokers: infrastructure.kafkaBrokers,
    topicSuffix: suffix,
  });
  const topic = `${TOPICS.referralIntake}${suffix}`;
  const probe = await TopicProbe.start(kafka, [topic]);
  try {
    const token = await testToken({ sub: 'bench', role: 'FRONT_DOOR', org: 'LA888' });
    const latencies: number[] = [];
    let next = 0;
    const started = process.hrtime.bigint();
    const client = async () => {
      while (next < total) {
        const index = next++;
        const sent = process.hrtime.bigint();
        const response = await fetch(`http://127.0.0.1:${PORT}/v1/referrals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(referralBody(index)),
        });
        if (response.status !== 201) throw new Error(`referral ${index}: HTTP ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const httpSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    while (probe.on(topic).filter((message) => message.headers['event-type'] === 'ReferralReceived').length < total) {
      await new Promise((done) => setTimeout(done, 10));
    }
    const onKafkaSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const result = {
      scenario: 'POST /v1/referrals over HTTP (new child each, child index, event store) until every ReferralReceived is on Kafka',
      referrals: total,
      concurrency,
      httpReferralsPerSecond: Math.round(total / httpSeconds),
      onKafkaReferralsPerSecond: Math.round(total / onKafkaSeconds),
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
      },
      machine: `${process.platform} ${process.arch}, node ${process.version}, 2 cores shared by client, service, PostgreSQL and Kafka`,
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'intake-rate.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await service.stop();
    await probe.stop();
    await deleteTopics(kafka, [topic]);
    await database.drop();
    await infrastructure.stop();
  }
};

const SOURCES = ['6', '6', '6', '2A', '2A', '3A', '3F', '5A', '1A', '8'];
const referralBody = (index: number) => ({
  referrer: { source: SOURCES[index % SOURCES.length], organisationId: index % 10 < 3 ? 'LANCS-POLICE' : '100001', name: 'Bench Referrer' },
  child: {
    givenName: 'Bench',
    familyName: `Child${randomUUID().slice(0, 12)}`,
    dateOfBirth: `20${10 + (index % 12)}-0${1 + (index % 9)}-1${index % 10}`,
    sex: index % 2 ? 'M' : 'F',
    postcode: 'FY1 4QS',
  },
  concerns: { summary: 'Benchmark referral: concerns about neglect and school attendance.', factors: ['16A'] },
  consent: { given: true },
});

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
