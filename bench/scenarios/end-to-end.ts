import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { declaredTopics } from '@csc/contracts';
import { schoolUrns } from '@csc/synthetic-history';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  testKafka,
  testToken,
  uniqueTopicSuffix,
  type TestDatabase,
} from '@csc/testing';
import { startReceiver } from '../../examples/school-webhook-receiver/src/receiver';
import { analyticsMigrations } from '../../services/analytics/src/infrastructure/migrations';
import { referralIntakeMigrations } from '../../services/referral-intake/src/infrastructure/migrations';
import { schoolNotificationsMigrations } from '../../services/school-notifications/src/infrastructure/migrations';
import { latencySummary, startBuiltService, waitFor, type BuiltService, type LatencySummary } from '../support/built-service';
import { cpuPerOperation, measureCpu, type CpuPerOperation } from '../support/cpu-time';
import { watchStatements, type StatementsPerOperation } from '../support/pg-statements';

export interface EndToEndOptions {
  decisions: number;
  decisionsPerSecond: number;
  schools: number;
  brokers: string;
}

export interface EndToEndResult {
  scenario: string;
  decisions: number;
  schools: number;
  decisionsPerSecondTarget: number;
  decisionsPerSecondAchieved: number;
  decisionHttpMs: LatencySummary;
  toAnalyticsRowMs: LatencySummary;
  toSchoolWebhookMs: LatencySummary;
  /** CPU milliseconds each decision cost, by process, from the first POST until the last arrival. */
  cpu: CpuPerOperation;
  /** PostgreSQL statements each decision cost, by service, over the same window. */
  statements: StatementsPerOperation;
  /**
   * Decision POSTs sent again because the first try was refused as busy (503, nothing written) or never
   * connected: what a saturated service costs its callers, beside the latencies (which count from the first try).
   */
  decisionRetries: number;
  /** Cores busy with no load, measured just before. */
  idleCoresBusy: number;
  /** What each process spent with no load, in milliseconds of CPU per second (polling, timers, waiting). */
  idleMsPerSecond: Record<string, number>;
}

/**
 * End to end at a steady rate: the front door decides referrals that schools made, and for each
 * decision the bench times, from the start of its POST, (a) the analytics `referrals` row taking the
 * outcome (a trigger the bench adds NOTIFYs on commit) and (b) the REFERRAL_DECIDED webhook arriving,
 * signed and verified, at the referring school's own receiver. referral-intake, school-notifications
 * and analytics run from their builds in their own processes. Decisions are sent on a schedule
 * (open loop), not after the previous answer, so a slow answer cannot slow the rate down.
 */
export const measureEndToEnd = async ({ decisions, decisionsPerSecond, schools, brokers }: EndToEndOptions): Promise<EndToEndResult> => {
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-end-to-end');
  await createServiceTopics(kafka, suffix);
  const databases: TestDatabase[] = [];
  const database = async (label: string, migrations: Parameters<typeof createTestDatabase>[1]) => {
    const created = await createTestDatabase(label, migrations);
    await created.dataSource.destroy();
    databases.push(created);
    return created;
  };
  const intakeDatabase = await database('bench_e2e_intake', referralIntakeMigrations);
  const notificationsDatabase = await database('bench_e2e_notifications', schoolNotificationsMigrations);
  const analyticsDatabase = await database('bench_e2e_analytics', analyticsMigrations);

  const sentAt = new Map<string, number>();
  const toWebhook: number[] = [];
  const toAnalytics: number[] = [];
  const receivedBySchools = { count: 0 };
  const secrets = new Map<string, string>();
  const urns = schoolUrns(schools);
  const receivers = await Promise.all(
    urns.map((urn) =>
      startReceiver({
        secret: () => secrets.get(urn) ?? '',
        onNotification: (notification) => {
          if (notification.type === 'REFERRAL_RECEIVED') receivedBySchools.count += 1;
          const sent = notification.type === 'REFERRAL_DECIDED' && notification.referralId && sentAt.get(notification.referralId);
          if (sent) toWebhook.push(performance.now() - sent);
        },
        log: (line) => console.error(`receiver ${urn}: ${line}`),
      }),
    ),
  );
  const services: BuiltService[] = [];
  const listener = new Client({ connectionString: analyticsDatabase.url });
  try {
    const common = { kafkaBrokers: brokers, topicSuffix: suffix };
    const intake = await startBuiltService('referral-intake', { ...common, port: 3121, databaseUrl: intakeDatabase.url });
    services.push(intake);
    const notifications = await startBuiltService('school-notifications', {
      ...common,
      port: 3124,
      databaseUrl: notificationsDatabase.url,
      // The benchmark's receivers listen on 127.0.0.1: reachable only with the development setting.
      environment: { WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' },
    });
    services.push(notifications);
    const analytics = await startBuiltService('analytics', { ...common, port: 3125, databaseUrl: analyticsDatabase.url });
    services.push(analytics);

    const admin = await bearer('ADMIN', 'LA888');
    for (const [index, urn] of urns.entries()) {
      const school = await call(
        `${notifications.url}/v1/schools`,
        { urn, name: `Bench School ${urn}`, webhookUrl: receivers[index].url },
        admin,
        201,
      );
      secrets.set(urn, school.webhookSecret);
    }

    // The referrals first, each told to its school and projected; then only decisions are timed.
    log(`${decisions} referrals from ${schools} schools`);
    const referralIds: string[] = [];
    const asSchool = await Promise.all(urns.map((urn) => bearer('SCHOOL', urn)));
    await inParallel(decisions, 8, async (index) => {
      const school = index % schools;
      referralIds[index] = (await call(`${intake.url}/v1/referrals`, referralBody(index, urns[school]), asSchool[school], 201)).referralId;
    });
    await listener.connect();
    const referralsTable = await projectionTable(listener, 'referrals');
    await waitFor(async () => receivedBySchools.count >= decisions, 'every REFERRAL_RECEIVED webhook');
    await waitFor(
      async () => (await listener.query(`SELECT count(*)::int AS n FROM ${referralsTable}`)).rows[0].n >= decisions,
      'every referral in analytics',
    );
    await notifyWhenDecided(listener, referralsTable, (referralId) => {
      const sent = sentAt.get(referralId);
      if (sent) toAnalytics.push(performance.now() - sent);
    });

    log(`${decisions} decisions at ${decisionsPerSecond}/s`);
    const asFrontDoor = await bearer('FRONT_DOOR', 'LA888');
    const decisionHttp: number[] = [];
    let decisionRetries = 0;
    const processes = {
      'referral-intake': [intake.process.pid!],
      'school-notifications': [notifications.process.pid!],
      analytics: [analytics.process.pid!],
      postgres: { named: 'postgres' },
      kafka: { named: 'java' },
      'bench (load, receivers)': [process.pid],
    };
    // What the system costs doing nothing (consumers polling, relays and dispatcher waiting), to set the rest against.
    const idle = measureCpu(processes);
    await new Promise((done) => setTimeout(done, IDLE_SECONDS * 1000));
    const idleCpu = cpuPerOperation(idle.stop(), IDLE_SECONDS, IDLE_SECONDS);
    const statements = await watchStatements({
      'referral-intake': intakeDatabase.url,
      'school-notifications': notificationsDatabase.url,
      analytics: analyticsDatabase.url,
    });
    const cpu = measureCpu(processes);
    const started = performance.now();
    const posts: Promise<void>[] = [];
    for (const [index, referralId] of referralIds.entries()) {
      const due = started + (index * 1000) / decisionsPerSecond;
      if (due > performance.now()) await new Promise((done) => setTimeout(done, due - performance.now()));
      const sent = performance.now();
      sentAt.set(referralId, sent);
      const decision = { outcome: 'NFA', primaryNeed: 'N9', rationale: 'Benchmark decision: universal services meet the need.' };
      posts.push(
        callAgainWhileBusy(
          () => call(`${intake.url}/v1/referrals/${referralId}/decision`, decision, asFrontDoor, 200),
          () => (decisionRetries += 1),
        ).then(() => {
          decisionHttp.push(performance.now() - sent);
        }),
      );
    }
    await Promise.all(posts);
    const sendingSeconds = (performance.now() - started) / 1000;
    await waitFor(
      async () => toWebhook.length >= decisions && toAnalytics.length >= decisions,
      'every decision at the schools and in analytics',
    );
    const cpuSeconds = cpu.stop();
    const statementsPerDecision = await statements.stop(decisions);
    const allArrivedSeconds = (performance.now() - started) / 1000;
    return {
      scenario: `decision POST -> (a) analytics referrals row with the outcome, (b) REFERRAL_DECIDED webhook verified at the school's receiver; ${decisionsPerSecond}/s over ${schools} schools`,
      decisions,
      schools,
      decisionsPerSecondTarget: decisionsPerSecond,
      decisionsPerSecondAchieved: Math.round(decisions / sendingSeconds),
      decisionHttpMs: latencySummary(decisionHttp),
      toAnalyticsRowMs: latencySummary(toAnalytics),
      toSchoolWebhookMs: latencySummary(toWebhook),
      cpu: cpuPerOperation(cpuSeconds, decisions, allArrivedSeconds),
      statements: statementsPerDecision,
      decisionRetries,
      idleCoresBusy: idleCpu.coresBusy,
      idleMsPerSecond: idleCpu.msPerOperation,
    };
  } finally {
    await listener.end().catch(() => undefined);
    for (const service of services.reverse()) await service.stop();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await deleteTopics(
      kafka,
      declaredTopics({ suffix }).map(({ topic }) => topic),
    );
    for (const created of databases) await created.drop();
  }
};

/** The analytics service names each projection's tables by version; the bench's is the first. */
const projectionTable = async (client: Client, table: string): Promise<string> => {
  let name: string | undefined;
  await waitFor(async () => {
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'projections' AND table_name LIKE $1 ORDER BY table_name`,
      [`${table}\\_v%`],
    );
    name = rows[0]?.table_name;
    return name !== undefined;
  }, `the analytics ${table} table`);
  return `projections.${name}`;
};

/**
 * A trigger of the bench's own (added as the database owner, not part of the service) that NOTIFYs
 * when a referral's row first takes an outcome. NOTIFY is delivered on commit, so the time it
 * arrives is when an analyst's query could first see the row.
 */
const notifyWhenDecided = async (client: Client, table: string, onDecided: (referralId: string) => void) => {
  await client.query(`
    CREATE FUNCTION public.bench_referral_decided() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('bench_referral_decided', NEW.referral_id::text); RETURN NULL; END $$`);
  await client.query(`
    CREATE TRIGGER bench_referral_decided AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW
    WHEN (NEW.outcome IS NOT NULL) EXECUTE FUNCTION public.bench_referral_decided()`);
  const seen = new Set<string>();
  client.on('notification', ({ payload }) => {
    if (payload && !seen.has(payload)) {
      seen.add(payload);
      onDecided(payload);
    }
  });
  await client.query('LISTEN bench_referral_decided');
};

const bearer = async (role: 'ADMIN' | 'SCHOOL' | 'FRONT_DOOR', org: string) =>
  `Bearer ${await testToken({ sub: `bench-${role.toLowerCase()}-${org}`, role, org })}`;

class RefusedAsBusy extends Error {}

const call = async (url: string, body: object, authorization: string, expected: number): Promise<Record<string, string>> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  if (response.status !== expected) {
    const problem = `${url}: HTTP ${response.status} ${await response.text()}`;
    throw response.status === 503 ? new RefusedAsBusy(problem) : new Error(problem);
  }
  return (await response.json()) as Record<string, string>;
};

const RETRY_PAUSE_MS = 250;
const MOST_TRIES = 20;

/**
 * A POST sent as a caller of the API would send it to a saturated service: refused as busy (503, which
 * says nothing was written) or never connected (the request not sent at all), it is sent again after a
 * pause, so that an overloaded run measures the delay rather than stopping at its first refusal. Any
 * other failure, where the write may have happened, ends the run.
 */
const callAgainWhileBusy = async <T>(send: () => Promise<T>, onRetry: () => void): Promise<T> => {
  for (let tries = 1; ; tries++) {
    try {
      return await send();
    } catch (error) {
      if (tries >= MOST_TRIES || !(error instanceof RefusedAsBusy || neverConnected(error))) throw error;
      onRetry();
      await new Promise((done) => setTimeout(done, RETRY_PAUSE_MS));
    }
  }
};

// undici's fetch fails with a TypeError whose cause says why; these causes all mean the request never left.
const neverConnected = (error: unknown): boolean => {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ECONNREFUSED';
};

const inParallel = async (count: number, width: number, work: (index: number) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
};

const IDLE_SECONDS = 5;
const FIRST_BIRTH_DAY = Date.UTC(2010, 8, 1);

const referralBody = (index: number, urn: string) => ({
  referrer: { source: '2A', organisationId: urn, name: 'Bench Safeguarding Lead', role: 'DSL' },
  child: {
    givenName: 'Bench',
    familyName: `Pupil${index.toString(36)}x${Date.now().toString(36)}`,
    dateOfBirth: new Date(FIRST_BIRTH_DAY + ((index * 7919) % 5000) * 86_400_000).toISOString().slice(0, 10),
    sex: index % 2 ? 'M' : 'F',
    postcode: 'FY1 4QS',
  },
  concerns: { summary: 'Benchmark referral: attendance has fallen and the child seems hungry.', factors: ['16A'] },
  consent: { given: true },
});

const log = (line: string) => console.error(`bench: ${line}`);
