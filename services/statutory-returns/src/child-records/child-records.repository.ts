import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EVENT_UPCASTERS, isSealedSubject, type EventEnvelope } from '@csc/contracts';
import { addMonths, type CalendarDate } from '@csc/domain';
import { SubjectKeyVault, SubjectProtection, UnknownSubjectKeyError } from '@csc/privacy';
import { ProjectionHost, type VersionTables } from '@csc/projections';
import { childRecordsProjection } from './child-records.projection';
import type { ChildRecord } from './domain/child-record';
import { childRecordOf, type OpenedEvent } from './domain/child-record-of';
import { readAhead } from './read-ahead';

/** Children are read this many at a time, so a large authority's return never holds its whole log in memory. */
const CHILDREN_PER_READ = 500;

/** How long a return waits for the records to catch up with the log before it says to come back. */
const CATCH_UP_MILLIS = 5_000;

interface ChildEventRow {
  child_id: string;
  envelope: EventEnvelope;
}

/** Which children a return must look at, and their records with subjects opened, read in one consistent snapshot. */
export interface ChildRecordsReader {
  /** Children with a CIN episode open at any time between `from` and `to` (erased children never). */
  withCinEpisodeBetween(from: CalendarDate, to: CalendarDate): Promise<string[]>;
  /** Children with anything recorded in the twelve months to `asOf`, or a case or early help open then. */
  activeInYearTo(asOf: CalendarDate): Promise<string[]>;
  /**
   * Their records, a chunk at a time, in the given order. The next chunk is read ahead on the reader's
   * one connection: ask for the children first, and query nothing else while iterating this.
   */
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
    // A return made from records still behind the log (a first start, a rebuild, a backlog) would be
    // incomplete and look complete: it waits for what the log held when asked, or says to come back.
    const short = await this.projections.catchUp(childRecordsProjection.name, CATCH_UP_MILLIS).catch((error: Error) => {
      // Not reading the log at all (the broker out of reach since the start): as incomplete as a backlog.
      throw new ServiceUnavailableException([`childRecords: ${error.message}; a return made now would be incomplete: try again shortly`]);
    });
    if (short > 0) {
      throw new ServiceUnavailableException([
        `childRecords: ${short} events of the log are not read yet; a return made now would be incomplete: try again shortly`,
      ]);
    }
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
    const chunks: string[][] = [];
    for (let index = 0; index < childIds.length; index += CHILDREN_PER_READ) chunks.push(childIds.slice(index, index + CHILDREN_PER_READ));
    const eventsOf = async (chunk: string[]) => ({
      chunk,
      rows: (await manager.query(`SELECT child_id, envelope FROM ${tables.child_events} WHERE child_id = ANY($1::uuid[])`, [
        chunk,
      ])) as ChildEventRow[],
    });
    // A return's read waited for each chunk in turn; now PostgreSQL reads the next while this one is opened and folded.
    for await (const { chunk, rows } of readAhead(chunks, eventsOf)) yield await this.chunkRecordsOf(chunk, rows);
  }

  /** One chunk's records from its events: subjects opened, an erased child left out whole. */
  private async chunkRecordsOf(chunk: string[], rows: ChildEventRow[]): Promise<ChildRecord[]> {
    const envelopes = rows.map((row) => EVENT_UPCASTERS.toCurrentShape(row.envelope));
    await this.keys.prefetchOpeningKeys(envelopes.flatMap(sealedKidOf));
    const byChild = new Map<string, OpenedEvent[]>(chunk.map((childId) => [childId, []]));
    const unreadable = new Map<string, number>();
    const erased = new Set<string>();
    for (let at = 0; at < envelopes.length; at++) {
      const childId = rows[at].child_id;
      const opened = await this.open(envelopes[at]);
      if (opened === 'erased') erased.add(childId);
      else if (opened === 'unreadable') unreadable.set(childId, (unreadable.get(childId) ?? 0) + 1);
      byChild
        .get(childId)!
        .push(
          (opened === 'unreadable'
            ? { ...envelopes[at], data: { ...(envelopes[at].data as object), subject: null } }
            : opened) as OpenedEvent,
        );
    }
    // A destroyed key means the child was erased, even before its ChildErased has arrived here: leave it out whole.
    const kept = chunk.filter((childId) => !erased.has(childId));
    return kept.map((childId) => ({ ...childRecordOf(childId, byChild.get(childId)!), unreadableSubjects: unreadable.get(childId) ?? 0 }));
  }

  /** The event with its subject opened; 'erased' when its key was destroyed, 'unreadable' when the vault never had it. */
  private async open(envelope: EventEnvelope): Promise<EventEnvelope | 'erased' | 'unreadable'> {
    try {
      const { envelope: revealed, erased } = await this.subjects.reveal(envelope);
      return erased ? 'erased' : revealed;
    } catch (error) {
      if (error instanceof UnknownSubjectKeyError) return 'unreadable';
      throw error;
    }
  }
}

const sealedKidOf = (envelope: EventEnvelope): string[] => {
  const subject = (envelope.data as { subject?: unknown }).subject;
  return isSealedSubject(subject) ? [subject.kid] : [];
};
