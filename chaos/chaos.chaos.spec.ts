import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createServiceTopics,
  createTestDatabase,
  eventually,
  killTestBroker,
  startServiceProcess,
  startTestBroker,
  testKafka,
  testToken,
  uniqueTopicSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@csc/testing';
import { startReceiver } from '../examples/school-webhook-receiver/src/receiver';
import { ALL_SERVICES } from '../services/registry';
import { settledExactlyOnce, type SettledFigures, type WhatWasDelivered } from './exactly-once';
import { startSteadyLoad } from './steady-load';

const SCHOOL = '100001';
/** How long the load runs between one kill's recovery and the next kill. */
const BETWEEN_KILLS_MS = Number(process.env.CHAOS_BETWEEN_KILLS_MS ?? 3000);
/** The bound: everything settled within this of the last restart. */
const SETTLE_WITHIN_MS = 60_000;
const REPORT_DIR = resolve(__dirname, '../.run/chaos');

/**
 * Chaos, short enough for CI (`npm run test:chaos`): every service runs in its own process under
 * npm start's supervisor, a school refers children and the front door decides them without pause,
 * and each service, then the broker, is killed outright (SIGKILL) in turn and comes back. Then
 * every referral, case, episode, inbox entry, view row and webhook is there exactly once (a webhook
 * repeated with the same id is allowed, and counted), nothing is parked or dead-lettered, and all of
 * it settles within 60 s of the last restart. Recovery times and counts go to .run/chaos/report.md.
 */
describe('chaos: each service and the broker killed in turn under steady load', () => {
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('chaos');
  const databases: Record<string, TestDatabase> = {};
  const processes: Record<string, ServiceProcess> = {};
  const delivered: WhatWasDelivered = { notificationIds: new Set(), repeats: 0 };
  let receiver: { url: string; close(): Promise<void> };
  const token = (role: 'SCHOOL' | 'FRONT_DOOR' | 'ADMIN' | 'ANALYST', org = 'LA888') =>
    testToken({ sub: `${role.toLowerCase()}-chaos`, role, org });

  beforeAll(async () => {
    mkdirSync(REPORT_DIR, { recursive: true });
    await createServiceTopics(kafka, suffix);
    let secret = '';
    receiver = await startReceiver({
      secret: () => secret,
      onNotification: ({ id }) => void delivered.notificationIds.add(id),
      log: (line) => void (line.startsWith('repeat of') && (delivered.repeats += 1)),
    });
    for (const service of ALL_SERVICES) {
      databases[service.name] = await createTestDatabase(`chaos_${service.name}`, service.migrations);
      processes[service.name] = await startServiceProcess(service.name, {
        from: 'source',
        supervised: true,
        databaseUrl: databases[service.name].url,
        topicSuffix: suffix,
        logFile: join(REPORT_DIR, `${service.name}.log`),
        environment: service.name === 'school-notifications' ? { WEBHOOK_ALLOW_LOCAL_ADDRESSES: 'true' } : {},
      });
    }
    const registered = await fetch(`${processes['school-notifications'].url}/v1/schools`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('ADMIN')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ urn: SCHOOL, name: 'Chaos Primary School', webhookUrl: receiver.url }),
    });
    expect(registered.status).toBe(201);
    secret = ((await registered.json()) as { webhookSecret: string }).webhookSecret;
  }, 300_000);

  afterAll(async () => {
    // If the broker was left down by a failure, later work needs it back.
    await startTestBroker().catch(() => undefined);
    for (const service of Object.values(processes)) await service.stop();
    await receiver?.close();
    for (const database of Object.values(databases)) await database.drop();
  }, 120_000);

  it('loses nothing and does nothing twice, and settles within 60 s of the last restart', async () => {
    const recoveries: { what: string; seconds: number }[] = [];
    const parked = sampleParkedEvents(databases);
    const load = startSteadyLoad({
      intakeUrl: processes['referral-intake'].url,
      school: SCHOOL,
      schoolToken: await token('SCHOOL', SCHOOL),
      frontDoorToken: await token('FRONT_DOOR'),
      pauseMs: 100,
    });
    await pause(BETWEEN_KILLS_MS);

    for (const service of ALL_SERVICES.map(({ name }) => name)) {
      await processes[service].kill();
      const killedAt = performance.now();
      await untilReady([processes[service]]);
      recoveries.push({ what: service, seconds: (performance.now() - killedAt) / 1000 });
      await pause(BETWEEN_KILLS_MS);
    }
    await killTestBroker();
    const brokerKilledAt = performance.now();
    await pause(2000); // down for a moment, as a crashed broker is: clients see it gone
    await startTestBroker();
    await untilReady(Object.values(processes));
    recoveries.push({ what: 'broker (until every service is ready again)', seconds: (performance.now() - brokerKilledAt) / 1000 });
    const lastRestart = performance.now();

    await pause(BETWEEN_KILLS_MS); // load on the recovered system too
    const made = await load.stop();
    const figures: SettledFigures = await eventually(
      () =>
        settledExactlyOnce({
          databases,
          load: made,
          delivered,
          kafka,
          topicSuffix: suffix,
          appropriateness: () => appropriatenessOf(processes.analytics.url),
        }),
      { timeoutMs: SETTLE_WITHIN_MS - (performance.now() - lastRestart), intervalMs: 500 },
    );
    const settledAfter = (performance.now() - lastRestart) / 1000;
    const parkedSeen = parked.stop();

    const report = reportOf(recoveries, settledAfter, figures, parkedSeen, made.retries);
    writeFileSync(join(REPORT_DIR, 'report.md'), report);
    process.stderr.write(`\n${report}`); // the figures for the note, beside the file
    expect(figures.referrals).toBeGreaterThan(0);
    expect(settledAfter).toBeLessThan(SETTLE_WITHIN_MS / 1000);
  }, 900_000);

  const appropriatenessOf = async (analyticsUrl: string) => {
    const response = await fetch(`${analyticsUrl}/v1/views/referral-appropriateness?groupBy=school`, {
      headers: { authorization: `Bearer ${await token('ANALYST')}` },
    });
    if (!response.ok) throw new Error(`not settled: the appropriateness view answered ${response.status}`);
    const rows = (await response.json()) as { referrals: number; outcomes: Record<string, number> }[];
    const outcomes: Record<string, number> = {};
    for (const row of rows)
      for (const [outcome, count] of Object.entries(row.outcomes)) outcomes[outcome] = (outcomes[outcome] ?? 0) + count;
    return { referrals: rows.reduce((sum, row) => sum + row.referrals, 0), outcomes };
  };
});

/** Every process answers /health/ready (consumers joined, relay running, nothing halted). */
const untilReady = (services: ServiceProcess[]) =>
  eventually(
    async () => {
      for (const service of services) {
        const ready = await fetch(`${service.url}/health/ready`).then(
          (response) => response.ok,
          () => false,
        );
        if (!ready) throw new Error(`${service.name} is not ready`);
      }
    },
    { timeoutMs: 180_000, intervalMs: 100 },
  );

/** Counts events parked while the chaos runs (waiting for an earlier event, or for a database back): the most at once, and how many in all. */
const sampleParkedEvents = (databases: Record<string, TestDatabase>) => {
  const seen = new Set<string>();
  let most = 0;
  const timer = setInterval(async () => {
    let now = 0;
    for (const database of Object.values(databases)) {
      const rows: { consumer: string; event_id: string }[] = await database.dataSource
        .query(`SELECT consumer, event_id FROM parked_events`)
        .catch(() => []);
      now += rows.length;
      for (const { consumer, event_id } of rows) seen.add(`${consumer}:${event_id}`);
    }
    most = Math.max(most, now);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return { most, inAll: seen.size };
    },
  };
};

const reportOf = (
  recoveries: { what: string; seconds: number }[],
  settledAfter: number,
  figures: SettledFigures,
  parked: { most: number; inAll: number },
  retries: number,
) =>
  [
    '# Chaos run (npm run test:chaos)',
    '',
    '| killed (SIGKILL) | kill to ready (s) |',
    '| --- | --- |',
    ...recoveries.map(({ what, seconds }) => `| ${what} | ${seconds.toFixed(1)} |`),
    '',
    `Settled ${settledAfter.toFixed(1)} s after the last restart (bound ${SETTLE_WITHIN_MS / 1000} s).`,
    `Exactly once: ${figures.referrals} referrals received and decided, ${figures.cases} cases, ${figures.episodes} early help episodes,`,
    `${figures.inboxEntries} inbox entries, ${figures.notifications} notifications delivered (${figures.webhookRepeats} repeated with the same id).`,
    `Parked while it ran: ${parked.inAll} events in all, at most ${parked.most} at once; dead letters: 0 (tables and dead-letter topics).`,
    `Client retries (refused connections and 5xx while a process was down): ${retries}.`,
    '',
  ].join('\n');

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
