import { deadLetterTopicOf, TOPICS } from '@csc/contracts';
import { generateHistory, publishHistory } from '@csc/synthetic-history';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  testKafka,
  testKafkaConnection,
  testToken,
  uniqueTopicSuffix,
} from '@csc/testing';
import { analyticsMigrations } from '../../services/analytics/src/infrastructure/migrations';
import { startBuiltService } from '../support/built-service';
import { sampleMemory } from '../support/peak-memory';
import { kafkajsReadSeconds } from '../support/kafkajs-read-ceiling';
import { librdkafkaReads } from '../support/librdkafka-read-ceiling';
import { kcatReadSeconds } from '../support/raw-read-ceiling';
import { cpuPerOperation, measureCpu } from '../support/cpu-time';

const SEED = 1;
/** The projection threads the threaded rebuild runs in: one a core here. */
const PROJECTION_THREADS = 2;

interface StatusRow {
  projection: string;
  version: number;
  state: 'CURRENT' | 'BUILDING';
  position: number;
  lag: number;
}

/**
 * Replay of one log size: a generated history (libs/synthetic-history, seed 1) is published to fresh
 * topics; the analytics service (built, its own process) builds its projections from offset 0 on
 * first start (the live build), then every projection is rebuilt into a new version beside it, as
 * `npm run replay` does; then the ceilings read the same topics: a bare kafkajs consumer that only
 * counts (this runtime's own ceiling, the one the rebuild is held to), the same with the librdkafka-based
 * client (the candidate second client, when built) and kcat to /dev/null (librdkafka's, from C). Then the
 * service is restarted with its projections in worker threads (PROJECTION_THREADS) and rebuilds them again.
 * Resident memory of the analytics process is sampled from /proc every 100 ms.
 */
export const measureReplay = async (targetEvents: number, brokers: string) => {
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-replay');
  await createServiceTopics(kafka, suffix);
  const topics = Object.values(TOPICS).map((topic) => `${topic}${suffix}`);
  const database = await createTestDatabase(`bench_replay_${targetEvents}`, analyticsMigrations);
  await database.dataSource.destroy();
  try {
    log(`publishing a generated history of about ${targetEvents.toLocaleString('en-GB')} events`);
    const publishStarted = Date.now();
    const published = await publishHistory(generateHistory({ seed: SEED, targetEvents }), {
      brokers,
      connection: testKafkaConnection(),
      topicSuffix: suffix,
    });
    const publishSeconds = (Date.now() - publishStarted) / 1000;
    log(`published ${published.total.toLocaleString('en-GB')} events in ${publishSeconds.toFixed(1)}s`);

    const liveStarted = Date.now();
    const startAnalytics = (environment: Record<string, string> = {}) =>
      startBuiltService('analytics', { port: 3105, databaseUrl: database.url, kafkaBrokers: brokers, topicSuffix: suffix, environment });
    let service = await startAnalytics();
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

      /** Every projection rebuilt into `version`, as `npm run replay` asks it: time, memory and, process by process, CPU. */
      const timeRebuild = async (version: number) => {
        const rebuildMemory = sampleMemory(service.process.pid!);
        // Where the rebuild's two cores go, process by process, to set beside the bare consumer's (below).
        const rebuildCpu = measureCpu({
          analytics: [service.process.pid!],
          postgres: { named: 'postgres' },
          kafka: { named: 'java' },
          'bench (polling, memory)': [process.pid],
        });
        const started = Date.now();
        for (const projection of projections) await call('POST', `/v1/projections/${projection}/rebuild`);
        const applied = await allCaughtUp(version);
        const seconds = (Date.now() - started) / 1000;
        return { seconds, applied, cpuSeconds: rebuildCpu.stop(), peak: rebuildMemory.stop() };
      };
      const rebuild = await timeRebuild(2);
      const rebuildSeconds = rebuild.seconds;
      log(`rebuild (v2): ${rebuild.applied.toLocaleString('en-GB')} events in ${rebuildSeconds.toFixed(1)}s`);

      // The same rebuild with analytics' projections in PROJECTION_THREADS worker threads (off by default: docs/operations.md).
      await service.stop();
      service = await startAnalytics({ PROJECTION_THREADS: String(PROJECTION_THREADS) });
      await allCaughtUp(2);
      const threaded = await timeRebuild(3);
      log(
        `rebuild (v3) in ${PROJECTION_THREADS} projection threads: ${threaded.applied.toLocaleString('en-GB')} events in ${threaded.seconds.toFixed(1)}s`,
      );

      const kafkajsCpu = measureCpu({ 'bench (the bare consumer)': [process.pid], kafka: { named: 'java' } });
      const kafkajs = await kafkajsReadSeconds(topics);
      const kafkajsCpuSeconds = kafkajsCpu.stop();
      log(`bare kafkajs consumer: ${kafkajs.events.toLocaleString('en-GB')} events in ${kafkajs.seconds.toFixed(1)}s`);
      const librdkafka = await librdkafkaReads(brokers, topics);
      if (typeof librdkafka === 'object') {
        log(
          `librdkafka client, KafkaJS-compatible API: ${librdkafka.compatible.events.toLocaleString('en-GB')} events in ${librdkafka.compatible.seconds.toFixed(1)}s`,
        );
        log(
          `librdkafka client, its own API: ${librdkafka.native.events.toLocaleString('en-GB')} events in ${librdkafka.native.seconds.toFixed(1)}s`,
        );
      }
      const kcatSeconds = await kcatReadSeconds(brokers, topics);
      const logEvents = published.total;
      return {
        targetEvents,
        logEvents,
        byTopic: published.byTopic,
        publish: { seconds: twoPlaces(publishSeconds), eventsPerSecond: Math.round(logEvents / publishSeconds) },
        liveBuild: {
          seconds: twoPlaces(liveSeconds),
          projectionEventsApplied: liveApplied,
          logEventsPerSecond: Math.round(logEvents / liveSeconds),
          peakRssMiB: liveMemory.peakMiB,
        },
        rebuild: {
          seconds: twoPlaces(rebuildSeconds),
          // Several projections read the case-progression topic, so the events applied exceed the log's.
          projectionEventsApplied: rebuild.applied,
          logEventsPerSecond: Math.round(logEvents / rebuildSeconds),
          projectionEventsPerSecond: Math.round(rebuild.applied / rebuildSeconds),
          peakRssMiB: rebuild.peak.peakMiB,
          rssAtEndMiB: rebuild.peak.lastMiB,
          cpuPerThousandLogEvents: cpuPerOperation(rebuild.cpuSeconds, logEvents / 1000, rebuildSeconds),
        },
        threadedRebuild: {
          threads: PROJECTION_THREADS,
          seconds: twoPlaces(threaded.seconds),
          logEventsPerSecond: Math.round(logEvents / threaded.seconds),
          speedOverOneThread: twoPlaces(rebuildSeconds / threaded.seconds),
          peakRssMiB: threaded.peak.peakMiB,
          cpuPerThousandLogEvents: cpuPerOperation(threaded.cpuSeconds, logEvents / 1000, threaded.seconds),
        },
        kafkajs: {
          seconds: twoPlaces(kafkajs.seconds),
          eventsPerSecond: Math.round(logEvents / kafkajs.seconds),
          rebuildShareOfCeiling: twoPlaces(kafkajs.seconds / rebuildSeconds),
          cpuPerThousandLogEvents: cpuPerOperation(kafkajsCpuSeconds, logEvents / 1000, kafkajs.seconds),
        },
        librdkafkaClient:
          typeof librdkafka === 'string'
            ? librdkafka
            : {
                librdkafka: librdkafka.librdkafka,
                compatible: clientRead(librdkafka.compatible.seconds, logEvents, kafkajs.seconds),
                native: clientRead(librdkafka.native.seconds, logEvents, kafkajs.seconds),
              },
        kcat:
          kcatSeconds === null
            ? 'kcat not available'
            : {
                seconds: twoPlaces(kcatSeconds),
                eventsPerSecond: Math.round(logEvents / kcatSeconds),
                rebuildShareOfCeiling: twoPlaces(kcatSeconds / rebuildSeconds),
              },
      };
    } finally {
      await service.stop();
    }
  } finally {
    await deleteTopics(
      kafka,
      topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]),
    );
    await database.drop();
  }
};

/** A client's bare read beside kafkajs's: above 1, it reads faster (what adopting it could gain at most, were reading the bound). */
const clientRead = (seconds: number, logEvents: number, kafkajsSeconds: number) => ({
  seconds: twoPlaces(seconds),
  eventsPerSecond: Math.round(logEvents / seconds),
  speedOverKafkajs: twoPlaces(kafkajsSeconds / seconds),
});

const log = (line: string) => console.error(`bench: ${line}`);

const twoPlaces = (value: number) => Math.round(value * 100) / 100;

export type ReplayResult = Awaited<ReturnType<typeof measureReplay>>;

/** How the rebuild's time grows from the smallest log to the largest. */
export const growthOf = (runs: ReplayResult[]): string | null => {
  if (runs.length < 2) return null;
  const [first, last] = [runs[0], runs[runs.length - 1]];
  const time = last.rebuild.seconds / first.rebuild.seconds;
  const size = last.logEvents / first.logEvents;
  return `${first.logEvents.toLocaleString('en-GB')} -> ${last.logEvents.toLocaleString('en-GB')} events: rebuild time x${time.toFixed(2)} for x${size.toFixed(2)} events`;
};
