import { deadLetterTopicOf, TOPICS } from '@csc/contracts';
import { generateHistory, HistorySubjectKeys, publishHistory, rootSubjectKeyOf } from '@csc/synthetic-history';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  testKafka,
  testKafkaConnection,
  testSubjectProtection,
  testToken,
  uniqueTopicSuffix,
} from '@csc/testing';
import { statutoryReturnsMigrations } from '../../services/statutory-returns/src/infrastructure/migrations';
import { startBuiltService, waitFor } from '../support/built-service';
import { sampleMemory } from '../support/peak-memory';

/** The ceiling for one export of a year's return. */
export const CENSUS_CEILING = { seconds: 10, rssMiB: 512 };

export interface CensusYearSize {
  label: string;
  seed: string | number;
  referralsPerYear?: number;
}

/**
 * The CIN census for one generated year (from 1 April 2025): the year is published to fresh topics
 * and its children's keys put in the key vault (as the demo loader does), statutory-returns (built,
 * its own process) builds its projection from offset 0, then the file and the report are each made
 * three times over HTTP, timed from request to last byte, and Ofsted's Annex A as at 31 March the same way; resident memory of the service is
 * sampled from /proc every 100 ms while they run. The ceiling (10 s, 512 MB) is the target.
 */
export const measureCensusExport = async (size: CensusYearSize, brokers: string) => {
  const suffix = uniqueTopicSuffix();
  const kafka = testKafka('bench-census');
  await createServiceTopics(kafka, suffix);
  const topics = Object.values(TOPICS).map((topic) => `${topic}${suffix}`);
  const database = await createTestDatabase('bench_census', statutoryReturnsMigrations);
  await database.dataSource.destroy();
  const { vault, close } = await testSubjectProtection();
  try {
    const root = rootSubjectKeyOf(`bench-census-${size.seed}`);
    const keys = new HistorySubjectKeys(root);
    const history = generateHistory({
      seed: size.seed,
      startOn: '2025-04-01',
      years: 1,
      referralsPerYear: size.referralsPerYear,
      subjectKey: root,
    });
    const published = await publishHistory(keys.noting(history), { brokers, connection: testKafkaConnection(), topicSuffix: suffix });
    await vault.importKeys(keys.keys());
    log(`${size.label}: published ${published.total.toLocaleString('en-GB')} events, ${keys.keys().length.toLocaleString('en-GB')} keys`);

    const service = await startBuiltService('statutory-returns', {
      port: 3106,
      databaseUrl: database.url,
      kafkaBrokers: brokers,
      topicSuffix: suffix,
    });
    try {
      const token = await testToken({ sub: 'bench', role: 'ANALYST', org: 'LA888' });
      const get = async (path: string) => {
        const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const body = await response.text();
        if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${body.slice(0, 200)}`);
        return body;
      };
      await waitFor(
        async () => {
          const [status] = JSON.parse(await get('/v1/projections')) as { lag: number; position: number }[];
          return status.lag === 0 && status.position >= published.total;
        },
        'the child-records projection to catch up',
        { timeoutMs: 600_000, intervalMs: 250 },
      );
      const before = sampleMemory(service.process.pid!).stop();
      const memory = sampleMemory(service.process.pid!);
      const timed = async (path: string) => {
        const seconds: number[] = [];
        let body = '';
        for (let run = 0; run < 3; run++) {
          const started = Date.now();
          body = await get(path);
          seconds.push((Date.now() - started) / 1000);
        }
        return { seconds: Math.min(...seconds), worstSeconds: Math.max(...seconds), body };
      };
      const file = await timed('/v1/returns/cin-census/2025-26');
      const report = await timed('/v1/returns/cin-census/2025-26/report');
      const annexA = await timed('/v1/returns/annex-a?asOf=2026-03-31');
      const peak = memory.stop();
      const findings = JSON.parse(report.body) as { children: number; cinDetails: number; errors: number; queries: number };
      return {
        label: size.label,
        logEvents: published.total,
        children: findings.children,
        cinDetails: findings.cinDetails,
        errors: findings.errors,
        queries: findings.queries,
        fileBytes: Buffer.byteLength(file.body),
        file: { bestSeconds: file.seconds, worstSeconds: file.worstSeconds },
        report: { bestSeconds: report.seconds, worstSeconds: report.worstSeconds },
        annexA: { bestSeconds: annexA.seconds, worstSeconds: annexA.worstSeconds },
        /** Resident before the first export (after the projection's build): what the exports add is the difference. */
        rssBeforeMiB: before.lastMiB,
        peakRssMiB: peak.peakMiB,
        ceiling: CENSUS_CEILING,
      };
    } finally {
      await service.stop();
    }
  } finally {
    await close();
    await deleteTopics(
      kafka,
      topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]),
    );
    await database.drop();
  }
};

const log = (line: string) => console.error(`bench: ${line}`);

export type CensusExportResult = Awaited<ReturnType<typeof measureCensusExport>>;
