import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { createTestDatabase, type TestDatabase } from '@csc/testing';
import { CreateInbox1763800000001 } from './inbox.migration';
import { ParkedEventStore } from './parked-event-store';
import { CreateParkedEvents1767400000000 } from './parked-events.migration';

/** The leases that keep two instances (or a sweep and a consumer) from retrying one sequence at once. */
describe('ParkedEventStore leases', () => {
  let database: TestDatabase;
  let store: ParkedEventStore;
  const consumer = 'widgets';

  beforeAll(async () => {
    database = await createTestDatabase('parked_store', [CreateInbox1763800000001, CreateParkedEvents1767400000000]);
    store = new ParkedEventStore(database.dataSource);
  });
  afterAll(() => database?.drop());

  const park = async (key: string, topic = 'cases') => {
    const eventId = randomUUID();
    const message = {
      key: Buffer.from(key),
      value: Buffer.from('{}'),
      offset: '7',
      headers: { 'event-type': 'Widget' },
    } as unknown as KafkaMessage;
    await store.park(consumer, key, { eventId, type: 'Widget' }, { topic, partition: 0, message }, 'the referral r-1 this event follows');
    return eventId;
  };

  it('gives each head to one claimant only, however many claim at once', async () => {
    const keys: string[] = Array.from({ length: 20 }, () => randomUUID());
    for (const key of keys) {
      await park(key);
      await park(key); // behind it: never a head while the first is there
    }
    const claims = await Promise.all(Array.from({ length: 4 }, () => store.claimHeads(consumer, { due: true, limit: 100 }, 30_000)));
    const claimed = claims.flat().filter((event) => keys.includes(event.sequenceKey));
    expect(claimed).toHaveLength(20);
    expect(new Set(claimed.map((event) => event.sequenceKey)).size).toBe(20);
  });

  it('keeps a sequence with its claimant until it lets go or its lease runs out', async () => {
    const key = randomUUID();
    const first = await park(key);
    const [head] = await store.claimHeads(consumer, { key }, 30_000);
    expect(head.eventId).toBe(first);
    expect(head.message.headers).toEqual({ 'event-type': Buffer.from('Widget') });
    expect(await store.claimHeads(consumer, { key }, 30_000)).toEqual([]);
    expect(await store.claimNext(consumer, 'cases', key, 30_000)).toBeNull();

    await store.release(head.id, new Date());
    const [again] = await store.claimHeads(consumer, { key }, 1);
    expect(again.eventId).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 20)); // a 1 ms lease has run out: the instance holding it is gone
    expect((await store.claimNext(consumer, 'cases', key, 30_000))?.eventId).toBe(first);
  });

  it('leaves a rescheduled head to the sweep until it is due, but to an arrival at once', async () => {
    const key = randomUUID();
    await park(key);
    const [head] = await store.claimHeads(consumer, { key }, 30_000);
    await store.reschedule(head.id, 'the referral r-2 this event follows', new Date(Date.now() + 60_000));
    const due = await store.claimHeads(consumer, { due: true, limit: 100 }, 30_000);
    expect(due.map((event) => event.sequenceKey)).not.toContain(key);
    const [onArrival] = await store.claimHeads(consumer, { key }, 30_000);
    expect(onArrival).toMatchObject({ attempts: 1, reason: 'the referral r-2 this event follows' });
  });
});
