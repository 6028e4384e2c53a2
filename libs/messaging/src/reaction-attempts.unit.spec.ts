import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@csc/contracts';
import { WaitingForEarlierEvent } from './error-classification';
import type { EventInbox } from './event-inbox';
import { attemptReaction, TransientFailureOutlasted, type ReactionAttempt } from './reaction-attempts';
import { TransientWaits } from './transient-wait';

/** An inbox without a database: the reaction runs as if in a fresh transaction every time. */
const inbox = {
  handleOnce: async (_consumer: string, _envelope: EventEnvelope, handle: (manager: EntityManager) => Promise<void>) =>
    handle({} as EntityManager),
} as unknown as EventInbox;
const envelope = { eventId: 'e-1', type: 'WidgetCounted' } as EventEnvelope;
const named = (name: string, message = name) => Object.assign(new Error(message), { name });
const serializationFailure = () => Object.assign(new Error('could not serialize access'), { code: '40001' });

const attemptWith = (failures: (attempt: number, call: number) => Error | null, budgetMs = 1_000) => {
  const attempts: number[] = [];
  const options: ReactionAttempt = {
    inbox,
    consumer: 'widgets',
    envelope,
    react: async (_manager, attempt) => {
      attempts.push(attempt);
      const error = failures(attempt, attempts.length);
      if (error) throw error;
    },
    maxAttempts: 3,
    backoffMs: 1,
    transient: new TransientWaits({ backoffMs: 100, maxBackoffMs: 400, budgetMs }, async () => true),
    pause: async () => true,
    isStopping: () => false,
    warn: () => undefined,
  };
  return { attempts, outcome: () => attemptReaction(options) };
};

describe('attemptReaction', () => {
  it('hands back an event that waits for an earlier one at once, for the caller to park', async () => {
    const { attempts, outcome } = attemptWith(() => new WaitingForEarlierEvent('the referral r-1 this event follows'));
    expect(await outcome()).toEqual({ kind: 'waiting', awaited: 'the referral r-1 this event follows' });
    expect(attempts).toEqual([1]);
  });

  it('waits out transient failures without using up the attempts', async () => {
    const { attempts, outcome } = attemptWith((_attempt, call) => (call <= 4 ? serializationFailure() : null), 5_000);
    expect(await outcome()).toEqual({ kind: 'handled' });
    expect(attempts).toEqual([1, 1, 1, 1, 1]);
  });

  it('ends the batch when a transient failure outlasts its budget, dead-lettering nothing', async () => {
    const { outcome } = attemptWith(() => serializationFailure(), 500);
    await expect(outcome()).rejects.toBeInstanceOf(TransientFailureOutlasted);
  });

  it('counts a concurrency race lost for the whole budget as the event’s own failure', async () => {
    const { attempts, outcome } = attemptWith(() => named('ConcurrencyError', 'stream s-1 moved on'), 500);
    const result = await outcome();
    expect(result).toMatchObject({ kind: 'failed', attempts: 3 });
    expect(attempts.slice(-3)).toEqual([1, 2, 3]);
  });

  it('gives up at once on an event that can never be handled', async () => {
    const { attempts, outcome } = attemptWith(() => named('InvalidEventDataError'));
    expect(await outcome()).toMatchObject({ kind: 'failed', attempts: 1 });
    expect(attempts).toEqual([1]);
  });
});
