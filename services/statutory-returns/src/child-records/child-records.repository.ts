import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_UPCASTERS, currentSchemaVersionOf, isEventType, isSealedSubject, type EventEnvelope } from '@csc/contracts';
import { addMonths, type CalendarDate } from '@csc/domain';
import { SubjectKeyVault, SubjectProtection } from '@csc/privacy';
import { ProjectionHost, type VersionTables } from '@csc/projections';
import { childRecordsProjection } from './child-records.projection';
import type { ChildRecord } from './domain/child-record';
import { childRecordOf, type OpenedEvent } from './domain/child-record-of';

/** Children are read this many at a time, so a large authority's return never holds its whole log in memory. */
const CHILDREN_PER_READ = 500;

/** Which children a return must look at, and their records with subjects opened, read in one consistent snapshot. */
export interface ChildRecordsReader {
  /** Children with a CIN episode open at any time between `from` and `to` (erased children never). */
  withCinEpisodeBetween(from: CalendarDate, to: CalendarDate): Promise<string[]>;
  /** Children with anything recorded in the twelve months to `asOf`, or a case or early help open then. */
  activeInYearTo(asOf: CalendarDate): Promise<string[]>;
  /** Their records, a chunk at a time, in the given order. */
  records(childIds: string[]): AsyncGenerator<ChildRecord[]>;
}

@Injectable()
export class ChildRecordsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projections: ProjectionHost,
    private readonly subjects: SubjectProtection,
    private readonly keys: SubjectKeyVault,
  ) {}

  /**
   * Runs `read` in one read-only snapshot of the current projection version: a rebuild that swaps in
   * meanwhile waits for it, and every chunk sees the same log.
   */
  async read<T>(read: (reader: ChildRecordsReader) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const tables = await this.projections.versions.currentTables(childRecordsProjection, manager);
      return read(this.readerOf(manager, tables));
    });
  }

  private readerOf(manager: EntityManager, tables: VersionTables): ChildRecordsReader {
    const ids = async (sql: string, parameters: unknown[]) =>
      ((await manager.query(sql, parameters)) as { child_id: string }[]).map((row) => row.child_id);
    return {
      withCinEpisodeBetween: (from, to) =>
        ids(
          `SELECT DISTINCT e.child_id FROM ${tables.cin_episodes} e
           LEFT JOIN ${tables.case_closures} c ON c.case_id = e.case_id
           WHERE e.child_id IS NOT NULL AND e.referral_date <= $2
             AND (CASE WHEN e.nfa THEN e.referral_date >= $1 ELSE c.closed_on IS NULL OR c.closed_on >= $1 END)
             AND e.child_id NOT IN (SELECT child_id FROM ${tables.erased_children})
           ORDER BY e.child_id`,
          [from, to],
        ),
      activeInYearTo: (asOf) =>
        ids(
          `SELECT child_id FROM (
             SELECT child_id FROM ${tables.child_events} WHERE recorded_at >= $1::date AND recorded_at < $2::date + 1
             UNION SELECT e.child_id FROM ${tables.cin_episodes} e LEFT JOIN ${tables.case_closures} c ON c.case_id = e.case_id
               WHERE NOT e.nfa AND e.referral_date <= $2 AND (c.closed_on IS NULL OR c.closed_on >= $1)
             UNION SELECT child_id FROM ${tables.early_help_episodes} WHERE opened_on <= $2 AND (closed_on IS NULL OR closed_on >= $1)
           ) active
           WHERE child_id IS NOT NULL AND child_id NOT IN (SELECT child_id FROM ${tables.erased_children})
           ORDER BY child_id`,
          [addMonths(asOf, -12), asOf],
        ),
      records: (childIds) => this.recordsOf(manager, tables, childIds),
    };
  }

  private async *recordsOf(manager: EntityManager, tables: VersionTables, childIds: string[]): AsyncGenerator<ChildRecord[]> {
    for (let index = 0; index < childIds.length; index += CHILDREN_PER_READ) {
      const chunk = childIds.slice(index, index + CHILDREN_PER_READ);
      const rows: { child_id: string; envelope: EventEnvelope }[] = await manager.query(
        `SELECT child_id, envelope FROM ${tables.child_events} WHERE child_id = ANY($1::uuid[])`,
        [chunk],
      );
      const envelopes = rows.map((row) => upcast(row.envelope));
      await this.keys.prefetchOpeningKeys(envelopes.flatMap(sealedKidOf));
      const byChild = new Map<string, OpenedEvent[]>(chunk.map((childId) => [childId, []]));
      for (let at = 0; at < envelopes.length; at++) {
        const { envelope } = await this.subjects.reveal(envelopes[at]);
        byChild.get(rows[at].child_id)!.push(envelope as OpenedEvent);
      }
      yield chunk.map((childId) => childRecordOf(childId, byChild.get(childId)!));
    }
  }
}

const upcast = (envelope: EventEnvelope): EventEnvelope =>
  isEventType(envelope.type) ? EVENT_UPCASTERS.upcast(envelope, currentSchemaVersionOf(envelope.type)) : envelope;

const sealedKidOf = (envelope: EventEnvelope): string[] => {
  const subject = (envelope.data as { subject?: unknown }).subject;
  return isSealedSubject(subject) ? [subject.kid] : [];
};
