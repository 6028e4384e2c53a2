import { eventually, startServiceProcess, type ServiceProcess } from '@csc/testing';

export type BuiltService = ServiceProcess;

/**
 * Runs a service from its build (dist/, `npm run build`) in its own process, as in production, on
 * the bench's database and topics, logging warnings only. BENCH_CPU_PROFILE=<dir> writes a V8 CPU
 * profile of each service (node --cpu-prof), for finding what bounds a figure.
 */
export const startBuiltService = (
  name: string,
  options: { port: number; databaseUrl: string; kafkaBrokers: string; topicSuffix: string; environment?: Record<string, string> },
): Promise<BuiltService> =>
  startServiceProcess(name, { ...options, from: 'build', environment: { LOG_LEVEL: 'warn', ...options.environment } });

/** p-th percentile (nearest rank) of milliseconds, to a tenth. */
export const percentile = (sorted: number[], p: number): number =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50, p95, p99 and max of milliseconds, in any order. */
export const latencySummary = (values: number[]): LatencySummary => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) };
};

/** Waits until `condition` holds, checking every `intervalMs`; fails naming `what` at the deadline. */
export const waitFor = (condition: () => boolean | Promise<boolean>, what: string, { timeoutMs = 180_000, intervalMs = 10 } = {}) =>
  eventually(
    async () => {
      if (!(await condition())) throw new Error(`bench: timed out waiting for ${what}`);
    },
    { timeoutMs, intervalMs },
  );
