/**
 * A projection thread: runs the runners its host gives it, each exactly as the host would run it
 * itself (ProjectionRunner: its own consumer group, its batches and offsets in one transaction), on a
 * Kafka client and a PostgreSQL pool of the thread's own. What the host must see crosses as messages
 * (thread-messages.ts): readiness reports, log lines, where each runner stands, a lost log, a swap,
 * and the dead letters it can replay.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { Logger, type LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetters, describeErrorSafely, kafkaClientFromRecipe, type DeadLetterReplayer, type ReplayResult } from '@csc/messaging';
import type { ProjectionDefinition } from '../projection';
import { ProjectionRunner, type RunnerHealth } from '../projection-runner';
import { ProjectionVersions } from '../projection-versions';
import {
  HEALTH_REPORTS,
  type FromThread,
  type LogLevel,
  type ProjectionThreadData,
  type RunnerCall,
  type RunnerCalls,
  type RunnerSnapshot,
  type ToThread,
} from './thread-messages';

const data = workerData as ProjectionThreadData;
const port = parentPort!;
const tell = (message: FromThread) => port.postMessage(message);

const LEVELS: LogLevel[] = ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'];
/** Nest's loggers here write through the host's, so a thread's lines are the service's, in its format and at its level. */
const throughTheHost = Object.fromEntries(
  LEVELS.map((level) => [
    level,
    (message: unknown, ...params: unknown[]) => {
      // Nest passes the logger's context last; anything before it (an error's stack) follows the message.
      const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : 'ProjectionThread';
      tell({ kind: 'log', level, context, message: [message, ...params].map(String).join('\n') });
    },
  ]),
) as unknown as LoggerService;
Logger.overrideLogger(throughTheHost);
/** kafkajs's lines, under the context the service's own client logs with (PlatformModule). */
const kafkaLogger = new Logger('kafka');

const health = Object.fromEntries(
  HEALTH_REPORTS.map((report) => [report, (...args: unknown[]) => tell({ kind: 'health', report, args })]),
) as unknown as RunnerHealth;

/** The thread's dead letters: recorded in its own transactions; a replay asked of the host comes back here (replay). */
class DeadLettersThroughTheHost extends DeadLetters {
  readonly heldHere = new Map<string, DeadLetterReplayer>();

  override attach(consumer: string, replayer: DeadLetterReplayer): void {
    this.heldHere.set(consumer, replayer);
    tell({ kind: 'dead-letters', runner: consumer, attached: true });
  }

  override detach(consumer: string): void {
    this.heldHere.delete(consumer);
    tell({ kind: 'dead-letters', runner: consumer, attached: false });
  }
}

interface ThreadParts {
  dataSource: DataSource;
  definitions: ProjectionDefinition[];
  versions: ProjectionVersions;
  deadLetters: DeadLettersThroughTheHost;
  kafka: ReturnType<typeof kafkaClientFromRecipe>;
}

let parts: Promise<ThreadParts> | null = null;
/** Opened at the first runner's start, so that a failure answers that call rather than killing the thread. */
const openParts = (): Promise<ThreadParts> =>
  (parts ??= (async () => {
    const module = (await import(data.definitions.path)) as Record<string, ProjectionDefinition[] | undefined>;
    const definitions = module[data.definitions.exportName];
    if (!Array.isArray(definitions)) throw new Error(`${data.definitions.path} exports no ${data.definitions.exportName}`);
    const dataSource = await new DataSource(data.database).initialize();
    return {
      dataSource,
      definitions,
      versions: new ProjectionVersions(dataSource),
      deadLetters: new DeadLettersThroughTheHost(dataSource),
      kafka: kafkaClientFromRecipe(data.kafka, (level, message) => kafkaLogger[level](message)),
    };
  })().catch((error: unknown) => {
    parts = null;
    throw error;
  }));

const runners = new Map<string, ProjectionRunner>();
const snapshotOf = (runner: ProjectionRunner): RunnerSnapshot => ({ progress: runner.progress(), problem: runner.problem });

const calls: { [method in RunnerCall]: (key: string, ...args: RunnerCalls[method]['args']) => Promise<RunnerCalls[method]['answer']> } = {
  start: async (key, projection, version, state) => {
    if (runners.has(key)) throw new Error(`${key} is already running in this projection thread`);
    const { dataSource, definitions, versions, deadLetters, kafka } = await openParts();
    const definition = definitions.find((one) => one.name === projection);
    if (!definition) throw new Error(`${data.definitions.exportName} has no projection ${projection}`);
    const runner = new ProjectionRunner(definition, version, state, {
      kafka,
      dataSource,
      versions,
      topicSuffix: data.topicSuffix,
      serviceName: data.serviceName,
      session: data.session,
      health,
      deadLetters,
      onLogLost: () => tell({ kind: 'log-lost', runner: key }),
      onSwapped: () => tell({ kind: 'swapped', runner: key }),
    });
    if (runner.groupId !== key) throw new Error(`the host calls ${projection} v${version} ${key}, its group is ${runner.groupId}`);
    runners.set(key, runner);
    await runner.start();
  },
  stop: async (key) => {
    await runners.get(key)?.stop();
    runners.delete(key);
  },
  catchUp: (key, timeoutMs) => runnerOf(key).catchUp(timeoutMs),
  checkLog: async (key) => {
    await runnerOf(key).checkLog();
    return snapshotOf(runnerOf(key));
  },
  loadPositions: async (key) => {
    await runnerOf(key).loadPositions();
    return snapshotOf(runnerOf(key));
  },
  replay: async (key, letterId, by): Promise<ReplayResult> => {
    const { deadLetters } = await openParts();
    const replayer = deadLetters.heldHere.get(key);
    if (!replayer) return { id: letterId, result: 'NO_CONSUMER', consumer: key };
    // Read here rather than sent: its bytes stay Buffers, as the runner reads them.
    const letter = await deadLetters.store.get(letterId);
    return letter ? replayer(letter, by) : { id: letterId, result: 'NOT_FOUND' };
  },
};

const runnerOf = (key: string): ProjectionRunner => {
  const runner = runners.get(key);
  if (!runner) throw new Error(`no runner ${key} in this projection thread`);
  return runner;
};

const close = async () => {
  await Promise.all([...runners.values()].map((runner) => runner.stop()));
  runners.clear();
  const opened = await parts?.catch(() => null);
  await opened?.dataSource.destroy();
};

port.on('message', (message: ToThread) => {
  // Every call is answered, whatever it throws and however (an exception escaping here would end the thread).
  const work = Promise.resolve().then(() =>
    message.kind === 'close'
      ? close()
      : (calls[message.method] as (key: string, ...args: unknown[]) => Promise<unknown>)(message.runner, ...message.args),
  );
  work.then(
    (value) => tell({ kind: 'answer', id: message.id, value }),
    // As in-process errors are described: a database error by its SQLSTATE, never by the values it quotes.
    (error: unknown) => tell({ kind: 'answer', id: message.id, error: describeErrorSafely(error) }),
  );
});

/**
 * Where each runner stands, told when it changes: the host answers progress() and problem from it at once.
 * Kept by runner, not by group: a version stopped and started again here is a new runner on the host's
 * side too, which has been told nothing yet.
 */
const told = new WeakMap<ProjectionRunner, string>();
setInterval(() => {
  for (const [key, runner] of runners) {
    const snapshot = snapshotOf(runner);
    const text = JSON.stringify(snapshot);
    if (told.get(runner) === text) continue;
    told.set(runner, text);
    tell({ kind: 'snapshot', runner: key, snapshot });
  }
}, 250).unref();
