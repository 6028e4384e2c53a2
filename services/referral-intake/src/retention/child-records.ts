import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ChildIndex } from '../child-index/child-index';
import { ReferralRepository } from '../referral/referral.repository';
import type { ChildRecordsSummary } from './domain/retention-policy';

export interface ChildRecordsRow extends ChildRecordsSummary {
  childId: string;
}

/**
 * What is open and closed about each child: a referral from its queue row (open until decided), the
 * rest from the other services' events (child_records, see TrackChildRecords).
 */
@Injectable()
export class ChildRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly childIndex: ChildIndex,
    private readonly referrals: ReferralRepository,
  ) {}

  async opened(manager: EntityManager, record: string, childId: string, kind: string, openedOn: string): Promise<void> {
    await manager.query(
      `INSERT INTO child_records (record, child_id, kind, opened_on) VALUES ($1, $2, $3, $4)
       ON CONFLICT (record) DO UPDATE SET opened_on = LEAST(child_records.opened_on, EXCLUDED.opened_on)`,
      [record, childId, kind, openedOn],
    );
  }

  async closed(manager: EntityManager, record: string, childId: string, kind: string, closedOn: string): Promise<void> {
    // A closure that overtakes its opening is kept, dated by itself until the opening arrives.
    await manager.query(
      `INSERT INTO child_records (record, child_id, kind, opened_on, closed_on) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (record) DO UPDATE SET closed_on = EXCLUDED.closed_on`,
      [record, childId, kind, closedOn],
    );
  }

  /**
   * Every child with nothing open, not yet erased, with what retention needs. A referral is open
   * until it is decided, closed on the day it was decided (in London): read from its queue row, which
   * the referral's own appends keep (referralQueueList), so this service need not read its own topic back.
   */
  async closedChildren(): Promise<ChildRecordsRow[]> {
    // A referral without its queue row yet would not count as open: never list children for erasure on part of the queue.
    if (!this.referrals.streams.listsCaughtUp) {
      throw new ServiceUnavailableException([
        "the front door's queue is still being filled from the log, and retention reads which referrals are open from it: try again shortly",
      ]);
    }
    const rows: { child_id: string; last_closed_on: string; ever_looked_after: boolean }[] = await this.dataSource.query(
      `WITH records AS (
           SELECT child_id, kind, closed_on FROM child_records
           UNION ALL
           SELECT child_id, 'referral', (decided_at AT TIME ZONE 'Europe/London')::date FROM referral_queue
         )
         SELECT r.child_id,
                to_char(max(r.closed_on), 'YYYY-MM-DD') AS last_closed_on,
                bool_or(r.kind = 'looked-after') AS ever_looked_after
         FROM records r
         WHERE NOT EXISTS (SELECT 1 FROM child_erasures e WHERE e.child_id = r.child_id)
         GROUP BY r.child_id
         HAVING bool_and(r.closed_on IS NOT NULL)`,
    );
    // Dates of birth are sealed in the child index: opened here, for these children only.
    const datesOfBirth = await this.childIndex.datesOfBirthOf(rows.map((row) => row.child_id));
    return rows.map((row) => ({
      childId: row.child_id,
      dateOfBirth: datesOfBirth.get(row.child_id) ?? null,
      lastClosedOn: row.last_closed_on,
      openRecords: 0,
      everLookedAfter: row.ever_looked_after,
    }));
  }
}
