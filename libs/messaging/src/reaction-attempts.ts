import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@csc/contracts';
import { awaitedEventOf, describeErrorSafely, isConcurrencyError, isPermanentError, isTransientError } from './error-classification';
import type { EventInbox } from './event-inbox';
import { PartitionReleased, type Pause, type TransientWaits } from './transient-wait';

export type AttemptOutcome =
  { kind: 'handled' } | { kind: 'waiting'; awaited: string } | { kind: 'failed'; error: unknown; attempts: number };

/**
 * A transient failure lasted the event's whole budget: thrown out of `eachBatch`, so kafkajs commits
 * what was resolved and restarts the consumer from this event. Nothing is dead-lettered for it: a
 * database that is down says nothing about the event.
 */
export class TransientFailureOutlasted extends Error {
  constructor(cause: unknown) {
    super(`a transient failure outlasted its budget: ${describeErrorSafely(cause)}`, { cause });
    this.name = 'TransientFailureOutlasted';
  }
}

export interface ReactionAttempt {
  inbox: EventInbox;
  consumer: string;
  envelope: EventEnvelope;
  /** The reaction itself, in the inbox's transaction. */
  react(manager: EntityManager, attempt: number): Promise<void>;
  /** For a parked event: removes its row in the same transaction. */
  unpark?: (manager: EntityManager) => Promise<void>;
  maxAttempts: number;
  backoffMs: number;
  transient: TransientWaits;
  /** Waits between the event's own failed attempts (heartbeating, inside a batch). */
  pause: Pause;
  isStopping(): boolean;
  warn(message: string): void;
  /** Each attempt after the first, and each wait for a failure that is not the event's own. */
  onRetry?(cause: 'own_failure' | 'transient'): void;
}

/**
 * One event through its reaction, exactly once (the inbox): its own failures retried a few times,
 * failures that are not its own waited out within a budget, and one that waits for an earlier event
 * handed back at once so the caller can park it instead of holding the partition.
 */
export const attemptReaction = async (a: ReactionAttempt): Promise<AttemptOutcome> => {
  const { envelope } = a;
  let lastError: unknown;
  let attempt = 0;
  while (attempt < a.maxAttempts) {
    attempt += 1;
    try {
      await a.inbox.handleOnce(a.consumer, envelope, (manager) => a.react(manager, attempt), a.unpark);
      return { kind: 'handled' };
    } catch (error) {
      lastError = error;
      // Leave it unresolved when stopping: this instance or another takes it from here.
      if (a.isStopping()) throw error;
      const awaited = awaitedEventOf(error);
      if (awaited !== null) return { kind: 'waiting', awaited };
      if (isTransientError(error)) {
        if (await a.transient.next()) {
          a.warn(`${envelope.type} ${envelope.eventId} hit a transient failure in ${a.consumer} (${describeErrorSafely(error)}); retrying`);
          attempt -= 1; // not the event's fault: its attempts are kept for its own failures
          a.onRetry?.('transient');
          continue;
        }
        if (!isConcurrencyError(error)) throw new TransientFailureOutlasted(error);
        // A race lost for the whole budget is no race: from here it counts as the event's own failure.
      }
      a.warn(
        `${envelope.type} ${envelope.eventId} failed in ${a.consumer} (attempt ${attempt}/${a.maxAttempts}): ${describeErrorSafely(error)}`,
      );
      if (isPermanentError(error)) break;
      if (attempt < a.maxAttempts && !(await a.pause(a.backoffMs * 2 ** (attempt - 1)))) throw new PartitionReleased();
      if (attempt < a.maxAttempts) a.onRetry?.('own_failure');
    }
  }
  return { kind: 'failed', error: lastError, attempts: attempt };
};
