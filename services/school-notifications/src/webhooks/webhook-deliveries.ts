import type { EntityManager } from 'typeorm';
import type { SchoolNotificationRow } from '../notifications/school-notification';
import { SCHOOL_NOTIFICATION_COLUMNS } from '../notifications/school-notification';

/** A delivery claimed for one attempt: the notification, where it goes, and how to sign it. */
export interface ClaimedDelivery extends SchoolNotificationRow {
  school_urn: string;
  attempts: number;
  queued_at: Date;
  webhook_url: string | null;
  secret_key_id: string;
  secret_sealed: string;
  correlation_id: string | null;
  queued_event_id: string | null;
}

/**
 * Claims due deliveries in lanes, one lane per school: up to `perLane` of a school's deliveries, in
 * its inbox order, for one worker to post one after another. A school whose endpoint is down or
 * hangs holds one lane, never another school's. Rows another instance has locked are skipped; the
 * lease outlives the lane's worst case, and if this process dies mid-lane the lease runs out and
 * the deliveries are attempted again, with the same notification ids.
 */
export const claimDueLanes = async (
  manager: EntityManager,
  { lanes, perLane, leaseMs, busySchools }: { lanes: number; perLane: number; leaseMs: number; busySchools: string[] },
): Promise<ClaimedDelivery[][]> => {
  const rows: ClaimedDelivery[] = await manager.query(
    `WITH candidates AS (
       SELECT notification_id, school_urn, next_attempt_at FROM webhook_deliveries
       WHERE state = 'PENDING' AND next_attempt_at <= now()
         AND (leased_until IS NULL OR leased_until < now())
         AND school_urn <> ALL($4::text[])
       ORDER BY next_attempt_at, notification_id
       LIMIT $1::int * $2::int
       FOR UPDATE SKIP LOCKED
     ), lanes AS (
       SELECT school_urn FROM candidates GROUP BY school_urn ORDER BY min(next_attempt_at) LIMIT $1::int
     ), chosen AS (
       SELECT notification_id FROM (
         SELECT c.notification_id, row_number() OVER (PARTITION BY c.school_urn ORDER BY c.next_attempt_at, c.notification_id) AS place
         FROM candidates c JOIN lanes USING (school_urn)
       ) ranked WHERE place <= $2::int
     ), leased AS (
       UPDATE webhook_deliveries d SET leased_until = now() + make_interval(secs => $3::int / 1000.0)
       FROM chosen WHERE d.notification_id = chosen.notification_id
       RETURNING d.notification_id, d.attempts, d.queued_at, d.correlation_id, d.queued_event_id
     )
     SELECT ${SCHOOL_NOTIFICATION_COLUMNS.split(', ')
       .map((column) => `n.${column}`)
       .join(', ')}, n.school_urn, leased.attempts, leased.queued_at, leased.correlation_id, leased.queued_event_id,
            s.webhook_url, s.secret_key_id, s.secret_sealed
     FROM leased JOIN notifications n USING (notification_id) JOIN schools s ON s.urn = n.school_urn
     ORDER BY n.school_urn, n.inbox_sequence`,
    [lanes, perLane, leaseMs, busySchools],
  );
  const bySchool = new Map<string, ClaimedDelivery[]>();
  for (const row of rows) bySchool.set(row.school_urn, [...(bySchool.get(row.school_urn) ?? []), row]);
  return [...bySchool.values()];
};

/** Hands back the rest of a lane that stopped at a failure: due now, the next claim takes them. */
export const releaseLeases = (manager: EntityManager, notificationIds: string[]) =>
  manager.query(`UPDATE webhook_deliveries SET leased_until = NULL WHERE notification_id = ANY($1::uuid[]) AND state = 'PENDING'`, [
    notificationIds,
  ]);

/** Records an attempt's end, once: only a still-pending delivery changes. Returns false if it had already ended. */
export const recordDelivered = async (manager: EntityManager, notificationId: string): Promise<boolean> => {
  // An UPDATE through TypeORM answers [rows, count].
  const [, changed] = await manager.query(
    `UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = 'HTTP 2xx'
     WHERE notification_id = $1 AND state = 'PENDING'`,
    [notificationId],
  );
  return changed > 0;
};

export const recordRetry = (manager: EntityManager, notificationId: string, retryAt: Date, outcome: string) =>
  manager.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2, leased_until = NULL, last_outcome = $3
     WHERE notification_id = $1 AND state = 'PENDING'`,
    [notificationId, retryAt, outcome],
  );

export const recordFailed = async (manager: EntityManager, notificationId: string, outcome: string): Promise<boolean> => {
  const [, changed] = await manager.query(
    `UPDATE webhook_deliveries SET state = 'FAILED', attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = $2
     WHERE notification_id = $1 AND state = 'PENDING'`,
    [notificationId, outcome],
  );
  return changed > 0;
};
