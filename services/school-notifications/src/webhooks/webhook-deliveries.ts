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
 * Claims due deliveries for attempts: at most one per school (a school whose endpoint hangs holds
 * one slot, never the others'), oldest first, skipping rows another instance has locked. The
 * lease outlives the attempt's timeout; if this process dies mid-attempt the lease runs out and
 * the delivery is attempted again, with the same notification id.
 */
export const claimDueDeliveries = (
  manager: EntityManager,
  { limit, leaseMs, busySchools }: { limit: number; leaseMs: number; busySchools: string[] },
): Promise<ClaimedDelivery[]> =>
  manager.query(
    `WITH candidates AS (
       SELECT notification_id, school_urn, next_attempt_at FROM webhook_deliveries
       WHERE state = 'PENDING' AND next_attempt_at <= now()
         AND (leased_until IS NULL OR leased_until < now())
         AND school_urn <> ALL($3::text[])
       ORDER BY next_attempt_at, notification_id
       LIMIT $1 * 8
       FOR UPDATE SKIP LOCKED
     ), one_per_school AS (
       SELECT DISTINCT ON (school_urn) notification_id, next_attempt_at FROM candidates ORDER BY school_urn, next_attempt_at, notification_id
     ), chosen AS (
       SELECT notification_id FROM one_per_school ORDER BY next_attempt_at LIMIT $1
     ), leased AS (
       UPDATE webhook_deliveries d SET leased_until = now() + make_interval(secs => $2 / 1000.0)
       FROM chosen WHERE d.notification_id = chosen.notification_id
       RETURNING d.notification_id, d.attempts, d.queued_at, d.correlation_id, d.queued_event_id
     )
     SELECT ${SCHOOL_NOTIFICATION_COLUMNS.split(', ')
       .map((column) => `n.${column}`)
       .join(', ')}, n.school_urn, leased.attempts, leased.queued_at, leased.correlation_id, leased.queued_event_id,
            s.webhook_url, s.secret_key_id, s.secret_sealed
     FROM leased JOIN notifications n USING (notification_id) JOIN schools s ON s.urn = n.school_urn`,
    [limit, leaseMs, busySchools],
  );

/** Records an attempt's end, once: only a still-pending delivery changes. Returns false if it had already ended. */
export const recordDelivered = async (manager: EntityManager, notificationId: string): Promise<boolean> => {
  const rows = await manager.query(
    `UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = 'HTTP 2xx'
     WHERE notification_id = $1 AND state = 'PENDING' RETURNING notification_id`,
    [notificationId],
  );
  return rows[1] !== undefined ? rows[1] > 0 : rows.length > 0;
};

export const recordRetry = (manager: EntityManager, notificationId: string, retryAt: Date, outcome: string) =>
  manager.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2, leased_until = NULL, last_outcome = $3
     WHERE notification_id = $1 AND state = 'PENDING'`,
    [notificationId, retryAt, outcome],
  );

export const recordFailed = async (manager: EntityManager, notificationId: string, outcome: string): Promise<boolean> => {
  const rows = await manager.query(
    `UPDATE webhook_deliveries SET state = 'FAILED', attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = $2
     WHERE notification_id = $1 AND state = 'PENDING' RETURNING notification_id`,
    [notificationId, outcome],
  );
  return rows[1] !== undefined ? rows[1] > 0 : rows.length > 0;
};
