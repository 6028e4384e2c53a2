import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventStore, type AppendContext, type ExpectedVersion } from '@csc/event-store';
import { AggregateStore, catchUpListsOnStart, type AggregateDefinition, type LoadedAggregate } from '@csc/platform';
import { foldCase, type CaseEvent } from './case.decider';
import type { CaseState } from './domain/case.state';
import { caseloadList } from './list-cases/caseload.list';

export type LoadedCase = LoadedAggregate<CaseState, CaseEvent>;

export const caseStreamId = (caseId: string) => `case-${caseId}`;

/** A case as the shared command path sees it; closing it closes it in the child-to-case index, and the caseload row follows every write, in the same transaction. */
export const caseAggregate: AggregateDefinition<CaseState, CaseEvent> = {
  noun: 'case',
  streamIdOf: caseStreamId,
  fold: foldCase,
  childIdOf: (state) => state.opened!.childId,
  ifMatch: 'required',
  afterAppend: async (caseId, events, manager) => {
    if (events.some((event) => event.type === 'CaseClosed')) {
      await manager.query(`UPDATE child_cases SET open = false WHERE case_id = $1`, [caseId]);
    }
  },
  lists: [caseloadList],
};

/** Cases as event streams (through the shared command path), and the child-to-case index kept in the same transactions. */
@Injectable()
export class CaseRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(CaseRepository.name);
  readonly streams: AggregateStore<CaseState, CaseEvent>;

  constructor(
    eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {
    this.streams = new AggregateStore(dataSource, eventStore, caseAggregate);
  }

  /** Cases written before the caseload existed (or after its table was emptied) get their rows. */
  async onApplicationBootstrap(): Promise<void> {
    await catchUpListsOnStart(this.streams, this.logger);
  }

  async load(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedCase | null> {
    return this.streams.load(caseId, manager);
  }

  async append(
    caseId: string,
    childId: string,
    expectedVersion: ExpectedVersion,
    events: CaseEvent[],
    context: AppendContext,
    manager: EntityManager,
  ): Promise<number> {
    return this.streams.append(caseId, childId, expectedVersion, events, context, manager);
  }

  async openCaseOf(manager: EntityManager, childId: string): Promise<string | null> {
    const [row] = await manager.query(`SELECT case_id FROM child_cases WHERE child_id = $1 AND open`, [childId]);
    return row?.case_id ?? null;
  }

  async caseIdsOf(childId: string): Promise<string[]> {
    const rows: { case_id: string }[] = await this.dataSource.query(
      `SELECT case_id FROM child_cases WHERE child_id = $1 ORDER BY opened_at`,
      [childId],
    );
    return rows.map((row) => row.case_id);
  }
}
