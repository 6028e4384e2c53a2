import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CursorKey } from '@csc/platform';
import type { ReferralStatus } from '../referral.decider';

export interface QueueFilters {
  statuses: ReferralStatus[] | null;
  source: string | null;
  schoolUrn: string | null;
  receivedFrom: string | null;
  receivedTo: string | null;
  /** A school's URN: only the referrals that school made (source 2A from its URN), as isReferrerSchool says. */
  referrerSchool: string | null;
}

export interface QueueRow {
  referralId: string;
  childId: string;
  status: ReferralStatus;
  receivedAt: Date;
  /** received_at to the microsecond, as text: the keyset's first key (a Date would round it to milliseconds). */
  receivedKey: string;
  referralDate: string;
  source: string;
  schoolUrn: string | null;
  version: number;
  childKnown: boolean;
  decidedAt: Date | null;
  cinReferral: boolean | null;
  openCase: boolean;
  previousCinReferralDate: string | null;
}

/** The keyset of the queue's order: oldest received first, then by id, so equal instants still have one order. */
export const queueKeysOf = (row: QueueRow): CursorKey[] => [row.receivedKey, row.referralId];

/**
 * The front door's queue, read from referral_queue (see referralQueueList), with what referral-intake
 * knows beside it: whether the child has an open case (child_records, from case-progression's events)
 * and the child's latest earlier CIN referral (for the re-referral flag). Erased children are left out:
 * nothing about them can be opened any more.
 */
@Injectable()
export class ReferralQueue {
  constructor(private readonly dataSource: DataSource) {}

  async page(filters: QueueFilters, after: { receivedKey: string; referralId: string } | null, limit: number): Promise<QueueRow[]> {
    return this.dataSource.query(
      `SELECT q.referral_id AS "referralId", q.child_id AS "childId", q.status, q.received_at AS "receivedAt",
              to_char(q.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "receivedKey",
              to_char(q.referral_date, 'YYYY-MM-DD') AS "referralDate", q.source, q.school_urn AS "schoolUrn", q.version,
              q.child_known AS "childKnown", q.decided_at AS "decidedAt", q.cin_referral AS "cinReferral",
              EXISTS (SELECT 1 FROM child_records c WHERE c.child_id = q.child_id AND c.kind = 'case' AND c.closed_on IS NULL) AS "openCase",
              (SELECT to_char(max(p.referral_date), 'YYYY-MM-DD') FROM referral_queue p
                WHERE p.child_id = q.child_id AND p.cin_referral AND (p.received_at, p.referral_id) < (q.received_at, q.referral_id))
                AS "previousCinReferralDate"
         FROM referral_queue q
        WHERE NOT EXISTS (SELECT 1 FROM child_erasures e WHERE e.child_id = q.child_id)
          AND ($1::text[] IS NULL OR q.status = ANY($1))
          AND ($2::text IS NULL OR q.source = $2)
          AND ($3::text IS NULL OR q.school_urn = $3)
          AND ($4::date IS NULL OR q.referral_date >= $4)
          AND ($5::date IS NULL OR q.referral_date <= $5)
          AND ($6::text IS NULL OR (q.source = '2A' AND q.referrer_organisation_id = $6))
          AND ($7::timestamptz IS NULL OR (q.received_at, q.referral_id) > ($7::timestamptz, $8::uuid))
        ORDER BY q.received_at, q.referral_id
        LIMIT $9`,
      [
        filters.statuses,
        filters.source,
        filters.schoolUrn,
        filters.receivedFrom,
        filters.receivedTo,
        filters.referrerSchool,
        after?.receivedKey ?? null,
        after?.referralId ?? null,
        limit,
      ],
    );
  }
}
