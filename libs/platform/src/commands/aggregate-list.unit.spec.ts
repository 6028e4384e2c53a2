import type { DataSource, EntityManager } from 'typeorm';
import type { ChildMatchedV1 } from '@csc/contracts';
import type { AppendContext, EventStore, NewEvent, StoredEvent, WriteAlongside } from '@csc/event-store';
import { upsertListRow, type AggregateList } from './aggregate-list';
import { AggregateStore, type AggregateDefinition } from './aggregate-store';

type Matched = { type: 'ChildMatched'; data: ChildMatchedV1 };
type Matches = { count: number; childId: string | null };

const REFERRAL = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const CHILD = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const matched: ChildMatchedV1 = {
  referralId: REFERRAL,
  childId: CHILD,
  rule: 'NEW_CHILD',
  matchedExistingChild: false,
  matchedReferralId: null,
  givenNameComparison: null,
  nearMissChildIds: [],
};
const matchList: AggregateList<Matches> = {
  table: 'match_list',
  idColumn: 'referral_id',
  rowOf: (state) => ({ child_id: state.childId, matches: state.count }),
};
const context: AppendContext = { actor: { sub: 'u', role: 'FRONT_DOOR', org: 'LA888' }, correlationId: 'c', causationId: null };

/** A manager that records each statement, and a store whose stream is what was appended to it. */
const recording = () => {
  const statements: { sql: string; params: unknown[] }[] = [];
  const manager = { query: async (sql: string, params: unknown[]) => void statements.push({ sql, params }) } as unknown as EntityManager;
  return { statements, manager };
};

describe('AggregateList: a row per stream, from its folded state', () => {
  it('upserts the row with its version, an older version never overwriting a newer one', async () => {
    const { statements, manager } = recording();
    await upsertListRow(manager, matchList, REFERRAL, 3, { count: 2, childId: CHILD });
    expect(statements).toHaveLength(1);
    expect(statements[0].sql.replace(/\s+/g, ' ')).toBe(
      'INSERT INTO match_list (referral_id, version, child_id, matches) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (referral_id) DO UPDATE SET version = EXCLUDED.version, child_id = EXCLUDED.child_id, matches = EXCLUDED.matches ' +
        'WHERE match_list.version < EXCLUDED.version',
    );
    expect(statements[0].params).toEqual([REFERRAL, 3, CHILD, 2]);
  });

  it('writes nothing for a state with no row, and refuses a name that is not a plain identifier', async () => {
    const { statements, manager } = recording();
    await upsertListRow(manager, { ...matchList, rowOf: () => null }, REFERRAL, 1, { count: 0, childId: null });
    expect(statements).toHaveLength(0);
    await expect(
      upsertListRow(manager, { ...matchList, table: 'x; DROP TABLE events' }, REFERRAL, 1, { count: 1, childId: null }),
    ).rejects.toThrow(/not a plain SQL identifier/);
  });

  it('the shared command path writes the row in the append’s own statement, folded from the whole stream', async () => {
    const { statements, manager } = recording();
    const stream: StoredEvent[] = [];
    const alongside: WriteAlongside[][] = [];
    const eventStore = {
      readStream: async () => stream,
      append: async (
        _streamId: string,
        expected: number,
        events: NewEvent[],
        _context: unknown,
        _manager: unknown,
        writes: WriteAlongside[],
      ) => {
        alongside.push(writes);
        events.forEach((event, index) => stream.push({ ...event, streamVersion: expected + index + 1 } as unknown as StoredEvent));
        return { nextExpectedVersion: expected + events.length, globalPositions: [] };
      },
    } as unknown as EventStore;
    const dataSource = { manager, transaction: (work: (within: EntityManager) => unknown) => work(manager) } as unknown as DataSource;
    const matches: AggregateDefinition<Matches, Matched> = {
      noun: 'referral',
      streamIdOf: (id) => `referral-${id}`,
      fold: (events) => ({ count: events.length, childId: events.at(-1)?.data.childId ?? null }),
      childIdOf: (state) => state.childId,
      ifMatch: 'required',
      lists: [matchList],
    };
    const store = new AggregateStore(dataSource, eventStore, matches);
    await store.append(REFERRAL, CHILD, 0, [{ type: 'ChildMatched', data: matched }], context, manager);
    await store.execute({ id: REFERRAL, context, expectedVersion: 1, decide: () => [{ type: 'ChildMatched', data: matched }] });
    expect(alongside.map((writes) => writes.map((write) => write.values))).toEqual([[[REFERRAL, 1, CHILD, 1]], [[REFERRAL, 2, CHILD, 2]]]);
    expect(alongside[0][0].text).toContain('INSERT INTO match_list (referral_id, version, child_id, matches)');
    expect(statements).toHaveLength(0);
  });
  it('says the lists are caught up only once a catch-up has got through, and not while one runs again', async () => {
    const definition: AggregateDefinition<Matches, Matched> = {
      noun: 'referral',
      streamIdOf: (id) => `referral-${id}`,
      fold: () => ({ count: 0, childId: null }),
      childIdOf: (state) => state.childId,
      ifMatch: 'required',
      lists: [matchList],
    };
    let missing: () => Promise<unknown[]> = async () => [];
    const manager = { query: () => missing() } as unknown as EntityManager;
    const dataSource = { manager } as unknown as DataSource;
    const store = new AggregateStore(dataSource, {} as EventStore, definition);
    expect(store.listsCaughtUp).toBe(false);
    await store.catchUpLists();
    expect(store.listsCaughtUp).toBe(true);
    missing = async () => {
      throw new Error('the database is not reachable');
    };
    await expect(store.catchUpLists()).rejects.toThrow('not reachable');
    expect(store.listsCaughtUp).toBe(false);
  });
});
