import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidEventDataError, type ChildMatchedV1 } from '@csc/contracts';
import { ConcurrencyError, type AppendContext, type EventStore, type NewEvent, type StoredEvent } from '@csc/event-store';
import { AggregateStore, type AggregateDefinition } from './aggregate-store';

// A toy aggregate over one catalogued event: how many matches a referral had, and the last child.
type Matched = { type: 'ChildMatched'; data: ChildMatchedV1 };
type Matches = { count: number; childId: string | null };

const REFERRAL = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const CHILD = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const matched = (childId = CHILD): ChildMatchedV1 => ({
  referralId: REFERRAL,
  childId,
  rule: 'NEW_CHILD',
  matchedExistingChild: false,
  matchedReferralId: null,
  givenNameComparison: null,
  nearMissChildIds: [],
});

const matches: AggregateDefinition<Matches, Matched> = {
  noun: 'referral',
  streamIdOf: (id) => `referral-${id}`,
  fold: (events) => ({ count: events.length, childId: events.at(-1)?.data.childId ?? null }),
  childIdOf: (state) => state.childId,
  ifMatch: 'required',
};

const context: AppendContext = { actor: { sub: 'u', role: 'FRONT_DOOR', org: 'LA888' }, correlationId: 'c', causationId: null };

/** The store as a command path sees it: a stream already written (by any build of any version) and what gets appended. */
const given = (data: object[], schemaVersion = 1, aggregate = matches) => {
  const appended: NewEvent[][] = [];
  const transactions: EntityManager[] = [];
  const stored = data.map(
    (eventData, index) => ({ type: 'ChildMatched', schemaVersion, streamVersion: index + 1, data: eventData }) as unknown as StoredEvent,
  );
  const eventStore = {
    readStream: async () => stored,
    append: async (_streamId: string, expected: number, events: NewEvent[]) => {
      appended.push(events);
      return { nextExpectedVersion: expected + events.length, globalPositions: [] };
    },
  } as unknown as EventStore;
  const dataSource = {
    manager: { transactional: false } as unknown as EntityManager,
    transaction: (work: (manager: EntityManager) => unknown) => {
      const within = { transactional: true } as unknown as EntityManager;
      transactions.push(within);
      return work(within);
    },
  } as unknown as DataSource;
  return { store: new AggregateStore(dataSource, eventStore, aggregate), appended, transactions };
};

describe('AggregateStore: the one command path (load upcast and tolerant, If-Match, decide, strict append)', () => {
  it('folds a stream written by a newer build, dropping what it does not know, and appends on the version decided on', async () => {
    const { store, appended } = given([{ ...matched(), matchedBy: 'nhsNumber' }], 2);
    const outcome = await store.execute({
      id: REFERRAL,
      context,
      expectedVersion: 1,
      decide: ({ state, events }) => {
        expect(events[0].data).not.toHaveProperty('matchedBy');
        return [{ type: 'ChildMatched', data: matched(state.childId!) }];
      },
    });
    expect(outcome).toMatchObject({ version: 2, childId: CHILD });
    expect(appended[0]).toEqual([expect.objectContaining({ type: 'ChildMatched', schemaVersion: 1, childId: CHILD, data: matched() })]);
  });

  it('runs a command without a transaction (the append refuses a stale read), unless the aggregate writes after the append', async () => {
    const decide = ({ state }: { state: Matches }) => [{ type: 'ChildMatched' as const, data: matched(state.childId!) }];
    const plain = given([matched()]);
    await plain.store.execute({ id: REFERRAL, context, expectedVersion: 1, decide });
    expect(plain.transactions).toEqual([]);

    const withAfterAppend = given([matched()], 1, { ...matches, afterAppend: async () => undefined });
    await withAfterAppend.store.execute({ id: REFERRAL, context, expectedVersion: 1, decide });
    expect(withAfterAppend.transactions).toHaveLength(1);
  });

  it('refuses, before anything is written, an event a producer would write with a field its contract does not have', async () => {
    const { store, appended } = given([matched()]);
    const writing = store.execute({
      id: REFERRAL,
      context,
      expectedVersion: 1,
      decide: () => [{ type: 'ChildMatched', data: { ...matched(), matchedBy: 'nhsNumber' } as ChildMatchedV1 }],
    });
    await expect(writing).rejects.toThrow(InvalidEventDataError);
    expect(appended).toEqual([]);
  });

  it('answers a stale If-Match with the current version, a missing one (where required) with 400, and an unknown or hidden record with 404', async () => {
    const { store } = given([matched(), matched()]);
    const decide = () => [];
    await expect(store.execute({ id: REFERRAL, context, expectedVersion: 1, decide })).rejects.toThrow(ConcurrencyError);
    await expect(store.execute({ id: REFERRAL, context, expectedVersion: undefined, decide })).rejects.toThrow(BadRequestException);
    await expect(store.execute({ id: REFERRAL, context, expectedVersion: 2, mayAct: () => false, decide })).rejects.toThrow(
      new NotFoundException([`id: no referral ${REFERRAL}`]),
    );
    await expect(given([]).store.execute({ id: REFERRAL, context, expectedVersion: 0, decide })).rejects.toThrow(NotFoundException);
  });

  it('writes nothing when the decider decides nothing, and answers with the version as it is', async () => {
    const { store, appended } = given([matched()]);
    expect((await store.execute({ id: REFERRAL, context, expectedVersion: 1, decide: () => [] })).version).toBe(1);
    expect(appended).toEqual([]);
  });
});
