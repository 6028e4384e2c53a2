import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { createTestDatabase, eventually } from '@csc/testing';
import { EventInbox } from './event-inbox';
import { CreateInbox1763800000001 } from './inbox.migration';
import { KafkaEventServer } from './kafka-event.server';
import { BEHIND_A_PARKED_EVENT } from './parking-schedule';
import { followedUp, noted, referred, WidgetReactions } from './test/widget-reactions.spec-support';

/**
 * An event that waits for an earlier one is parked, per key, and the partition goes on. Sweeps are
 * an hour apart here, so what these tests see is the retry on arrival of the awaited event.
 */
describe('KafkaEventServer parks events that wait for an earlier one', () => {
  let widgets: WidgetReactions;

  beforeAll(async () => {
    widgets = await WidgetReactions.start('parking', {
      maxAttempts: 2,
      retryBackoffMs: 10,
      maxTransientWaitMs: 1_500,
      parking: { maxWaitMs: 3_600_000, sweepIntervalMs: 3_600_000 },
    });
  });

  afterAll(async () => {
    await widgets?.stop();
  });

  it('parks the event as it arrived, and handles the other keys of its partition meanwhile', async () => {
    const child = randomUUID();
    const referralId = randomUUID();
    const waiting = followedUp(child, referralId);
    const otherChild = noted(randomUUID());
    await widgets.publish(widgets.cases, waiting, otherChild);

    await eventually(async () => expect(await widgets.appliedRows(otherChild)).toHaveLength(1));
    const [parked] = await eventually(async () => {
      const rows = await widgets.parkedRows(child);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(parked).toMatchObject({
      event_id: waiting.eventId,
      event_type: 'WidgetFollowedUp',
      topic: widgets.cases,
      kafka_partition: 0,
      reason: `the referral ${referralId} this event follows`,
      attempts: 0,
    });
    expect((parked.message_value as Buffer).toString()).toBe(JSON.stringify(waiting));
    expect((parked.message_key as Buffer).toString()).toBe(child);
    expect(parked.message_headers).toEqual({ 'event-type': [Buffer.from('WidgetFollowedUp').toString('base64')] });
    expect(await widgets.appliedRows(waiting)).toEqual([]);
  });

  it('retries a parked event when the event it waits for arrives on another topic, and applies it once', async () => {
    const child = randomUUID();
    const referral = referred(child);
    const waiting = followedUp(child, (referral.data as { referralId: string }).referralId);
    await widgets.publish(widgets.cases, waiting);
    await eventually(async () => expect(await widgets.parkedRows(child)).toHaveLength(1));

    await widgets.publish(widgets.referrals, referral);

    await eventually(async () => expect(await widgets.appliedRows(waiting)).toHaveLength(1));
    expect(await widgets.parkedRows(child)).toEqual([]);
    const inbox = await widgets.database.dataSource.query(`SELECT outcome FROM inbox WHERE event_id = $1`, [waiting.eventId]);
    expect(inbox).toEqual([{ outcome: 'HANDLED' }]);
  });

  it("queues a child's later events on the same topic behind its parked one, and applies them in order once it goes through", async () => {
    const child = randomUUID();
    const known = referred(child);
    await widgets.publish(widgets.referrals, known);
    await eventually(async () => expect(await widgets.appliedRows(known)).toHaveLength(1));
    const missing = referred(child);
    const first = followedUp(child, (missing.data as { referralId: string }).referralId);
    const second = followedUp(child, (known.data as { referralId: string }).referralId); // could go now, but must not overtake
    const third = noted(child);
    const otherChild = noted(randomUUID());
    await widgets.publish(widgets.cases, first, second, third, otherChild);

    await eventually(async () => expect(await widgets.appliedRows(otherChild)).toHaveLength(1));
    const parked = await eventually(async () => {
      const rows = await widgets.parkedRows(child);
      expect(rows).toHaveLength(3);
      return rows;
    });
    expect(parked.map((row) => [row.event_id, row.reason])).toEqual([
      [first.eventId, `the referral ${(missing.data as { referralId: string }).referralId} this event follows`],
      [second.eventId, BEHIND_A_PARKED_EVENT],
      [third.eventId, BEHIND_A_PARKED_EVENT],
    ]);
    expect(await widgets.appliedRows(second, third)).toEqual([]);

    await widgets.publish(widgets.referrals, missing);

    const applied = await eventually(async () => {
      const rows = await widgets.appliedRows(first, second, third);
      expect(rows).toHaveLength(3);
      return rows;
    });
    expect(applied.map((row) => row.event_id)).toEqual([first.eventId, second.eventId, third.eventId]);
    expect(await widgets.parkedRows(child)).toEqual([]);
  });

  it('ends the batch when a transient failure outlasts its budget: the event is tried again from its offset, never dead-lettered', async () => {
    const unlucky = noted(randomUUID(), { failsForMs: 4_000 });
    const after = noted(randomUUID());
    await widgets.publish(widgets.cases, unlucky, after);

    await eventually(async () => expect(await widgets.appliedRows(after)).toHaveLength(1), { timeoutMs: 45_000 });
    const [row] = await widgets.appliedRows(unlucky);
    expect(row.attempt).toBe(1); // transient failures use up none of its attempts
    expect(await widgets.appliedRows(unlucky)).toHaveLength(1);
    expect(widgets.attemptsOf(unlucky)).toBeGreaterThan(2);
    expect(widgets.deadLettersOf(unlucky)).toEqual([]);
  });

  it('refuses to start a service whose migrations lack parked_events, rather than fail every batch', async () => {
    const database = await createTestDatabase('no_parking', [CreateInbox1763800000001]);
    try {
      const server = new KafkaEventServer({ kafka: {} as Kafka, groupId: 'no-parking', inbox: new EventInbox(database.dataSource) });
      server.addHandler('WidgetNoted', async () => undefined, true, { topic: widgets.cases });
      const error = await new Promise((resolve) => void server.listen(resolve));
      expect(String(error)).toContain('parked_events is missing: add CreateParkedEvents1767400000000');
    } finally {
      await database.drop();
    }
  });
});
