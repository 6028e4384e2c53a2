import type { DataSourceOptions } from 'typeorm';
import type { ConsumerSessionSettings, KafkaClientRecipe, ReplayResult } from '@csc/messaging';
import type { RunnerHealth, RunnerProgress } from '../projection-runner';

/**
 * Where a thread finds the service's projection definitions: a module it loads itself, since a
 * definition's functions cannot be sent to a thread. `path` is absolute (require.resolve).
 */
export interface DefinitionsModule {
  path: string;
  exportName: string;
}

/** What a projection thread starts from (workerData): plain data only. */
export interface ProjectionThreadData {
  definitions: DefinitionsModule;
  /** The thread makes its own client, as the service's was made. */
  kafka: KafkaClientRecipe;
  /** The service's connection to PostgreSQL, without entities or migrations: the thread opens its own pool. */
  database: DataSourceOptions;
  topicSuffix: string;
  serviceName: string;
  session?: ConsumerSessionSettings;
}

/** Where a runner stands, as its thread last told it: what `progress()` and `problem` answer at once. */
export interface RunnerSnapshot {
  progress: RunnerProgress;
  problem: string | null;
}

/** What the host asks of a runner in a thread, and what each answers. */
export interface RunnerCalls {
  start: { args: [projection: string, version: number, state: 'CURRENT' | 'BUILDING']; answer: void };
  stop: { args: []; answer: void };
  catchUp: { args: [timeoutMs: number]; answer: number };
  checkLog: { args: []; answer: RunnerSnapshot };
  loadPositions: { args: []; answer: RunnerSnapshot };
  replay: { args: [letterId: string, by: string]; answer: ReplayResult };
}
export type RunnerCall = keyof RunnerCalls;

/** From the host to a thread: a call on one of its runners (by its group id), or closing the thread. */
export type ToThread = { kind: 'call'; id: number; runner: string; method: RunnerCall; args: unknown[] } | { kind: 'close'; id: number };

export type HealthReport = keyof RunnerHealth;
export type LogLevel = 'log' | 'warn' | 'error' | 'debug' | 'verbose' | 'fatal';

/** From a thread to the host. */
export type FromThread =
  | { kind: 'answer'; id: number; value?: unknown; error?: string }
  | { kind: 'health'; report: HealthReport; args: unknown[] }
  | { kind: 'log'; level: LogLevel; context: string; message: string }
  | { kind: 'snapshot'; runner: string; snapshot: RunnerSnapshot }
  | { kind: 'log-lost'; runner: string }
  | { kind: 'swapped'; runner: string }
  | { kind: 'dead-letters'; runner: string; attached: boolean };

export const HEALTH_REPORTS: readonly HealthReport[] = [
  'consumerExpected',
  'consumerWaiting',
  'consumerCrashed',
  'consumerStarted',
  'consumerStopped',
  'batchStarted',
  'batchProcessed',
  'batchFailed',
];
