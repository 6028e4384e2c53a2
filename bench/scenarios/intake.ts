import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { TOPICS } from '@csc/contracts';
import { createServiceTopics, createTestDatabase, deleteTopics, testKafka, testToken, TopicProbe, uniqueTopicSuffix } from '@csc/testing';
import { referralIntakeMigrations } from '../../services/referral-intake/src/infrastructure/migrations';
import { latencySummary, startBuiltService, waitFor, type LatencySummary } from '../support/built-service';
import { cpuPerOperation, measureCpu, type CpuPerOperation } from '../support/cpu-time';
import { watchStatements, type StatementsPerOperation } from '../support/pg-statements';
import { pgbenchInsertCeiling, type InsertCeiling } from '../support/pgbench-ceiling';

export interface IntakeOptions {
  referrals: number;
  /** Concurrent HTTP clients, and pgbench's clients for the ceiling. */
  concurrency: number;
  /** How long pgbench inserts for. */
  ceilingSeconds: number;
  brokers: string;
}

export interface IntakeResult {
  scenario: string;
  referrals: number;
  concurrency: number;
  referralsPerSecond: number;
  /** Until every ReferralReceived was on Kafka, not only answered over HTTP. */
  onKafkaReferralsPerSecond: number;
  latencyMs: LatencySummary;
  /** CPU milliseconds each referral cost, by process (the bench is the load generator). */
  cpu: CpuPerOperation;
  /** PostgreSQL statements each referral cost, over the same window. */
  statements: StatementsPerOperation;
  ceiling: InsertCeiling | 'pgbench not available';
  shareOfCeiling: number | null;
}

/**
 * Referral intake: POST /v1/referrals at a fixed number of concurrent clients (autocannon) against
 * referral-intake run from its build in its own process, each a new child (child index, event store,
 * outbox), until every ReferralReceived is on Kafka; beside pgbench's single-row JSON inserts from
 * the same number of clients, run just before on the same PostgreSQL.
 */
export const measureIntake = async ({ referrals, concurrency, ceilingSeconds, brokers }: IntakeOptions): Promise<IntakeResult> => {
  const ceiling = await pgbenchInsertCeiling({ clients: concurrency, seconds: ceilingSeconds, document: referralBody(0) });

  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-intake');
  await createServiceTopics(kafka, suffix);
  const topic = `${TOPICS.referralIntake}${suffix}`;
  const database = await createTestDatabase('bench_intake', referralIntakeMigrations);
  await database.dataSource.destroy();
  const service = await startBuiltService('referral-intake', {
    port: 3101,
    databaseUrl: database.url,
    kafkaBrokers: brokers,
    topicSuffix: suffix,
  });
  const probe = await TopicProbe.start(kafka, [topic]);
  try {
    const token = await testToken({ sub: 'bench', role: 'FRONT_DOOR', org: 'LA888' });
    const received = () => probe.on(topic).filter((message) => message.headers['event-type'] === 'ReferralReceived').length;
    // A first few referrals, so that the timed run does not include the service's cold start (JIT, pools).
    await post(`${service.url}/v1/referrals`, token, WARM_UP, 4, () => undefined);
    await waitFor(() => received() >= WARM_UP, 'the warm-up referrals on Kafka');

    const latencies: number[] = [];
    const statements = await watchStatements({ 'referral-intake': database.url });
    const cpu = measureCpu({
      'referral-intake': [service.process.pid!],
      postgres: { named: 'postgres' },
      kafka: { named: 'java' },
      bench: [process.pid],
    });
    const started = process.hrtime.bigint();
    const load = await post(`${service.url}/v1/referrals`, token, referrals, concurrency, (ms) => latencies.push(ms));
    const httpSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (load.non2xx > 0 || load.errors > 0)
      throw new Error(`intake: ${load.non2xx} answers were not 2xx and ${load.errors} requests failed`);
    await waitFor(() => received() >= WARM_UP + referrals, 'every ReferralReceived on Kafka');
    const onKafkaSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSeconds = cpu.stop();
    const statementsPerReferral = await statements.stop(referrals);
    const referralsPerSecond = Math.round(referrals / httpSeconds);
    return {
      scenario: `POST /v1/referrals, ${concurrency} concurrent clients, each a new child, until every ReferralReceived is on Kafka; beside pgbench single-row JSON inserts, ${concurrency} clients`,
      referrals,
      concurrency,
      referralsPerSecond,
      onKafkaReferralsPerSecond: Math.round(referrals / onKafkaSeconds),
      latencyMs: latencySummary(latencies),
      cpu: cpuPerOperation(cpuSeconds, referrals, onKafkaSeconds),
      statements: statementsPerReferral,
      ceiling: ceiling ?? 'pgbench not available',
      shareOfCeiling: ceiling ? Math.round((1000 * referralsPerSecond) / ceiling.insertsPerSecond) / 1000 : null,
    };
  } finally {
    await service.stop();
    await probe.stop();
    await deleteTopics(
      kafka,
      Object.values(TOPICS).map((name) => `${name}${suffix}`),
    );
    await database.drop();
  }
};

const post = (url: string, token: string, amount: number, connections: number, onLatency: (ms: number) => void) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    let next = 0;
    const instance = autocannon(
      {
        url,
        connections,
        amount,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(referralBody(next++)) }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });

const WARM_UP = 200;
const SOURCES = ['6', '6', '6', '2A', '2A', '3A', '3F', '5A', '1A', '8'];
const FIRST_BIRTH_DAY = Date.UTC(2008, 0, 1);

/** A new child each time, born on any day of 18 years, as a local authority's referrals are. */
export const referralBody = (index: number) => ({
  referrer: { source: SOURCES[index % SOURCES.length], organisationId: index % 10 < 3 ? 'LANCS-POLICE' : '100001', name: 'Bench Referrer' },
  child: {
    givenName: 'Bench',
    familyName: `Child${randomUUID().slice(0, 12)}`,
    dateOfBirth: new Date(FIRST_BIRTH_DAY + ((index * 7919) % 6570) * 86_400_000).toISOString().slice(0, 10),
    sex: index % 2 ? 'M' : 'F',
    postcode: 'FY1 4QS',
  },
  concerns: { summary: 'Benchmark referral: concerns about neglect and school attendance.', factors: ['16A'] },
  consent: { given: true },
});
