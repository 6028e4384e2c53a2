import { Client } from 'pg';
import { testEnvironment } from '@csc/testing';

/** PostgreSQL's share of an operation, by service database: top-level statements and their execution time. */
export type StatementsPerOperation =
  | { byService: Record<string, { statements: number; executionMs: number }> }
  /** Why it was not measured (pg_stat_statements is not loaded). */
  | string;

const NOT_LOADED =
  "pg_stat_statements not loaded (ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements', then restart PostgreSQL)";

/**
 * Counts what PostgreSQL runs for each service between start and stop, from pg_stat_statements
 * (top-level statements: each BEGIN and COMMIT counts, and nested ones are left out). A BEGIN sent
 * with its transaction's first statement (inTransactionOpenedBy) counts as a statement of its own, though
 * the two take one round trip. On this machine a round trip costs more CPU than most statements it carries, so the count says
 * where to cut better than execution time alone. The bench's own queries run in other databases.
 * Statement counts are the cluster's: nothing else should use PostgreSQL during the measure.
 */
export const watchStatements = async (databaseUrls: Record<string, string>) => {
  const admin = new Client({ connectionString: testEnvironment().postgresAdminUrl });
  await admin.connect();
  let problem: string | null = null;
  try {
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await admin.query('SELECT pg_stat_statements_reset()');
  } catch (error) {
    problem = /shared_preload_libraries/.test((error as Error).message) ? NOT_LOADED : `pg_stat_statements: ${(error as Error).message}`;
  }
  return {
    stop: async (operations: number): Promise<StatementsPerOperation> => {
      try {
        if (problem) return problem;
        const services = Object.entries(databaseUrls).map(([service, url]) => ({ service, database: new URL(url).pathname.slice(1) }));
        const { rows } = await admin.query<{ database: string; calls: string; ms: number }>(
          `SELECT d.datname AS database, sum(s.calls)::text AS calls, sum(s.total_exec_time)::float8 AS ms
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE s.toplevel AND d.datname = ANY($1::text[]) GROUP BY d.datname`,
          [services.map(({ database }) => database)],
        );
        const of = (database: string) => rows.find((row) => row.database === database);
        return {
          byService: Object.fromEntries(
            services.map(({ service, database }) => [
              service,
              {
                statements: Math.round((10 * Number(of(database)?.calls ?? 0)) / operations) / 10,
                executionMs: Math.round((100 * (of(database)?.ms ?? 0)) / operations) / 100,
              },
            ]),
          ),
        };
      } finally {
        await admin.end();
      }
    },
  };
};

/** One line for the report: statements per operation by service, and their execution time. */
export const statementsLine = (statements: StatementsPerOperation | undefined, per: string): string => {
  if (statements === undefined) return '';
  if (typeof statements === 'string') return `PostgreSQL statements per ${per}: not measured, ${statements}.`;
  const entries = Object.entries(statements.byService);
  const total = entries.reduce((sum, [, { statements: count }]) => sum + count, 0);
  const executionMs = entries.reduce((sum, [, { executionMs: ms }]) => sum + ms, 0);
  return `PostgreSQL statements per ${per} (BEGIN and COMMIT included, a BEGIN sent with its first statement too): ${entries
    .map(([service, { statements: count }]) => `${service} ${count}`)
    .join(', ')}; ${Math.round(total * 10) / 10} in all, executing for ${Math.round(executionMs * 100) / 100} ms.`;
};
