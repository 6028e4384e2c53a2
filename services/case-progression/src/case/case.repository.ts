import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { currentSchemaVersionOf } from '@csc/contracts';
import { EventStore, type AppendContext, type ExpectedVersion } from '@csc/event-store';
import { foldCase, type CaseEvent } from './case.decider';
import type { CaseState } from './domain/case.state';

export interface LoadedCase {
  state: CaseState;
  version: number;
  events: CaseEvent[];
}

export const caseStreamId = (caseId: string) => `case-${caseId}`;

/** Cases as event streams, and the child-to-case index kept in the same transactions. */
@Injectable()
export class CaseRepository {
  constructor(
    private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async load(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<LoadedCase | null> {
    const stored = await this.eventStore.readStream(caseStreamId(caseId), manager);
    if (stored.length === 0) return null;
    const events = stored.map((event) => ({ type: event.type, data: event.data }) as CaseEvent);
    return { state: foldCase(events), version: stored[stored.length - 1].streamVersion, events };
  }

  async append(
    caseId: string,
    childId: string,
    expectedVersion: ExpectedVersion,
    events: CaseEvent[],
    context: AppendContext,
    manager: EntityManager,
  ): Promise<number> {
    if (events.length === 0)
      return typeof expectedVersion === 'number' ? expectedVersion : this.eventStore.streamVersion(caseStreamId(caseId), manager);
    const now = new Date();
    const result = await this.eventStore.append(
      caseStreamId(caseId),
      expectedVersion,
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: currentSchemaVersionOf(event.type),
        occurredAt: now,
        childId,
        data: event.data,
      })),
      context,
      manager,
    );
    if (events.some((event) => event.type === 'CaseClosed')) {
      await manager.query(`UPDATE child_cases SET open = false WHERE case_id = $1`, [caseId]);
    }
    return result.nextExpectedVersion;
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
