import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { ProjectionDefinition } from './projection';
import { ProjectionRunner, type RunnerOptions, type RunnerProgress } from './projection-runner';
import { ProjectionVersions } from './projection-versions';

export interface ProjectionStatus extends RunnerProgress {
  state: 'CURRENT' | 'BUILDING';
  createdAt: string;
  becameCurrentAt: string | null;
}

/** How often an instance looks for versions another instance started or retired (a rebuild, a swap). */
const RECONCILE_EVERY_MS = 2_000;

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
  private readonly runners = new Map<string, ProjectionRunner>();
  /** One reconciliation at a time, so a version is never given two runners in one process. */
  private reconciling: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly definitions: ProjectionDefinition[],
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly topicSuffix: string,
    /** The service that runs them: it names their consumer groups. */
    private readonly serviceName: string,
    /** Consumer session timing and readiness (the service's KafkaClient.consumerSession and ConsumerHealth). */
    private readonly consumers: Pick<RunnerOptions, 'session' | 'health'> = {},
  ) {
    this.versions = new ProjectionVersions(dataSource);
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
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reconciling.catch(() => undefined);
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
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
      });
    this.reconciling = next;
    return next;
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
    const runner = new ProjectionRunner(definition, version, state, {
      kafka: this.kafka,
      dataSource: this.dataSource,
      versions: this.versions,
      topicSuffix: this.topicSuffix,
      serviceName: this.serviceName,
      ...this.consumers,
      // The retired version's runner here stops at once; other instances' at their next reconciliation.
      onSwapped: () => void this.reconcile().catch(() => undefined),
    });
    this.runners.set(key(definition.name, version), runner);
    await runner.start();
    this.logger.log(`projection ${definition.name} v${version} (${state}) starting on ${definition.topics.length} topic(s)`);
  }
}

const key = (projection: string, version: number) => `${projection}:${version}`;
