import { Logger } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeErrorSafely, type DeadLetters } from '@csc/messaging';
import type { ProjectionDefinition } from '../projection';
import { projectionGroupId, type RunnerHealth, type RunningProjection } from '../projection-runner';
import type { FromThread, ProjectionThreadData, RunnerCall, RunnerCalls, ToThread } from './thread-messages';
import { ThreadedProjectionRunner, type ThreadOfRunners } from './threaded-projection-runner';

/** What a thread's runners report to, on the host's side. */
export interface HostSide {
  health?: RunnerHealth;
  deadLetters: DeadLetters;
  onLogLost(): void;
  onSwapped(): void;
  /** The thread ended unasked: these runners are gone with it, to be started again (in another thread). */
  onThreadLost(thread: ProjectionThread, runners: RunningProjection[]): void;
}

/** How long a thread has to stop its runners and close its pool before it is ended regardless. */
const CLOSE_WITHIN_MS = 10_000;

/** Under ts (tests, `from: 'source'`) the thread compiles its modules as the process does. */
const SCRIPT = join(__dirname, `projection-thread.worker${extname(__filename)}`);
const EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', '@swc-node/register'] : [];

/**
 * One worker thread and the runners it holds, seen from the host: calls on its runners go in as
 * messages and are answered; what they report comes back and is passed on to the host's readiness,
 * logger, dead letters and reconciliation. A thread that dies takes its runners with it: each is
 * reported crashed to readiness, and the host starts them again in a thread of their own at its next
 * reconciliation (within 2 s), from the offsets their rows were written with.
 */
export class ProjectionThread implements ThreadOfRunners {
  private readonly logger = new Logger(ProjectionThread.name);
  private readonly worker: Worker;
  private nextCall = 1;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly runners = new Map<string, ThreadedProjectionRunner>();
  /** Why the thread is gone, once it is. */
  private ended: string | null = null;
  private closing = false;

  constructor(
    private readonly data: ProjectionThreadData,
    private readonly host: HostSide,
    readonly name: string,
  ) {
    // No resource limits: capping a thread's heap (256 MiB old, 96 MiB young) cost a rebuild 40% more CPU (docs/operations.md).
    this.worker = new Worker(SCRIPT, { workerData: data, execArgv: EXEC_ARGV, name });
    this.worker.on('message', (message: FromThread) => this.heard(message));
    this.worker.on('error', (error) => this.end(`it failed: ${describeErrorSafely(error)}`));
    this.worker.on('exit', (code) => this.end(`it exited with code ${code}`));
  }

  runner(definition: ProjectionDefinition, version: number, state: 'CURRENT' | 'BUILDING'): RunningProjection {
    const groupId = projectionGroupId(this.data.serviceName, definition.name, version, this.data.topicSuffix);
    const runner = new ThreadedProjectionRunner(definition, version, state, groupId, this);
    this.runners.set(groupId, runner);
    return runner;
  }

  forget(groupId: string): void {
    this.runners.delete(groupId);
  }

  call<M extends RunnerCall>(runner: string, method: M, ...args: RunnerCalls[M]['args']): Promise<RunnerCalls[M]['answer']> {
    return this.send({ kind: 'call', id: this.nextCall++, runner, method, args }) as Promise<RunnerCalls[M]['answer']>;
  }

  get gone(): boolean {
    return this.ended !== null;
  }

  /** Stops what still runs in the thread and closes its pool, then ends it (at once after CLOSE_WITHIN_MS). */
  async close(): Promise<void> {
    if (this.ended) return;
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CLOSE_WITHIN_MS} ms`)), CLOSE_WITHIN_MS);
    });
    await Promise.race([this.send({ kind: 'close', id: this.nextCall++ }), late])
      .catch((error: Error) => this.logger.warn(`projection thread ${this.name} did not close cleanly: ${error.message}`))
      .finally(() => clearTimeout(timer));
    await this.worker.terminate();
  }

  private send(message: ToThread): Promise<unknown> {
    if (this.ended) return Promise.reject(new Error(`projection thread ${this.name} is gone: ${this.ended}`));
    return new Promise((resolve, reject) => {
      this.calls.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  private heard(message: FromThread): void {
    switch (message.kind) {
      case 'answer': {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.error === undefined) call?.resolve(message.value);
        else call?.reject(new Error(message.error));
        return;
      }
      case 'health':
        (this.host.health?.[message.report] as ((...args: unknown[]) => void) | undefined)?.apply(this.host.health, message.args);
        return;
      case 'log':
        new Logger(message.context)[message.level](message.message);
        return;
      case 'snapshot':
        this.runners.get(message.runner)?.told(message.snapshot);
        return;
      case 'log-lost':
        this.host.onLogLost();
        return;
      case 'swapped':
        this.runners.get(message.runner)?.swapped();
        this.host.onSwapped();
        return;
      case 'dead-letters':
        if (!message.attached) this.host.deadLetters.detach(message.runner);
        else this.host.deadLetters.attach(message.runner, (letter, by) => this.call(message.runner, 'replay', letter.id, by));
        return;
    }
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = reason;
    for (const call of this.calls.values()) call.reject(new Error(`projection thread ${this.name} is gone: ${reason}`));
    this.calls.clear();
    if (this.closing) return;
    this.logger.error(`projection thread ${this.name} stopped unasked (${reason}): its projections start again in another`);
    for (const groupId of this.runners.keys()) {
      this.host.health?.consumerCrashed(groupId, `its projection thread stopped: ${reason}`);
      this.host.deadLetters.detach(groupId);
    }
    const lost = [...this.runners.values()];
    this.runners.clear();
    this.host.onThreadLost(this, lost);
  }
}
