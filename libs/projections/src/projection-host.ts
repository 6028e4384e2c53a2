import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { DeadLetters } from '@csc/messaging';
import type { ProjectionDefinition } from './projection';
import { ProjectionRunner, type RunnerOptions, type RunnerProgress, type RunningProjection } from './projection-runner';
import { ProjectionThreads, type ProjectionThreadsOptions } from './projection-threads/projection-threads';
import { ProjectionVersions, type ProjectionVersionRow } from './projection-versions';

export interface ProjectionStatus extends RunnerProgress {
  state: 'CURRENT' | 'BUILDING';
  createdAt: string;
  becameCurrentAt: string | null;
}

/** How often an instance looks for versions another instance started or retired (a rebuild, a swap). */
const RECONCILE_EVERY_MS = 2_000;

/**
 * What every runner of the host shares: consumer session timing and readiness (the service's
 * KafkaClient.consumerSession and ConsumerHealth: groups joined, versions stalled), the DeadLetters
 * shared with /v1/dead-letters so a projection's dead letters can be replayed there (a store of the
 * host's own when absent), and the log check's pace.
 */
export interface ProjectionHostOptions extends Pick<RunnerOptions, 'session' | 'health' | 'deadLetters'> {
  /** How often each version checks that its offsets refer to the broker's log (cluster id, partitions' ends). */
  logCheckEveryMs?: number;
  /**
   * Runs the versions in worker threads rather than on the service's own thread, so that a rebuild
   * uses the machine's cores (ProjectionThreads). Without it, every version runs in this thread.
   */
  threads?: ProjectionThreadsOptions;
}

/**
 * Runs every projection's live version, and any version being rebuilt beside it, in this process.
 * A rebuild interrupted by a restart resumes from its own offsets.
 *
 * Several instances of a service share the versions table: each runs a runner for every version
 * that is not retired, in one consumer group per version, so the group shares the partitions out
 * and each event is applied once (its offset is written with it). A rebuild asked of one instance
 * is found by the others within RECONCILE_EVERY_MS and built by all; the swap, made once in the
 * database, retires the old version everywhere: each instance stops its runner at the next look.
 */
export class ProjectionHost {
  private readonly logger = new Logger(ProjectionHost.name);
  readonly versions: ProjectionVersions;
  private readonly runners = new Map<string, RunningProjection>();
  private readonly threads: ProjectionThreads | null;
  private stopping = false;
  /** One reconciliation at a time, so a version is never given two runners in one process. */
  private reconciling: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private logCheckedAt = 0;
  /** The problem last logged per version, so a lasting one is logged once. */
  private readonly reported = new Map<string, string>();
  private readonly deadLetters: DeadLetters;

  constructor(
    private readonly definitions: ProjectionDefinition[],
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly topicSuffix: string,
    /** The service that runs them: it names their consumer groups. */
    private readonly serviceName: string,
    private readonly options: ProjectionHostOptions = {},
  ) {
    this.versions = new ProjectionVersions(dataSource);
    this.deadLetters = options.deadLetters ?? new DeadLetters(dataSource);
    this.threads = options.threads
      ? new ProjectionThreads(
          options.threads,
          { dataSource, topicSuffix, serviceName, session: options.session },
          {
            health: options.health,
            deadLetters: this.deadLetters,
            onLogLost: this.whenLogLost,
            onSwapped: this.whenSwapped,
            onThreadLost: (_, runners) => this.forget(runners),
          },
        )
      : null;
  }

  /** A version that finds its log lost as it connects is rebuilt at once, not at the next periodic check. */
  private readonly whenLogLost = (): void => {
    this.logCheckedAt = 0;
    void this.reconcile().catch(() => undefined);
  };

  /** The retired version's runner here stops at once; other instances' at their next reconciliation. */
  private readonly whenSwapped = (): void => void this.reconcile().catch(() => undefined);

  /** Runners gone with their thread: the next reconciliation (the timer's, so a thread that keeps dying is not restarted in a loop) starts them again. */
  private forget(gone: RunningProjection[]): void {
    for (const [runnerKey, runner] of [...this.runners]) if (gone.includes(runner)) this.runners.delete(runnerKey);
  }

  definition(name: string): ProjectionDefinition | undefined {
    return this.definitions.find((definition) => definition.name === name);
  }

  /** Readies each version's tables and bookkeeping in the database, then starts its runner, which joins Kafka in the background. */
  async start(): Promise<void> {
    for (const definition of this.definitions) await this.versions.ensureCurrent(definition);
    await this.reconcile();
    this.timer = setInterval(() => {
      this.reconcile().catch((error: unknown) => this.logger.warn(`projection versions not reconciled: ${(error as Error).message}`));
    }, RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    // No reconciliation (a swap's, a lost log's) starts a version again once stopping began.
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reconciling.catch(() => undefined);
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
    await this.threads?.stop();
  }

  /** Starts (or finds) the rebuild of one projection into a new version, from offset 0; the other instances join it. */
  async rebuild(name: string): Promise<{ version: number; started: boolean }> {
    const definition = this.definition(name);
    if (!definition) throw new Error(`no projection ${name}`);
    const rebuild = await this.versions.startRebuild(definition);
    await this.reconcile();
    return rebuild;
  }

  /** Runs a runner for every version not retired, and stops those of versions retired (here or by another instance). */
  reconcile(): Promise<void> {
    const next = this.reconciling
      .catch(() => undefined)
      .then(async () => {
        if (this.stopping) return;
        const rows = await this.versions.list();
        const wanted = new Set(rows.map((row) => key(row.projection, row.version)));
        for (const [runnerKey, runner] of [...this.runners]) {
          if (wanted.has(runnerKey)) continue;
          this.runners.delete(runnerKey);
          await runner.stop();
        }
        for (const row of rows) {
          const definition = this.definition(row.projection);
          if (definition && row.state !== 'RETIRED' && !this.runners.has(key(row.projection, row.version))) {
            await this.run(definition, row.version, row.state);
          }
        }
        if (Date.now() - this.logCheckedAt >= (this.options.logCheckEveryMs ?? 10_000)) {
          this.logCheckedAt = Date.now();
          await this.rebuildWhereTheLogWasLost(rows).catch((error: Error) =>
            this.logger.warn(`projections' log not checked against the broker: ${error.message}`),
          );
        }
      });
    this.reconciling = next;
    return next;
  }

  /** Why versions' offsets do not refer to the broker's log, by `projection vN`: readiness reports them. */
  problems(): Record<string, string> {
    const problems: Record<string, string> = {};
    for (const runner of this.runners.values()) {
      if (runner.problem) problems[`${runner.definition.name} v${runner.version}`] = runner.problem;
    }
    return problems;
  }

  /**
   * The broker's log lost or replaced under a version (ProjectionRunner.checkLog): the current version
   * serves on, saying so, while a rebuild from offset 0 of the log as it now is replaces it; a rebuild
   * itself caught out is given up and started again. Every instance may notice; the versions table's
   * lock lets one rebuild start.
   */
  private async rebuildWhereTheLogWasLost(rows: ProjectionVersionRow[]): Promise<void> {
    const unchecked: string[] = [];
    for (const row of rows) {
      const runnerKey = key(row.projection, row.version);
      const runner = this.runners.get(runnerKey);
      const definition = this.definition(row.projection);
      if (!runner || !definition || row.state === 'RETIRED') continue;
      // One version's check failing (its thread gone, the broker away) does not keep the others' from being checked.
      const problem = await runner.checkLog().catch((error: Error) => {
        unchecked.push(`${row.projection} v${row.version}: ${error.message}`);
        return null;
      });
      if (!problem) continue;
      if (this.reported.get(runnerKey) !== problem) {
        this.logger.warn(`projection ${row.projection} v${row.version} (${row.state}): ${problem}; rebuilding from offset 0`);
        this.reported.set(runnerKey, problem);
      }
      if (row.state === 'BUILDING') {
        await this.versions.abandonBuilding(definition, row.version);
        this.runners.delete(runnerKey);
        await runner.stop();
      } else if (rows.some((other) => other.projection === row.projection && other.state === 'BUILDING')) {
        continue;
      }
      // Once across instances: the one already building, or none if another instance's rebuild has replaced this version since.
      const replacing =
        row.state === 'CURRENT'
          ? row.version
          : rows.find((other) => other.projection === row.projection && other.state === 'CURRENT')?.version;
      const rebuild = replacing === undefined ? null : await this.versions.startRebuildReplacing(definition, replacing);
      if (rebuild && !this.runners.has(key(row.projection, rebuild.version))) await this.run(definition, rebuild.version, 'BUILDING');
    }
    if (unchecked.length > 0) throw new Error(unchecked.join('; '));
  }

  /**
   * Waits (up to `timeoutMs`) until the serving version of a projection has applied everything the
   * log held when asked; returns how many events it is still short (0: a read now sees all of it).
   */
  async catchUp(name: string, timeoutMs: number): Promise<number> {
    let current = (await this.versions.list(name)).find((row) => row.state === 'CURRENT');
    // Another instance may have swapped a rebuilt version in since this one last looked.
    if (current && !this.runners.has(key(name, current.version))) {
      await this.reconcile();
      current = (await this.versions.list(name)).find((row) => row.state === 'CURRENT');
    }
    const runner = current && this.runners.get(key(name, current.version));
    if (!runner) throw new Error(`projection ${name} has no serving version running`);
    return runner.catchUp(timeoutMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    const statuses: ProjectionStatus[] = [];
    for (const row of await this.versions.list()) {
      if (row.state === 'RETIRED') continue;
      const runner = this.runners.get(key(row.projection, row.version));
      if (!runner) continue;
      // The broker out of reach: the positions as last known.
      await runner.loadPositions().catch(() => undefined);
      statuses.push({
        ...runner.progress(),
        state: row.state,
        createdAt: row.createdAt.toISOString(),
        becameCurrentAt: row.becameCurrentAt?.toISOString() ?? null,
      });
    }
    return statuses;
  }

  private async run(definition: ProjectionDefinition, version: number, state: 'CURRENT' | 'BUILDING'): Promise<void> {
    const runner =
      this.threads?.runner(definition, version, state) ??
      new ProjectionRunner(definition, version, state, {
        kafka: this.kafka,
        dataSource: this.dataSource,
        versions: this.versions,
        topicSuffix: this.topicSuffix,
        serviceName: this.serviceName,
        session: this.options.session,
        health: this.options.health,
        deadLetters: this.deadLetters,
        onLogLost: this.whenLogLost,
        onSwapped: this.whenSwapped,
      });
    this.runners.set(key(definition.name, version), runner);
    try {
      await runner.start();
    } catch (error) {
      // Started again at the next reconciliation (a thread that could not open its pool, say).
      this.runners.delete(key(definition.name, version));
      await runner.stop();
      throw error;
    }
    this.logger.log(
      `projection ${definition.name} v${version} (${state}) starting on ${definition.topics.length} topic(s)${this.threads ? ' in a projection thread' : ''}`,
    );
  }
}

const key = (projection: string, version: number) => `${projection}:${version}`;
