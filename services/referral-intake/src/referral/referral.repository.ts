import { Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EventStore,
  queryPrepared,
  type AppendContext,
  type ExpectedVersion,
  type PreparedStatement,
  type WriteAlongside,
} from '@csc/event-store';
import { AggregateStore, catchUpListsOnStart, type AggregateDefinition } from '@csc/platform';
import { referralQueueList } from './list-referrals/referral-queue.list';
import { foldReferral, type ReferralEvent, type ReferralState } from './referral.decider';

export interface LoadedReferral {
  state: Exclude<ReferralState, { status: 'NONE' }>;
  version: number;
  events: ReferralEvent[];
  /** The case it opened or joined in case-progression, once that has happened (read by `load`, for views; commands do without). */
  caseId?: string | null;
}

const STREAM_PREFIX = 'referral-';

/** Read by every command on a referral: prepared once per connection. */
const CASE_OF_STATEMENT: PreparedStatement = {
  name: 'referral_case_of',
  text: `SELECT case_id FROM referral_cases WHERE referral_id = $1`,
};
export const referralStreamId = (referralId: string) => `${STREAM_PREFIX}${referralId}`;

/** A referral as the shared command path sees it: a stream folded by the decider's evolve, and the queue row kept with it. */
export const referralAggregate: AggregateDefinition<ReferralState, ReferralEvent> = {
  noun: 'referral',
  streamIdOf: referralStreamId,
  fold: foldReferral,
  exists: (state) => state.status !== 'NONE',
  childIdOf: (state) => (state.status === 'NONE' ? null : state.received.childId),
  ifMatch: 'optional',
  occurredAtOf: (event, now) => occurredAtOf(event, now),
  // The front door's queue, kept from the folded referral in the append's own transaction.
  lists: [referralQueueList],
};

/** Referrals as event streams (load, decide and append through the shared command path), and the case each became. */
@Injectable()
export class ReferralRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReferralRepository.name);
  readonly streams: AggregateStore<ReferralState, ReferralEvent, LoadedReferral>;

  constructor(
    eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {
    // Commands decide on the stream alone: the case it became is read only for views (load), a round trip less per command.
    this.streams = new AggregateStore(dataSource, eventStore, referralAggregate, async (loaded) => ({
      ...loaded,
      state: loaded.state as LoadedReferral['state'],
    }));
  }

  /** Referrals received before the queue existed (or after its table was emptied) get their rows. */
  async onApplicationBootstrap(): Promise<void> {
    await catchUpListsOnStart(this.streams, this.logger);
  }

  /** The referral with the case it opened or joined, as its views show it. */
  async load(referralId: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedReferral | null> {
    const loaded = await this.streams.load(referralId, manager);
    return loaded && { ...loaded, caseId: await this.caseOf(referralId, manager) };
  }

  private async caseOf(referralId: string, manager: EntityManager): Promise<string | null> {
    const [row] = await queryPrepared<{ case_id: string | null }>(manager, CASE_OF_STATEMENT, [referralId]);
    return row?.case_id ?? null;
  }

  async loadOrThrow(referralId: string, manager?: EntityManager): Promise<LoadedReferral> {
    const referral = await this.load(referralId, manager);
    if (!referral) throw new NotFoundException([`id: no referral ${referralId}`]);
    return referral;
  }

  /** Every referral about a child, oldest first. */
  async forChild(childId: string): Promise<LoadedReferral[]> {
    const rows: { stream_id: string }[] = await this.dataSource.query(
      `SELECT stream_id FROM events WHERE child_id = $1 AND stream_id LIKE $2 AND stream_version = 1 ORDER BY global_position`,
      [childId, `${STREAM_PREFIX}%`],
    );
    const referrals = await Promise.all(rows.map((row) => this.load(row.stream_id.slice(STREAM_PREFIX.length))));
    return referrals.filter((referral): referral is LoadedReferral => referral !== null);
  }

  async append(
    referralId: string,
    childId: string,
    expectedVersion: ExpectedVersion,
    events: ReferralEvent[],
    context: AppendContext,
    manager?: EntityManager,
    /** Writes that commit with the events, made in the append's own statement (WriteAlongside). */
    alongside?: readonly WriteAlongside[],
  ): Promise<number> {
    return this.streams.append(referralId, childId, expectedVersion, events, context, manager, undefined, alongside);
  }
}

/** A referral's events happened when their data says; a match, when it was made. */
const occurredAtOf = (event: ReferralEvent, now: Date): Date => {
  switch (event.type) {
    case 'ReferralReceived':
      return new Date(event.data.receivedAt);
    case 'ChildMatched':
      return now;
    case 'InformationRequested':
      return new Date(event.data.requestedAt);
    case 'InformationProvided':
      return new Date(event.data.providedAt);
    case 'ReferralDecided':
      return new Date(event.data.decidedAt);
  }
};
