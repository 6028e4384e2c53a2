import { startServiceProcess, type ServiceProcess } from '@csc/testing';

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
