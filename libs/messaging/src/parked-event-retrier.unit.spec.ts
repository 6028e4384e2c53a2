import type { KafkaMessage } from 'kafkajs';
import { ParkedEventRetrier, type ParkedEventHandling } from './parked-event-retrier';
import type { ParkedEvent, ParkedEventStore } from './parked-event-store';
import type { ParkingPolicy } from './parking-schedule';
import type { AttemptOutcome } from './reaction-attempts';

const policy: ParkingPolicy = { maxWaitMs: 60_000, sweepIntervalMs: 1_000, maxBackoffMs: 10_000, leaseMs: 30_000 };

/** One sequence in memory, in parking order; what the retrier asks of the table and nothing more. */
const sequenceOf = (...events: { id: string; parkedAgoMs?: number }[]) => {
  const rows: ParkedEvent[] = events.map(({ id, parkedAgoMs = 0 }) => ({
    id,
    consumer: 'widgets',
    topic: 'cases',
    partition: 0,
    message: { offset: id } as KafkaMessage,
    sequenceKey: 'child-1',
    eventId: `event-${id}`,
    eventType: 'WidgetFollowedUp',
    reason: 'behind',
    parkedAt: new Date(Date.now() - parkedAgoMs),
    attempts: 0,
  }));
  const rescheduled: { id: string; reason: string }[] = [];
  const remove = (id: string) =>
    rows.splice(
      rows.findIndex((row) => row.id === id),
      1,
    );
  const store = {
    claimHeads: async () => rows.slice(0, 1),
    claimNext: async () => rows[0] ?? null,
    reschedule: async (id: string, reason: string) => void rescheduled.push({ id, reason }),
    release: async () => undefined,
    topicsWithParked: async () => (rows.length > 0 ? ['cases'] : []),
    count: async () => rows.length,
  } as unknown as ParkedEventStore;
  return { rows, rescheduled, store, remove };
};

const retrierOver = (sequence: ReturnType<typeof sequenceOf>, outcomes: Record<string, AttemptOutcome>) => {
  const deadLetters: { id: string; reason: string }[] = [];
  const tried: string[] = [];
  const handling: ParkedEventHandling = {
    retry: async (parked) => {
      tried.push(parked.id);
      const outcome = outcomes[parked.id] ?? { kind: 'handled' };
      if (outcome.kind === 'handled') sequence.remove(parked.id); // deleted in the reaction's transaction
      return outcome;
    },
    deadLetter: async (parked, _attempts, reason) => {
      deadLetters.push({ id: parked.id, reason });
      sequence.remove(parked.id);
    },
  };
  const retrier = new ParkedEventRetrier({
    consumer: 'widgets',
    store: sequence.store,
    policy,
    handling,
    log: { warn: () => undefined, error: () => undefined },
  });
  return { retrier, deadLetters, tried };
};

const waiting: AttemptOutcome = { kind: 'waiting', awaited: 'the referral r-1 this event follows' };
const pause = async () => true;

describe('ParkedEventRetrier', () => {
  it('applies a sequence in order once its head goes through', async () => {
    const sequence = sequenceOf({ id: '1' }, { id: '2' }, { id: '3' });
    const { retrier, tried } = retrierOver(sequence, {});
    expect(await retrier.retryKey('child-1', pause)).toEqual([]);
    expect(tried).toEqual(['1', '2', '3']);
  });

  it('stops at a head that still waits, and tries it later with its new reason', async () => {
    const sequence = sequenceOf({ id: '1' }, { id: '2' });
    const { retrier, tried, deadLetters } = retrierOver(sequence, { '1': waiting });
    expect(await retrier.retryKey('child-1', pause)).toEqual(['cases']);
    expect(tried).toEqual(['1']);
    expect(sequence.rescheduled).toEqual([{ id: '1', reason: 'the referral r-1 this event follows' }]);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters a head that waited past its bound, with how long and for what, and goes on with the events behind it', async () => {
    const sequence = sequenceOf({ id: '1', parkedAgoMs: 61_000 }, { id: '2', parkedAgoMs: 61_000 }, { id: '3', parkedAgoMs: 1_000 });
    const { retrier, tried, deadLetters } = retrierOver(sequence, { '1': waiting, '2': waiting, '3': waiting });
    await retrier.sweep();
    expect(tried).toEqual(['1', '2', '3']);
    expect(deadLetters).toEqual([
      { id: '1', reason: 'waited 61 s for the referral r-1 this event follows' },
      { id: '2', reason: 'waited 61 s for the referral r-1 this event follows' },
    ]);
    expect(sequence.rescheduled.map((row) => row.id)).toEqual(['3']);
  });

  it('dead-letters a parked event that now fails for its own reasons, and goes on', async () => {
    const sequence = sequenceOf({ id: '1' }, { id: '2' });
    const { retrier, deadLetters, tried } = retrierOver(sequence, { '1': { kind: 'failed', error: new Error('bad widget'), attempts: 5 } });
    await retrier.sweep();
    expect(deadLetters).toEqual([{ id: '1', reason: 'Error: bad widget' }]);
    expect(tried).toEqual(['1', '2']);
  });
});
