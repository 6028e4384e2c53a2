/**
 * How long each service takes to come back after it is killed outright (SIGKILL: nothing flushed,
 * its consumer group member left behind) under `npm start`'s supervisor (scripts/supervise.sh), and how soon a
 * killed instance's partitions move to a surviving one. Figures for the note on the issue, not a
 * pass/fail: a shared 2-core machine makes them noisy.
 *
 *   npm run bench:restarts                      every service, from its build (npm run build first)
 *   npm run bench:restarts -- analytics         the services named
 * KAFKA_SESSION_TIMEOUT_MS=30000 npm run bench:restarts compares with Kafka's default session.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import {
  createServiceTopics,
  createTestDatabase,
  publishTestInfrastructure,
  startServiceProcess,
  startTestInfrastructure,
  testKafka,
  uniqueTopicSuffix,
  type ServiceProcess,
} from '@csc/testing';
import { ALL_SERVICES } from '../services/registry';

const main = async () => {
  const named = process.argv.slice(2);
  const services = named.length > 0 ? ALL_SERVICES.filter((service) => named.includes(service.name)) : ALL_SERVICES;
  const infrastructure = await startTestInfrastructure();
  publishTestInfrastructure(infrastructure);
  const suffix = uniqueTopicSuffix();
  await createServiceTopics(testKafka('restart-times'), suffix);
  const environment: Record<string, string> = { LOG_LEVEL: 'warn', ...sessionSettingsFromEnvironment() };
  const rows: string[] = [];
  const running: ServiceProcess[] = [];
  try {
    for (const service of services) {
      const database = await createTestDatabase(`restarts_${service.name}`, service.migrations);
      const options = { from: 'build' as const, databaseUrl: database.url, topicSuffix: suffix, environment };
      const supervised = await startServiceProcess(service.name, { ...options, supervised: true });
      running.push(supervised);
      await supervised.kill();
      const killedAt = performance.now();
      const listening = watch(`${supervised.url}/health`);
      const ready = (await watch(`${supervised.url}/health/ready`)) - killedAt;
      rows.push(`| ${service.name} | ${seconds((await listening) - killedAt)} | ${seconds(ready)} |`);
      log(`${service.name}: ready ${seconds(ready)} s after the kill`);
      await supervised.stop();
      running.pop();
      await database.drop();
    }
    rows.push('', await partitionsMove(suffix, environment));
  } finally {
    for (const service of running) await service.stop();
    await infrastructure.stop();
  }
  console.log(
    [
      "Kill (SIGKILL) to ready, restarted by npm start's supervisor (its first wait: 1 s), from the build;",
      `consumer session ${environment.KAFKA_SESSION_TIMEOUT_MS ?? 'default (8000)'} ms.`,
      '',
      '| service | kill to listening (s) | kill to ready (s) |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
};

/** Two case-progression instances in one group: one is killed, and the survivor ends up with every partition. */
const partitionsMove = async (suffix: string, environment: Record<string, string>): Promise<string> => {
  const service = ALL_SERVICES.find(({ name }) => name === 'case-progression')!;
  const database = await createTestDatabase('restarts_partitions', service.migrations);
  const options = { from: 'build' as const, databaseUrl: database.url, topicSuffix: suffix, environment };
  const victim = await startServiceProcess(service.name, options);
  const survivor = await startServiceProcess(service.name, options);
  const admin = testKafka('restart-times-admin').admin();
  await admin.connect();
  try {
    const members = async () => (await admin.describeGroups([service.name])).groups[0];
    await until(async () => (await members()).members.length === 2 && (await members()).state === 'Stable');
    await victim.kill();
    const killedAt = performance.now();
    await until(async () => {
      const group = await members();
      return group.state === 'Stable' && group.members.length === 1;
    });
    const moved = performance.now() - killedAt;
    log(`case-progression: a killed member's partitions moved after ${seconds(moved)} s`);
    return `A killed case-progression instance's partitions were all with the surviving instance ${seconds(moved)} s after the kill.`;
  } finally {
    await admin.disconnect();
    await survivor.stop();
    await database.drop();
  }
};

/** Resolves with the moment `url` first answers 200. */
const watch = async (url: string): Promise<number> => {
  for (;;) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return performance.now();
    await new Promise((done) => setTimeout(done, 20));
  }
};

const until = async (condition: () => Promise<boolean>) => {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if (await condition()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('restart-times: timed out');
};

const sessionSettingsFromEnvironment = (): Record<string, string> =>
  Object.fromEntries(
    ['KAFKA_SESSION_TIMEOUT_MS', 'KAFKA_HEARTBEAT_INTERVAL_MS', 'KAFKA_REBALANCE_TIMEOUT_MS'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]!]] : [],
    ),
  );

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const log = (line: string) => console.error(`restart-times: ${line}`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
