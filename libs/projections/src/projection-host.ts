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

/**
 * Runs every projection's live version, and any version being rebuilt beside it, in this process.
 * A rebuild interrupted by a restart resumes from its own offsets.
 */
export class ProjectionHost {
  private readonly logger = new Logger(ProjectionHost.name);
  readonly versions: ProjectionVersions;
  private readonly runners = new Map<string, ProjectionRunner>();

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
    for (const definition of this.definitions) {
      await this.versions.ensureCurrent(definition);
      for (const row of await this.versions.list(definition.name)) {
        if (row.state !== 'RETIRED') await this.run(definition, row.version, row.state);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
  }

  /** Starts (or finds) the rebuild of one projection into a new version, from offset 0. */
  async rebuild(name: string): Promise<{ version: number; started: boolean }> {
    const definition = this.definition(name);
    if (!definition) throw new Error(`no projection ${name}`);
    const rebuild = await this.versions.startRebuild(definition);
    if (!this.runners.has(key(name, rebuild.version))) await this.run(definition, rebuild.version, 'BUILDING');
    return rebuild;
  }

  /**
   * Waits (up to `timeoutMs`) until the serving version of a projection has applied everything the
   * log held when asked; returns how many events it is still short (0: a read now sees all of it).
   */
  async catchUp(name: string, timeoutMs: number): Promise<number> {
    const current = (await this.versions.list(name)).find((row) => row.state === 'CURRENT');
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
      onSwapped: (swappedDefinition, _version, retired) => {
        if (retired === null) return;
        const old = this.runners.get(key(swappedDefinition.name, retired));
        this.runners.delete(key(swappedDefinition.name, retired));
        void old?.stop();
      },
    });
    this.runners.set(key(definition.name, version), runner);
    await runner.start();
    this.logger.log(`projection ${definition.name} v${version} (${state}) starting on ${definition.topics.length} topic(s)`);
  }
}

const key = (projection: string, version: number) => `${projection}:${version}`;
