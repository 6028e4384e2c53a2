import type { DataSource, DataSourceOptions } from 'typeorm';
import type { KafkaClientRecipe } from '@csc/messaging';
import type { ProjectionDefinition } from '../projection';
import type { RunningProjection } from '../projection-runner';
import { ProjectionThread, type HostSide } from './projection-thread';
import type { DefinitionsModule, ProjectionThreadData } from './thread-messages';

/** A host's projection threads: how many, and what each needs to run the service's projections itself. */
export interface ProjectionThreadsOptions {
  /** At least 1; the host's versions are shared out among them, each to the thread rebuilding fewest, then holding fewest. */
  count: number;
  definitions: DefinitionsModule;
  kafka: KafkaClientRecipe;
}

/**
 * Worker threads that run a host's projection versions, so that a rebuild's work (Kafka's decoding,
 * reading the events, building the statements) spreads over the machine's cores instead of queueing
 * on the one the service's HTTP also runs on. Each version is still one consumer group and one
 * runner: only where its JavaScript runs changes. Threads start with their first version.
 */
export class ProjectionThreads {
  private readonly threads: ProjectionThread[] = [];
  private stopped = false;
  private readonly host: HostSide;

  constructor(
    private readonly options: ProjectionThreadsOptions,
    private readonly service: {
      dataSource: DataSource;
      topicSuffix: string;
      serviceName: string;
      session?: ProjectionThreadData['session'];
    },
    host: HostSide,
  ) {
    if (!Number.isInteger(options.count) || options.count < 1)
      throw new Error(`projection threads: ${options.count} is not a count of threads`);
    // A thread lost leaves the pool: its runners start again in another, made when needed.
    this.host = {
      ...host,
      onThreadLost: (thread, runners) => {
        const at = this.threads.indexOf(thread);
        if (at >= 0) this.threads.splice(at, 1);
        host.onThreadLost(thread, runners);
      },
    };
  }

  runner(definition: ProjectionDefinition, version: number, state: 'CURRENT' | 'BUILDING'): RunningProjection {
    if (this.stopped) throw new Error(`projection threads stopped: ${definition.name} v${version} is not started`);
    return this.leastBusy().runner(definition, version, state);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.threads.map((thread) => thread.close()));
    this.threads.length = 0;
  }

  private leastBusy(): ProjectionThread {
    const idle = this.threads.find((thread) => thread.runners.size === 0);
    if (idle) return idle;
    if (this.threads.length < this.options.count) {
      const thread = new ProjectionThread(
        this.threadData(),
        this.host,
        `${this.service.serviceName}-projections-${this.threads.length + 1}`,
      );
      this.threads.push(thread);
      return thread;
    }
    // A version being rebuilt is what keeps a thread busy; one caught up mostly waits for the next event.
    const load = (thread: ProjectionThread) => {
      const rebuilding = [...thread.runners.values()].filter((runner) => runner.state === 'BUILDING').length;
      return rebuilding * 1000 + thread.runners.size;
    };
    return this.threads.reduce((least, thread) => (load(thread) < load(least) ? thread : least));
  }

  private threadData(): ProjectionThreadData {
    return {
      definitions: this.options.definitions,
      kafka: this.options.kafka,
      database: connectionOnly(this.service.dataSource.options),
      topicSuffix: this.service.topicSuffix,
      serviceName: this.service.serviceName,
      session: this.service.session,
    };
  }
}

/**
 * The service's PostgreSQL connection as plain data: entities, migrations, subscribers and loggers are
 * classes and functions a thread cannot be sent, and a projection needs none of them (it writes SQL).
 */
const connectionOnly = (options: DataSourceOptions): DataSourceOptions => {
  if (options.type !== 'postgres') throw new Error(`projection threads: a ${options.type} database is not supported`);
  const { url, host, port, username, password, database, schema, ssl, applicationName, extra, connectTimeoutMS } = options;
  if (typeof password === 'function') throw new Error('projection threads: a password given as a function cannot be sent to a thread');
  const defined = Object.entries({
    url,
    host,
    port,
    username,
    password,
    database,
    schema,
    ssl,
    applicationName,
    extra,
    connectTimeoutMS,
  }).filter(([, value]) => value !== undefined);
  return {
    type: 'postgres',
    ...Object.fromEntries(defined),
    // So that pg_stat_activity tells the threads' connections from the service's own.
    applicationName: `${applicationName ?? 'service'} projection thread`,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as DataSourceOptions;
};
