import { randomUUID } from 'node:crypto';
import { eventually } from '@csc/testing';
import { ConsumerHealth } from './consumer-health';
import { followedUp, noted, referred, WidgetReactions } from './test/widget-reactions.spec-support';

const MAX_WAIT_SECONDS = 4;

/**
 * Issue 18, "no stalls": nothing holds a partition without end. The session timeout is the broker's
 * shortest (6 s), so a wait that forgot to heartbeat would get the member evicted and show here as a
 * second group join; every topic has one partition, so every event shares the partition of the one
 * that waits.
 */
describe('KafkaEventServer never stalls a partition', () => {
  let widgets: WidgetReactions;
  const health = new ConsumerHealth();
  let joins = 0;
  let crashes = 0;

  beforeAll(async () => {
    widgets = await WidgetReactions.start('no_stalls', {
      maxAttempts: 2,
      retryBackoffMs: 10,
      maxTransientWaitMs: 30_000,
      parking: { maxWaitMs: MAX_WAIT_SECONDS * 1000, sweepIntervalMs: 200, maxBackoffMs: 500, leaseMs: 10_000 },
      session: { sessionTimeout: 6_000, heartbeatInterval: 500, rebalanceTimeout: 30_000 },
      health,
    });
    // Attached after the first join: any join from here on is the member being evicted and re-joining.
    widgets.consumer.on(widgets.consumer.events.GROUP_JOIN, () => (joins += 1));
    widgets.consumer.on(widgets.consumer.events.CRASH, () => (crashes += 1));
  });

  afterAll(async () => {
    await widgets?.stop();
  });

  it('retries a parked event in its sweep when what it waits for arrived another way (another group or instance), and shows the count meanwhile', async () => {
    const child = randomUUID();
    const referralId = randomUUID();
    const waiting = followedUp(child, referralId);
    await widgets.publish(widgets.cases, waiting);
    await eventually(async () => expect(await widgets.parkedRows(child)).toHaveLength(1));
    await eventually(() => expect(Object.values(health.parkedByGroup)).toEqual([1]));
    expect(Object.keys(health.parkedByGroup)[0]).toMatch(/^no_stalls-/);

    // What another consumer group of the service, or another instance, would have written.
    await widgets.database.dataSource.query(`INSERT INTO widget_referrals (referral_id, child_id) VALUES ($1, $2)`, [referralId, child]);

    await eventually(async () => expect(await widgets.appliedRows(waiting)).toHaveLength(1));
    expect(await widgets.parkedRows(child)).toEqual([]);
    await eventually(() => expect(health.parkedByGroup).toEqual({}));
  });

  it('dead-letters a parked event past its bound, as it arrived and with the reason, then lets the events behind it go', async () => {
    const child = randomUUID();
    const referralId = randomUUID();
    const waiting = followedUp(child, referralId);
    const behind = noted(child);
    await widgets.publish(widgets.cases, waiting, behind);

    const [letter] = await eventually(() => {
      const found = widgets.deadLettersOf(waiting);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letter.key).toBe(child);
    expect(letter.value).toBe(JSON.stringify(waiting));
    expect(letter.headers).toMatchObject({
      'event-type': 'WidgetFollowedUp',
      'dlq-original-topic': widgets.cases,
      'dlq-original-partition': '0',
    });
    expect(letter.headers['dlq-error']).toMatch(new RegExp(`^waited [0-9]+ s for the referral ${referralId} this event follows$`));
    expect(Number(letter.headers['dlq-error'].split(' ')[1])).toBeGreaterThanOrEqual(MAX_WAIT_SECONDS);

    await eventually(async () => expect(await widgets.appliedRows(behind)).toHaveLength(1));
    const inbox = await widgets.database.dataSource.query(`SELECT outcome FROM inbox WHERE event_id = $1`, [waiting.eventId]);
    expect(inbox).toEqual([{ outcome: 'DEAD_LETTERED' }]);
    expect(await widgets.parkedRows(child)).toEqual([]);
  });

  it('waits out a transient failure longer than the session timeout, heartbeating: the member is never evicted', async () => {
    const unlucky = noted(randomUUID(), { failsForMs: 7_500 });
    const after = noted(randomUUID());
    await widgets.publish(widgets.cases, unlucky, after);

    await eventually(async () => expect(await widgets.appliedRows(after)).toHaveLength(1), { timeoutMs: 40_000 });
    expect(await widgets.appliedRows(unlucky)).toEqual([expect.objectContaining({ attempt: 1 })]);
    expect(widgets.deadLettersOf(unlucky)).toEqual([]);
    expect({ joins, crashes }).toEqual({ joins: 0, crashes: 0 });
  });

  it('a dead-lettered referral followed by 10,000 other events: all the others are handled, the group never evicted', async () => {
    const child = randomUUID();
    const referral = referred(child, randomUUID(), { poison: true });
    const { referralId } = referral.data as { referralId: string };
    const followUps = Array.from({ length: 5 }, () => followedUp(child, referralId));
    const others = Array.from({ length: 10_000 }, (_, index) => noted(childOf(index)));
    // The child's follow-ups first, then among the others: every one must wait, none may hold the partition.
    const cases = [...followUps.slice(0, 3), ...others.slice(0, 5_000), followUps[3], ...others.slice(5_000), followUps[4]];

    await widgets.publish(widgets.referrals, referral);
    for (let start = 0; start < cases.length; start += 1_000) await widgets.publish(widgets.cases, ...cases.slice(start, start + 1_000));

    await eventually(() => expect(widgets.deadLettersOf(referral)).toHaveLength(1));
    await eventually(
      async () => {
        const [{ n }] = await widgets.database.dataSource.query(
          `SELECT count(DISTINCT event_id)::int AS n FROM widget_applied WHERE event_id = ANY($1::uuid[])`,
          [others.map((event) => event.eventId)],
        );
        expect(n).toBe(10_000);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const [{ n: applications }] = await widgets.database.dataSource.query(
      `SELECT count(*)::int AS n FROM widget_applied WHERE event_id = ANY($1::uuid[])`,
      [others.map((event) => event.eventId)],
    );
    expect(applications).toBe(10_000); // each once

    // The child's follow-ups waited their bound, one after another in order, and were dead-lettered with why.
    const ids = followUps.map((event) => event.eventId);
    const letters = await eventually(
      () => {
        const found = widgets.deadLetters.messages.filter((message) => message.value && ids.includes(JSON.parse(message.value).eventId));
        expect(found).toHaveLength(5);
        return found;
      },
      { timeoutMs: 60_000 },
    );
    expect(letters.map((letter) => JSON.parse(letter.value!).eventId)).toEqual(ids);
    for (const letter of letters) expect(letter.headers['dlq-error']).toMatch(/^waited [0-9]+ s for the referral /);
    expect(await widgets.appliedRows(...followUps)).toEqual([]);
    // The last letter is published before its parked row is removed (a crash between them sends it again, never loses it).
    await eventually(async () => expect(await widgets.parkedRows(child)).toEqual([]));
    expect({ joins, crashes }).toEqual({ joins: 0, crashes: 0 });
  }, 240_000);
});

/** 1,000 children with ten events each, spread through the partition. */
const CHILDREN = Array.from({ length: 1_000 }, () => randomUUID());
const childOf = (index: number) => CHILDREN[index % CHILDREN.length];
