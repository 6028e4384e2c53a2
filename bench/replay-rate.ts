/**
 * Replay: how fast the analytics service rebuilds every projection from offset 0, and with how
 * much memory, beside the ceiling of reading the same topics raw with kcat in the same run.
 *   npm run bench:replay -- [events=1000000] [more sizes...]     e.g. -- 1000000 4000000
 * For each size: a generated history (libs/synthetic-history, seed 1) is published to fresh topics;
 * the analytics service (built, its own process) builds its projections from offset 0 on first start
 * (the live build), then every projection is rebuilt into a new version beside it, as `npm run replay`
 * does; kcat then reads the same topics to /dev/null. Resident memory of the analytics process is
 * sampled from /proc every 100 ms. Writes bench/results/replay-rate.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@csc/contracts';
import { generateHistory, publishHistory } from '@csc/synthetic-history';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  startTestInfrastructure,
  testKafka,
  testToken,
  uniqueTopicSuffix,
} from '@csc/testing';
import { analyticsMigrations } from '../services/analytics/src/infrastructure/migrations';
import { startBuiltService } from './support/built-service';
import { sampleMemory } from './support/peak-memory';
import { kcatReadSeconds } from './support/raw-read-ceiling';

const PORT = 3105;
const SEED = 1;

interface StatusRow {
  projection: string;
  version: number;
  state: 'CURRENT' | 'BUILDING';
  position: number;
  lag: number;
}

const main = async () => {
  const sizes = process.argv.slice(2).map(Number);
  const infrastructure = await startTestInfrastructure();
  process.env.CSC_TEST_KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.CSC_TEST_POSTGRES_ADMIN_URL = infrastructure.postgresAdminUrl;
  const runs = [];
  try {
    for (const size of sizes.length > 0 ? sizes : [1_000_000]) runs.push(await replayOf(size, infrastructure.kafkaBrokers));
  } finally {
    await infrastructure.stop();
  }
  const result = {
    scenario:
      'rebuild every analytics projection from offset 0 in the running service (new version beside the serving one, swapped when caught up), beside kcat reading the same topics to /dev/null',
    runs,
    growth:
      runs.length > 1
        ? `${runs[0].logEvents} -> ${runs[runs.length - 1].logEvents} events: rebuild time x${(runs[runs.length - 1].rebuild.seconds / runs[0].rebuild.seconds).toFixed(2)} for x${(runs[runs.length - 1].logEvents / runs[0].logEvents).toFixed(2)} events`
        : null,
    machine: `${process.platform} ${process.arch}, node ${process.version}, 2 cores shared by the generator, analytics, PostgreSQL, Kafka and kcat`,
    measuredAt: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'replay-rate.json'), `${JSON.stringify(result, null, 2)}\n`);
};

const replayOf = async (targetEvents: number, brokers: string) => {
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-replay');
  await createServiceTopics(kafka, suffix);
  const topics = Object.values(TOPICS).map((topic) => `${topic}${suffix}`);
  const database = await createTestDatabase(`bench_replay_${targetEvents}`, analyticsMigrations);
  await database.dataSource.destroy();
  try {
    log(`publishing a generated history of about ${targetEvents.toLocaleString('en-GB')} events`);
    const publishStarted = Date.now();
    const published = await publishHistory(generateHistory({ seed: SEED, targetEvents }), { brokers, topicSuffix: suffix });
    const publishSeconds = (Date.now() - publishStarted) / 1000;
    log(`published ${published.total.toLocaleString('en-GB')} events in ${publishSeconds.toFixed(1)}s`);

    const liveStarted = Date.now();
    const service = await startBuiltService('analytics', {
      port: PORT,
      databaseUrl: database.url,
      kafkaBrokers: brokers,
      topicSuffix: suffix,
    });
    const memory = sampleMemory(service.process.pid!);
    try {
      const token = await testToken({ sub: 'bench', role: 'ANALYST', org: 'LA888' });
      const call = async (method: string, path: string) => {
        const response = await fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
        return response.json();
      };
      const projections = ((await call('GET', '/v1/projections')) as StatusRow[]).map((row) => row.projection);
      const allCaughtUp = async (version: number) => {
        for (;;) {
          const rows = (await call('GET', '/v1/projections')) as StatusRow[];
          const current = rows.filter((row) => row.state === 'CURRENT' && row.version === version && row.lag === 0 && row.position > 0);
          if (current.length === projections.length)
            return rows.filter((row) => row.state === 'CURRENT').reduce((sum, row) => sum + row.position, 0);
          await new Promise((done) => setTimeout(done, 200));
        }
      };
      const liveApplied = await allCaughtUp(1);
      const liveSeconds = (Date.now() - liveStarted) / 1000;
      const liveMemory = memory.stop();
      log(`live build (v1, service start included): ${liveApplied.toLocaleString('en-GB')} events in ${liveSeconds.toFixed(1)}s`);

      const rebuildMemory = sampleMemory(service.process.pid!);
      const rebuildStarted = Date.now();
      for (const projection of projections) await call('POST', `/v1/projections/${projection}/rebuild`);
      const rebuildApplied = await allCaughtUp(2);
      const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
      const rebuildPeak = rebuildMemory.stop();
      log(`rebuild (v2): ${rebuildApplied.toLocaleString('en-GB')} events in ${rebuildSeconds.toFixed(1)}s`);

      const kcatSeconds = await kcatReadSeconds(brokers, topics);
      const logEvents = published.total;
      return {
        targetEvents,
        logEvents,
        byTopic: published.byTopic,
        publish: { seconds: round(publishSeconds), eventsPerSecond: Math.round(logEvents / publishSeconds) },
        liveBuild: {
          seconds: round(liveSeconds),
          projectionEventsApplied: liveApplied,
          logEventsPerSecond: Math.round(logEvents / liveSeconds),
          peakRssMiB: liveMemory.peakMiB,
        },
        rebuild: {
          seconds: round(rebuildSeconds),
          // Several projections read the case-progression topic, so the events applied exceed the log's.
          projectionEventsApplied: rebuildApplied,
          logEventsPerSecond: Math.round(logEvents / rebuildSeconds),
          projectionEventsPerSecond: Math.round(rebuildApplied / rebuildSeconds),
          peakRssMiB: rebuildPeak.peakMiB,
          rssAtEndMiB: rebuildPeak.lastMiB,
        },
        kcat:
          kcatSeconds === null
            ? 'kcat not available'
            : {
                seconds: round(kcatSeconds),
                eventsPerSecond: Math.round(logEvents / kcatSeconds),
                rebuildShareOfCeiling: round(kcatSeconds / rebuildSeconds),
              },
      };
    } finally {
      await service.stop();
    }
  } finally {
    await deleteTopics(
      kafka,
      topics.flatMap((topic) => [topic, `${topic}.dlq`]),
    );
    await database.drop();
  }
};

const round = (value: number) => Math.round(value * 100) / 100;
const log = (line: string) => console.error(`bench: ${line}`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
