import { randomUUID } from 'node:crypto';
import { eventually } from '@csc/testing';
import { DEAD_LETTER_HEADERS } from './dead-letter';
import { referred, WidgetReactions } from './test/widget-reactions.spec-support';

/**
 * Dead letters an operator can work with: each is recorded (dead_letters) under the id its dead-letter
 * message carries, and replayed through the reaction that failed it once the cause is fixed, once.
 */
describe('KafkaEventServer dead letters: recorded, replayed once, discarded', () => {
  let widgets: WidgetReactions;

  beforeAll(async () => {
    widgets = await WidgetReactions.start('dead-letters', {
      maxAttempts: 2,
      retryBackoffMs: 10,
      maxTransientWaitMs: 1_500,
      parking: { maxWaitMs: 3_600_000, sweepIntervalMs: 3_600_000 },
    });
  });

  afterAll(async () => {
    await widgets?.stop();
  });

  const fix = (referralId: string) => widgets.database.dataSource.query(`INSERT INTO widget_fixed (referral_id) VALUES ($1)`, [referralId]);

  /** A referral its reaction cannot receive until fixed, dead-lettered: its letter's id. */
  const deadLettered = async () => {
    const referralId = randomUUID();
    const poison = referred(randomUUID(), referralId, { poison: true });
    await widgets.publish(widgets.referrals, poison);
    const [message] = await eventually(() => {
      const found = widgets.deadLettersOf(poison);
      expect(found).toHaveLength(1);
      return found;
    });
    return { poison, referralId, message, id: message.headers[DEAD_LETTER_HEADERS.id] };
  };

  it('records a dead letter under the id its dead-letter message carries, with the consumer, error, attempts and where it came from', async () => {
    const { poison, message, id } = await deadLettered();

    expect(message.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.consumerGroup]: expect.stringMatching(/^dead-letters-/),
      [DEAD_LETTER_HEADERS.error]: 'Error: this referral cannot be received',
      [DEAD_LETTER_HEADERS.attempts]: '2',
      [DEAD_LETTER_HEADERS.originalTopic]: widgets.referrals,
      [DEAD_LETTER_HEADERS.originalPartition]: '0',
      [DEAD_LETTER_HEADERS.originalOffset]: expect.stringMatching(/^\d+$/),
      [DEAD_LETTER_HEADERS.failedAt]: expect.any(String),
    });
    const letter = await widgets.server.deadLetters.get(id);
    expect(letter).toMatchObject({
      id,
      consumer: message.headers[DEAD_LETTER_HEADERS.consumerGroup],
      topic: widgets.referrals,
      partition: 0,
      offset: message.headers[DEAD_LETTER_HEADERS.originalOffset],
      eventId: poison.eventId,
      eventType: 'WidgetReferred',
      attempts: 2,
      status: 'PARKED',
    });
    const open = await widgets.server.deadLetters.list({ status: 'PARKED' });
    expect(open.map((one) => one.id)).toContain(id);
  });

  it('replays a dead letter once its cause is fixed, applying it exactly once; a second replay does nothing', async () => {
    const { poison, referralId, id } = await deadLettered();
    const letters = widgets.server.deadLetters;

    // Not fixed yet: it fails again and stays PARKED, with why.
    expect(await letters.replay(id, 'ops-1')).toEqual({ id, result: 'FAILED', error: 'Error: this referral cannot be received' });
    expect(await letters.get(id)).toMatchObject({ status: 'PARKED', lastReplayError: 'Error: this referral cannot be received' });
    expect(await widgets.appliedRows(poison)).toEqual([]);

    await fix(referralId);
    // Two replays at once (two operators, two instances): one applies it, the other finds it dealt with.
    const results = await Promise.all([letters.replay(id, 'ops-1'), letters.replay(id, 'ops-2')]);
    expect(results.map((result) => result.result).sort()).toEqual(['ALREADY_RESOLVED', 'REPLAYED']);
    expect(results.find((result) => result.result === 'REPLAYED')).toMatchObject({ applied: true });

    expect(await letters.replay(id, 'ops-1')).toEqual({ id, result: 'ALREADY_RESOLVED', status: 'REPLAYED' });
    expect(await widgets.appliedRows(poison)).toHaveLength(1);
    const [inbox] = await widgets.database.dataSource.query(`SELECT outcome FROM inbox WHERE event_id = $1`, [poison.eventId]);
    expect(inbox).toEqual({ outcome: 'HANDLED' });
    expect(await letters.get(id)).toMatchObject({ status: 'REPLAYED', resolvedBy: expect.stringMatching(/^ops-[12]$/) });

    // The event published again is a duplicate now: handled, not re-applied (a later event behind it shows the partition went past).
    const later = referred(randomUUID());
    await widgets.publish(widgets.referrals, poison, later);
    await eventually(async () => expect(await widgets.appliedRows(later)).toHaveLength(1));
    expect(await widgets.appliedRows(poison)).toHaveLength(1);
  });

  it('discards a dead letter with who and why; it is no longer listed and cannot be replayed', async () => {
    const { poison, referralId, id } = await deadLettered();
    const letters = widgets.server.deadLetters;

    expect(await letters.discard(id, 'ops-1', 'a duplicate referral, made again by the school')).toBe('DISCARDED');
    expect(await letters.discard(id, 'ops-1', 'again')).toBe('DISCARDED');
    expect(await letters.get(id)).toMatchObject({
      status: 'DISCARDED',
      resolvedBy: 'ops-1',
      resolutionNote: 'a duplicate referral, made again by the school',
    });
    expect((await letters.list({ status: 'PARKED' })).map((one) => one.id)).not.toContain(id);
    await fix(referralId);
    expect(await letters.replay(id, 'ops-1')).toEqual({ id, result: 'ALREADY_RESOLVED', status: 'DISCARDED' });
    expect(await widgets.appliedRows(poison)).toEqual([]);
    expect(await letters.discard(randomUUID(), 'ops-1', 'no such letter')).toBe('NOT_FOUND');
  });

  it('replays every open letter, oldest first, leaving those that fail again open', async () => {
    const first = await deadLettered();
    const second = await deadLettered();
    await fix(first.referralId);
    await fix(second.referralId);

    const results = await widgets.server.deadLetters.replayAll('ops-1');

    expect(results).toEqual(
      expect.arrayContaining([
        { id: first.id, result: 'REPLAYED', applied: true },
        { id: second.id, result: 'REPLAYED', applied: true },
      ]),
    );
    expect(await widgets.appliedRows(first.poison, second.poison)).toHaveLength(2);
    // The first test's letter was never fixed: it failed again and is the one still open.
    expect(results.filter((result) => result.result === 'FAILED')).toHaveLength(1);
    const open = await widgets.server.deadLetters.list({ status: 'PARKED' });
    expect(open).toHaveLength(1);
    expect([first.id, second.id]).not.toContain(open[0].id);
  });
});
