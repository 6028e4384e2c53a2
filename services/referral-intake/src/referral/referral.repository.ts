import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_UPCASTERS, currentSchemaVersionOf } from '@csc/contracts';
import { EventStore, type AppendContext, type ExpectedVersion, type StoredEvent } from '@csc/event-store';
import { foldReferral, type ReferralEvent, type ReferralState } from './referral.decider';

export interface LoadedReferral {
  state: Exclude<ReferralState, { status: 'NONE' }>;
  version: number;
  events: ReferralEvent[];
  /** The case it opened or joined in case-progression, once that has happened. */
  caseId?: string | null;
}

const STREAM_PREFIX = 'referral-';
export const referralStreamId = (referralId: string) => `${STREAM_PREFIX}${referralId}`;

/** Referrals as event streams: load by folding, save by appending with the expected version. */
@Injectable()
export class ReferralRepository {
  constructor(
    private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async load(referralId: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedReferral | null> {
    const loaded = toLoaded(await this.eventStore.readStream(referralStreamId(referralId), manager));
    return loaded && { ...loaded, caseId: await this.caseOf(referralId, manager) };
  }

  private async caseOf(referralId: string, manager: EntityManager): Promise<string | null> {
    const [row] = await manager.query(`SELECT case_id FROM referral_cases WHERE referral_id = $1`, [referralId]);
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
  ): Promise<number> {
    const result = await this.eventStore.append(
      referralStreamId(referralId),
      expectedVersion,
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: currentSchemaVersionOf(event.type),
        occurredAt: new Date(occurredAtOf(event)),
        childId,
        data: event.data,
      })),
      context,
      manager,
    );
    return result.nextExpectedVersion;
  }
}

const toLoaded = (stored: StoredEvent[]): LoadedReferral | null => {
  if (stored.length === 0) return null;
  const events = stored.map(inCurrentShape);
  const state = foldReferral(events);
  if (state.status === 'NONE') return null;
  return { state, version: stored[stored.length - 1].streamVersion, events };
};

/** A stream written before an event's shape changed (ReferralReceived v1) is read in the shape the decider knows. */
const inCurrentShape = (event: StoredEvent): ReferralEvent => {
  const current = EVENT_UPCASTERS.toCurrentShape(event);
  return { type: current.type, data: current.data } as ReferralEvent;
};

const occurredAtOf = (event: ReferralEvent): string => {
  switch (event.type) {
    case 'ReferralReceived':
      return event.data.receivedAt;
    case 'ChildMatched':
      return new Date().toISOString();
    case 'InformationRequested':
      return event.data.requestedAt;
    case 'InformationProvided':
      return event.data.providedAt;
    case 'ReferralDecided':
      return event.data.decidedAt;
  }
};
