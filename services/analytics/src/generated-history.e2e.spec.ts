import type { Role } from '@csc/contracts';
import { TOPICS } from '@csc/contracts';
import { ProjectionVersions } from '@csc/projections';
import {
  generateHistory,
  generateTeamAroundTheSchoolCohort,
  publishHistory,
  summariseHistory,
  type HistorySummary,
} from '@csc/synthetic-history';
import {
  createServiceTopics,
  createTestDatabase,
  deleteTopics,
  eventually,
  startServiceProcess,
  testEnvironment,
  testKafka,
  testKafkaConnection,
  testToken,
  uniqueTopicSuffix,
  type ServiceProcess,
  type TestDatabase,
} from '@csc/testing';
import { analyticsMigrations } from './infrastructure/migrations';
import { ANALYTICS_PROJECTIONS } from './projections/analytics-projections';

interface StatusRow {
  projection: string;
  version: number;
  state: 'CURRENT' | 'BUILDING';
  position: number;
  lag: number;
}

const YEAR = { from: '2024-04-01', to: '2025-03-31' };
const TEAM_AROUND_THE_SCHOOL_YEAR = { from: '2019-09-02', to: '2020-09-01' };
const VIEWS = [
  `/v1/views/referral-appropriateness?groupBy=month`,
  `/v1/views/referral-appropriateness?groupBy=school`,
  `/v1/views/referral-appropriateness?groupBy=source&from=${YEAR.from}&to=${YEAR.to}`,
  `/v1/views/re-referrals?groupBy=month`,
  `/v1/views/re-referrals?groupBy=source&from=${YEAR.from}&to=${YEAR.to}`,
  `/v1/views/re-referrals?groupBy=school`,
  `/v1/views/timeliness`,
  `/v1/views/early-help-outcomes?from=${YEAR.from}`,
  `/v1/views/early-help-outcomes?from=${TEAM_AROUND_THE_SCHOOL_YEAR.from}&to=${TEAM_AROUND_THE_SCHOOL_YEAR.to}`,
  `/v1/views/evaluation?schools=100001,100002,100003,100004,100005&since=2024-10-01`,
];

/**
 * A generated year of a local authority's history, and Team Around the School's cohort years
 * before it, published to the test's own topics; the analytics service runs in its own process so
 * that it can be killed outright in the middle of a rebuild. It runs its projections in worker threads
 * (PROJECTION_THREADS) until the kill, and on its own thread after: the two ways must agree row for row.
 */
describe('analytics over a generated year: live projections, and a rebuild from offset 0 killed half-way, give every row the same', () => {
  let database: TestDatabase;
  let analytics: ServiceProcess;
  let summary: HistorySummary;
  let published: number;
  const topicSuffix = uniqueTopicSuffix();
  const kafka = testKafka('generated-history');
  const token = () => testToken({ sub: 'analyst-history', role: 'ANALYST' satisfies Role, org: 'LA888' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a view body, read field by field
  const get = async (path: string): Promise<any> => {
    const response = await fetch(`${analytics.url}${path}`, { headers: { authorization: `Bearer ${await token()}` } });
    expect([path, response.status]).toEqual([path, 200]);
    return response.json();
  };
  const statuses = async () => (await get('/v1/projections')) as StatusRow[];
  const start = async (environment: Record<string, string> = {}) => {
    analytics = await startServiceProcess('analytics', { from: 'source', databaseUrl: database.url, topicSuffix, environment });
  };
  /** Every projection's version `version` serving, with nothing left to read. */
  const caughtUp = (version: number) =>
    eventually(
      async () => {
        const rows = await statuses();
        expect(
          rows.filter((row) => row.state === 'CURRENT').map(({ projection, version: v, lag }) => ({ projection, version: v, lag })),
        ).toEqual(expect.arrayContaining(ANALYTICS_PROJECTIONS.map(({ name }) => ({ projection: name, version, lag: 0 }))));
        expect(rows.filter((row) => row.state === 'BUILDING')).toEqual([]);
      },
      { timeoutMs: 240_000 },
    );
  /** Every row of every projection's serving tables, in key order. */
  const everyRow = async () => {
    const versions = new ProjectionVersions(database.dataSource);
    const rows: Record<string, unknown[]> = {};
    for (const definition of ANALYTICS_PROJECTIONS) {
      for (const [table, versioned] of Object.entries(await versions.currentTables(definition))) {
        rows[`${definition.name}.${table}`] = await database.dataSource.query(`SELECT * FROM ${versioned} ORDER BY 1`);
      }
    }
    return rows;
  };

  /** Connections the projection threads hold to this test's database (they name themselves so). */
  const threadConnections = async () =>
    Number(
      (
        await database.dataSource.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'analytics projection thread'`,
        )
      )[0].n,
    );

  beforeAll(async () => {
    await createServiceTopics(kafka, topicSuffix);
    database = await createTestDatabase('generated_history', analyticsMigrations);
    const year = () => generateHistory({ seed: 2024, startOn: YEAR.from, years: 1, referralsPerYear: 3000 });
    summary = summariseHistory(year());
    const cohort = generateTeamAroundTheSchoolCohort({ seed: 2019, startOn: TEAM_AROUND_THE_SCHOOL_YEAR.from });
    published = (
      await publishHistory([...cohort, ...year()], {
        brokers: testEnvironment().kafkaBrokers,
        connection: testKafkaConnection(),
        topicSuffix,
        createTopics: false,
      })
    ).total;
    // Projections in worker threads first; after the kill below, on the service's own thread: both must give the same rows.
    await start({ PROJECTION_THREADS: '2' });
  }, 300_000);
  afterAll(async () => {
    await analytics?.stop();
    await deleteTopics(
      kafka,
      Object.values(TOPICS).map((topic) => `${topic}${topicSuffix}`),
    );
    await database?.drop();
  });

  let live: { views: unknown[]; rows: Record<string, unknown[]> };

  it('reads the whole log into every projection, and the views agree with what was generated', async () => {
    await caughtUp(1);
    expect(published).toBeGreaterThan(20_000);
    expect(await threadConnections()).toBeGreaterThan(0);

    const reReferrals = (await get(`/v1/views/re-referrals?groupBy=source&from=${YEAR.from}&to=${YEAR.to}`)) as {
      perReferral: { count: number; of: number };
    }[];
    // The view's SQL and the generator's own count (history-summary.ts) apply docs/domain.md's rule independently.
    expect({
      reReferrals: reReferrals.reduce((sum, row) => sum + row.perReferral.count, 0),
      cinReferrals: reReferrals.reduce((sum, row) => sum + row.perReferral.of, 0),
    }).toEqual({ reReferrals: summary.reReferrals, cinReferrals: summary.cinReferrals });

    const timeliness = await get(`/v1/views/timeliness`);
    expect(timeliness.assessments.withinTimescale.of).toBe(summary.assessmentsCompleted);
    expect(timeliness.assessments.withinTimescale.count).toBe(
      Math.round(summary.assessmentsWithinTimescaleShare * summary.assessmentsCompleted),
    );
    expect(timeliness.assessments.withinTimescale.rate).toBeGreaterThan(0.8);
    expect(timeliness.initialChildProtectionConferences.withinTimescale.rate).toBeGreaterThan(0.7);

    // Team Around the School's own figures (docs/domain.md), from the cohort's events alone.
    const teamAroundTheSchool = await get(
      `/v1/views/early-help-outcomes?from=${TEAM_AROUND_THE_SCHOOL_YEAR.from}&to=${TEAM_AROUND_THE_SCHOOL_YEAR.to}`,
    );
    expect(teamAroundTheSchool).toEqual({
      from: TEAM_AROUND_THE_SCHOOL_YEAR.from,
      to: TEAM_AROUND_THE_SCHOOL_YEAR.to,
      funnel: {
        referred: 422,
        notProgressed: { count: 94, of: 422, rate: 0.2227 },
        supported: { count: 327, of: 422, rate: 0.7749 },
        graduated: { count: 163, of: 422, rate: 0.3863 },
        leftWithoutGraduating: { count: 94, of: 422, rate: 0.2227 },
        active: { count: 70, of: 422, rate: 0.1659 },
        steppedUp: { count: 1, of: 422, rate: 0.0024 },
        movedAway: { count: 0, of: 422, rate: 0 },
      },
      ladder: {
        familiesWithTwoReadings: 87,
        progressedInAtLeastOneArea: { count: 86, of: 87, rate: 0.9885 },
        progressedInFiveOrMoreAreas: { count: 53, of: 87, rate: 0.6092 },
      },
    });

    const evaluation = await get(VIEWS[VIEWS.length - 1]);
    expect(evaluation.cohort.before.referrals + evaluation.cohort.after.referrals).toBeGreaterThan(0);
    expect(evaluation.otherSchools.after.referrals).toBeGreaterThan(evaluation.cohort.after.referrals);

    const refused = await fetch(`${analytics.url}/v1/views/evaluation?schools=100001,12&since=2024-02-30`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string[] }).message).toEqual(
      expect.arrayContaining([expect.stringMatching(/^schools\b.*URN/), expect.stringMatching(/^since\b.*date/)]),
    );

    live = { views: await Promise.all(VIEWS.map(get)), rows: await everyRow() };
    expect(Object.values(live.rows).every((rows) => rows.length > 0)).toBe(true);
  }, 300_000);

  it('rebuilds every projection from offset 0, killed outright half-way and restarted, into exactly the same rows', async () => {
    for (const { name } of ANALYTICS_PROJECTIONS) {
      const response = await fetch(`${analytics.url}/v1/projections/${name}/rebuild`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token()}` },
      });
      expect(response.status).toBe(202);
    }
    // Kill it once a rebuild has applied some batches but not all.
    const atKill = await eventually(
      async () => {
        const building = (await statuses()).filter((row) => row.state === 'BUILDING' && row.position > 0 && row.lag > 0);
        expect(building.length).toBeGreaterThan(0);
        return building;
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    await analytics.kill();
    expect(atKill.length).toBeGreaterThan(0);

    // Restarted with its projections on its own thread: each rebuild resumes from the offsets the killed threads left.
    await start();
    expect(await threadConnections()).toBe(0);
    await caughtUp(2);
    expect(await everyRow()).toEqual(live.rows);
    expect(await Promise.all(VIEWS.map(get))).toEqual(live.views);
    const tables: { table_name: string }[] = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'projections' ORDER BY 1`,
    );
    expect(tables.every(({ table_name }) => table_name.endsWith('_v2'))).toBe(true);
  }, 300_000);
});
