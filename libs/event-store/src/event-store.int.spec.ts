import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@csc/testing';
import { ConcurrencyError, DuplicateEventError } from './errors';
import { EVENTS_APPENDED_CHANNEL, EventStore, NO_STREAM } from './event-store';
import { NO_PERSONAL_DATA } from './subject-sealer';
import { AddAppendRefusal1769000000000 } from './append-refusal.migration';
import { CreateEventStore1763800000000 } from './event-store.migration';
import type { AppendContext, NewEvent } from './stored-event';
import type { AppendGuard, WriteAlongside } from './write-alongside';

const context: AppendContext = {
  actor: { sub: 'worker-1', role: 'FRONT_DOOR', org: '888' },
  correlationId: randomUUID(),
  causationId: null,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  occurredAt: new Date('2025-01-03T09:15:00Z'),
  childId: '0b7d7d4e-11f1-4a9c-8f3e-7d2a1c5b9e01',
  data,
});

describe('EventStore against PostgreSQL', () => {
  let database: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase('event_store', [CreateEventStore1763800000000, AddAppendRefusal1769000000000]);
    store = new EventStore(database.dataSource, NO_PERSONAL_DATA);
  });
  afterAll(() => database.drop());

  it('appends to a new stream and reads the events back in order with their envelope', async () => {
    const streamId = `referral-${randomUUID()}`;
    const first = event('ReferralReceived', { referralSource: '2A' });
    const second = event('ChildMatched', { rule: 'NEW_CHILD' });

    const result = await store.append(streamId, NO_STREAM, [first, second], context);

    expect(result.nextExpectedVersion).toBe(2);
    const stored = await store.readStream(streamId);
    expect(stored.map((e) => [e.type, e.streamVersion, e.eventId])).toEqual([
      ['ReferralReceived', 1, first.eventId],
      ['ChildMatched', 2, second.eventId],
    ]);
    expect(stored[0]).toMatchObject({
      streamId,
      childId: first.childId,
      correlationId: context.correlationId,
      causationId: null,
      actor: context.actor,
      data: { referralSource: '2A' },
      occurredAt: '2025-01-03T09:15:00.000Z',
      traceparent: context.traceparent,
    });
    expect(Number(stored[1].globalPosition)).toBeGreaterThan(Number(stored[0].globalPosition));
  });

  it('refuses an append made on a stale version, naming the current one, and writes nothing', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, NO_STREAM, [event('CaseOpened')], context);
    await store.append(streamId, 1, [event('AssessmentStarted')], context);

    const stale = store.append(streamId, 1, [event('AssessmentCompleted')], context);

    await expect(stale).rejects.toEqual(expect.any(ConcurrencyError));
    await expect(stale).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect(await store.streamVersion(streamId)).toBe(2);
  });

  it('lets exactly one of two concurrent writers on the same version win', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, NO_STREAM, [event('CaseOpened')], context);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => store.append(streamId, 1, [event('AssessmentStarted')], context)),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
    }
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('refuses an append overtaken by a later transaction, so the relay never publishes a stream out of order', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, NO_STREAM, [event('CaseOpened')], context);
    const earlier = database.dataSource.createQueryRunner();
    await earlier.startTransaction();
    await earlier.query('SELECT pg_current_xact_id()'); // like a reaction whose inbox write came first

    await store.append(streamId, 1, [event('AssessmentStarted')], context); // a later transaction commits v2 first

    await expect(store.append(streamId, 'any', [event('AssessmentCompleted')], context, earlier.manager)).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await earlier.rollbackTransaction();
    await earlier.release();
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentStarted']);
  });

  it('refuses the loser of two racing appends on any version, naming the version the winner wrote', async () => {
    const streamId = `case-${randomUUID()}`;
    await store.append(streamId, NO_STREAM, [event('CaseOpened')], context);
    const first = database.dataSource.createQueryRunner();
    await first.startTransaction();
    await store.append(streamId, 'any', [event('AssessmentStarted')], context, first.manager);

    const second = store.append(streamId, 'any', [event('AssessmentCompleted')], context); // waits on the first's key
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.commitTransaction();
    await first.release();

    await expect(second).rejects.toEqual(expect.any(ConcurrencyError));
    await expect(second).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['CaseOpened', 'AssessmentStarted']);
  });

  it('notifies the relay once an append commits, and never for a refused or rolled-back one', async () => {
    const listener = new Client({ connectionString: database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (notification) => heard.push(notification.channel));
    await listener.query(`LISTEN ${EVENTS_APPENDED_CHANNEL}`);
    try {
      const streamId = `case-${randomUUID()}`;
      await expect(
        database.dataSource.transaction(async (manager) => {
          await store.append(streamId, NO_STREAM, [event('CaseOpened')], context, manager);
          throw new Error('the caller changed its mind');
        }),
      ).rejects.toThrow('the caller changed its mind');
      await store.append(streamId, NO_STREAM, [event('CaseOpened')], context);
      await expect(
        database.dataSource.transaction((manager) => store.append(streamId, NO_STREAM, [event('CaseOpened')], context, manager)),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(streamId, 1, [event('AssessmentStarted')], context);

      await eventually(() => expect(heard).toHaveLength(2));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toEqual([EVENTS_APPENDED_CHANNEL, EVENTS_APPENDED_CHANNEL]);
    } finally {
      await listener.end();
    }
  });

  it('refuses the same event id twice', async () => {
    const once = event('ReferralReceived');
    await store.append(`referral-${randomUUID()}`, NO_STREAM, [once], context);
    await expect(store.append(`referral-${randomUUID()}`, NO_STREAM, [once], context)).rejects.toBeInstanceOf(DuplicateEventError);
  });

  it('appends inside a transaction the caller holds, and rolls back with it', async () => {
    const streamId = `referral-${randomUUID()}`;
    await expect(
      database.dataSource.transaction(async (manager) => {
        await store.append(streamId, NO_STREAM, [event('ReferralReceived')], context, manager);
        expect(await store.streamVersion(streamId, manager)).toBe(1);
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await store.streamVersion(streamId)).toBe(0);
  });

  describe('writes alongside an append, in its statement', () => {
    const noted = (streamId: string): Promise<{ note: string; version: number }[]> =>
      database.dataSource.query(`SELECT note, version FROM append_notes WHERE stream_id = $1 ORDER BY note`, [streamId]);
    const note = (streamId: string, text: string, version: number): WriteAlongside => ({
      text: `INSERT INTO append_notes (stream_id, note, version) VALUES ($1, $2, $3)`,
      values: [streamId, text, version],
    });

    beforeAll(() => database.dataSource.query(`CREATE TABLE append_notes (stream_id text, note text, version int)`));

    it('commit with the events, each write given its own values', async () => {
      const streamId = `referral-${randomUUID()}`;
      await store.append(streamId, NO_STREAM, [event('ReferralReceived')], context, undefined, [
        note(streamId, 'first', 1),
        note(streamId, 'second', 2),
      ]);
      await store.append(streamId, 1, [event('ChildMatched')], context, undefined, [note(streamId, 'third', 3)]);

      expect(await noted(streamId)).toEqual([
        { note: 'first', version: 1 },
        { note: 'second', version: 2 },
        { note: 'third', version: 3 },
      ]);
      expect(await store.streamVersion(streamId)).toBe(2);
    });

    it("are undone with an append refused on a stale version, inside the caller's transaction or in a statement of its own", async () => {
      const streamId = `referral-${randomUUID()}`;
      await store.append(streamId, NO_STREAM, [event('ReferralReceived')], context);

      await expect(
        store.append(streamId, NO_STREAM, [event('ChildMatched')], context, undefined, [note(streamId, 'own', 1)]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(
        database.dataSource.transaction((manager) =>
          store.append(streamId, NO_STREAM, [event('ChildMatched')], context, manager, [note(streamId, 'caller', 1)]),
        ),
      ).rejects.toBeInstanceOf(ConcurrencyError);

      expect(await noted(streamId)).toEqual([]);
    });

    it('undo the append when a write fails', async () => {
      const streamId = `referral-${randomUUID()}`;
      const failing: WriteAlongside = {
        text: `INSERT INTO append_notes (stream_id, version) VALUES ($1, $2::int)`,
        values: [streamId, 'not a number'],
      };

      await expect(store.append(streamId, NO_STREAM, [event('ReferralReceived')], context, undefined, [failing])).rejects.toThrow();

      expect(await store.streamVersion(streamId)).toBe(0);
    });
  });

  describe('an append guarded by a write, in one statement', () => {
    const openTask = async (): Promise<string> => {
      const id = randomUUID();
      await database.dataSource.query(`INSERT INTO guarded_tasks (id, state) VALUES ($1, 'OPEN')`, [id]);
      return id;
    };
    const stateOf = async (id: string): Promise<string> =>
      (await database.dataSource.query(`SELECT state FROM guarded_tasks WHERE id = $1`, [id]))[0].state;
    const closing = (id: string, to = 'DONE'): WriteAlongside => ({
      text: `UPDATE guarded_tasks SET state = $2 WHERE id = $1 AND state = 'OPEN' RETURNING id`,
      values: [id, to],
    });

    beforeAll(() => database.dataSource.query(`CREATE TABLE guarded_tasks (id uuid PRIMARY KEY, state text NOT NULL)`));

    it('writes the events with the change the guard made', async () => {
      const task = await openTask();
      const streamId = `notification-${randomUUID()}`;

      const result = await store.appendIfGuardChanges(streamId, 'any', [event('NotificationDelivered')], context, closing(task));

      expect(result).toEqual({ nextExpectedVersion: 1, globalPositions: [expect.any(String)] });
      expect(await stateOf(task)).toBe('DONE');
      expect((await store.readStream(streamId)).map((stored) => stored.type)).toEqual(['NotificationDelivered']);
    });

    it('writes nothing, and answers null, when the guard changes no row', async () => {
      const task = await openTask();
      const streamId = `notification-${randomUUID()}`;
      await store.appendIfGuardChanges(streamId, 'any', [event('NotificationDelivered')], context, closing(task));

      const again = await store.appendIfGuardChanges(streamId, 'any', [event('NotificationFailed')], context, closing(task, 'FAILED'));

      expect(again).toBeNull();
      expect(await stateOf(task)).toBe('DONE');
      expect(await store.streamVersion(streamId)).toBe(1);
    });

    it('lets one of two racing appends on the same guard write, the other nothing', async () => {
      const task = await openTask();
      const streamId = `notification-${randomUUID()}`;

      const results = await Promise.all(
        ['DONE', 'FAILED'].map((to) =>
          store.appendIfGuardChanges(
            streamId,
            'any',
            [event(to === 'DONE' ? 'NotificationDelivered' : 'NotificationFailed')],
            context,
            closing(task, to),
          ),
        ),
      );

      expect(results.filter((result) => result !== null)).toHaveLength(1);
      const [stored] = await store.readStream(streamId);
      expect(await store.streamVersion(streamId)).toBe(1);
      expect(await stateOf(task)).toBe(stored.type === 'NotificationDelivered' ? 'DONE' : 'FAILED');
    });

    it("undoes the guard's change when the append is refused", async () => {
      const task = await openTask();
      const streamId = `notification-${randomUUID()}`;
      const once = event('NotificationQueued');
      await store.append(`notification-${randomUUID()}`, NO_STREAM, [once], context);
      await store.append(streamId, NO_STREAM, [event('NotificationQueued')], context);

      // Every refusal is an error raised in the statement, which undoes the guard's change with it:
      // the event is already stored,
      await expect(store.appendIfGuardChanges(streamId, 'any', [once], context, closing(task))).rejects.toBeInstanceOf(DuplicateEventError);
      // or the stream is not at the version expected.
      await expect(
        store.appendIfGuardChanges(streamId, NO_STREAM, [event('NotificationDelivered')], context, closing(task)),
      ).rejects.toBeInstanceOf(ConcurrencyError);

      expect(await stateOf(task)).toBe('OPEN');
      expect(await store.streamVersion(streamId)).toBe(1);
    });

    it('reads the WITH queries before the guard, and makes the writes alongside that read its rows only with it', async () => {
      const task = await openTask();
      // Closes the task only if it is still open (leading), then records a note of the task closed (the guard),
      // and an audit-like row alongside that reads the guard's row.
      const recording: AppendGuard = {
        leading: `still_open AS (UPDATE guarded_tasks SET state = 'DONE' WHERE id = $1 AND state = 'OPEN' RETURNING id)`,
        text: `INSERT INTO guarded_tasks (id, state) SELECT gen_random_uuid(), 'NOTE OF ' || $2::text FROM still_open RETURNING id`,
        values: [task, task],
      };
      const seen = async () => (await database.dataSource.query(`SELECT count(*)::int AS n FROM guarded_tasks WHERE state = 'SEEN'`))[0].n;
      const before = await seen();
      const streamId = `notification-${randomUUID()}`;
      const recordOnce = () =>
        store.appendIfGuardChanges(streamId, NO_STREAM, [event('NotificationQueued')], context, recording, undefined, [
          { text: `INSERT INTO guarded_tasks (id, state) SELECT $1, 'SEEN' FROM guard`, values: [randomUUID()] },
        ]);

      const first = await recordOnce();
      const again = await recordOnce();

      expect(first).toEqual({ nextExpectedVersion: 1, globalPositions: [expect.any(String)] });
      // Not refused though the stream is no longer new: the guard changed nothing, so nothing was tried.
      expect(again).toBeNull();
      expect(await stateOf(task)).toBe('DONE');
      expect(await store.streamVersion(streamId)).toBe(1);
      expect(await seen()).toBe(before + 1);
      const [{ n: notes }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM guarded_tasks WHERE state = $1`, [
        `NOTE OF ${task}`,
      ]);
      expect(notes).toBe(1);
    });
  });

  it('keeps events immutable: updates and deletes are refused by the database', async () => {
    const streamId = `referral-${randomUUID()}`;
    await store.append(streamId, NO_STREAM, [event('ReferralReceived')], context);
    await expect(database.dataSource.query(`UPDATE events SET type = 'Tampered' WHERE stream_id = $1`, [streamId])).rejects.toThrow(
      /append-only/,
    );
    await expect(database.dataSource.query(`DELETE FROM events WHERE stream_id = $1`, [streamId])).rejects.toThrow(/append-only/);
  });
});
