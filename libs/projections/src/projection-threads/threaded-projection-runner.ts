import type { ProjectionDefinition } from '../projection';
import type { RunnerProgress, RunningProjection } from '../projection-runner';
import type { RunnerCall, RunnerCalls, RunnerSnapshot } from './thread-messages';

/** The thread a runner is in, as the runner uses it (ProjectionThread). */
export interface ThreadOfRunners {
  call<M extends RunnerCall>(runner: string, method: M, ...args: RunnerCalls[M]['args']): Promise<RunnerCalls[M]['answer']>;
  forget(groupId: string): void;
}

/**
 * A projection version run in a projection thread, as its host sees it: the same calls as a
 * ProjectionRunner, made across. `progress()` and `problem` answer at once from what the thread last
 * told (it tells every change within 250 ms; `loadPositions` and `checkLog` fetch it fresh).
 */
export class ThreadedProjectionRunner implements RunningProjection {
  private snapshot: RunnerSnapshot;
  private current: boolean;

  constructor(
    readonly definition: ProjectionDefinition,
    readonly version: number,
    state: 'CURRENT' | 'BUILDING',
    readonly groupId: string,
    private readonly thread: ThreadOfRunners,
  ) {
    this.current = state === 'CURRENT';
    this.snapshot = {
      progress: {
        projection: definition.name,
        version,
        applied: 0,
        position: 0,
        lag: 0,
        eventsPerSecond: 0,
        etaSeconds: null,
        deadLettered: 0,
        problem: null,
      },
      problem: null,
    };
  }

  /** As it was started, until it caught up and took over (its thread said so). */
  get state(): 'CURRENT' | 'BUILDING' {
    return this.current ? 'CURRENT' : 'BUILDING';
  }

  swapped(): void {
    this.current = true;
  }

  get problem(): string | null {
    return this.snapshot.problem;
  }

  progress(): RunnerProgress {
    return this.snapshot.progress;
  }

  told(snapshot: RunnerSnapshot): void {
    this.snapshot = snapshot;
  }

  start(): Promise<void> {
    return this.thread.call(this.groupId, 'start', this.definition.name, this.version, this.state);
  }

  /** A thread already gone has stopped its runners with it. */
  async stop(): Promise<void> {
    await this.thread.call(this.groupId, 'stop').catch(() => undefined);
    this.thread.forget(this.groupId);
  }

  catchUp(timeoutMs: number): Promise<number> {
    return this.thread.call(this.groupId, 'catchUp', timeoutMs);
  }

  async checkLog(): Promise<string | null> {
    this.told(await this.thread.call(this.groupId, 'checkLog'));
    return this.problem;
  }

  async loadPositions(): Promise<void> {
    this.told(await this.thread.call(this.groupId, 'loadPositions'));
  }
}
