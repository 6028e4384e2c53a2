import type { EntityManager } from 'typeorm';
import { queryPrepared, type PreparedStatement } from '@csc/event-store';
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
  /** The trace of the reaction that queued it (its NotificationQueued event's), which its posts continue. */
  traceparent: string | null;
}

/**
 * Claims due deliveries in lanes, one lane per school: up to `perLane` of a school's deliveries, in
 * its inbox order, for one worker to post one after another, leased to `holder` (this dispatcher).
 * One writer per lane: a school with a live lease anywhere is not claimed again, and claims across
 * instances take turns (a transaction-scoped advisory lock), so two claims never split one school.
 * The lease is short and renewed while the lane runs (renewLeases); if this process dies the lease
 * lapses within seconds and another dispatcher posts them again, with the same notification ids.
 */
export const claimDueLanes = async (
  manager: EntityManager,
  {
    lanes,
    perLane,
    leaseMs,
    holder,
    busySchools,
  }: { lanes: number; perLane: number; leaseMs: number; holder: string; busySchools: string[] },
): Promise<ClaimedDelivery[][]> => {
  await queryPrepared(manager, CLAIM_LOCK, []);
  const rows = await queryPrepared<ClaimedDelivery>(manager, CLAIM_DUE_LANES, [lanes, perLane, leaseMs, busySchools, holder]);
  const bySchool = new Map<string, ClaimedDelivery[]>();
  for (const row of rows) bySchool.set(row.school_urn, [...(bySchool.get(row.school_urn) ?? []), row]);
  return [...bySchool.values()];
};

/** Claims take turns across dispatchers (see claimDueLanes); prepared, as the claim is, once per connection. */
const CLAIM_LOCK: PreparedStatement = {
  name: 'webhook_claim_lock',
  text: `SELECT pg_advisory_xact_lock(hashtext('webhook-delivery-claims'))`,
};

/** Every claim: parsed and planned once per connection, not at each wake of the dispatcher. */
const CLAIM_DUE_LANES: PreparedStatement = {
  name: 'webhook_claim_due_lanes',
  text: `WITH candidates AS (
       SELECT notification_id, school_urn, next_attempt_at FROM webhook_deliveries d
       WHERE state = 'PENDING' AND next_attempt_at <= now()
         AND (leased_until IS NULL OR leased_until < now())
         AND school_urn <> ALL($4::text[])
         AND NOT EXISTS (
           SELECT 1 FROM webhook_deliveries held
           WHERE held.school_urn = d.school_urn AND held.state = 'PENDING' AND held.leased_until >= now()
         )
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
       UPDATE webhook_deliveries d SET leased_until = now() + make_interval(secs => $3::int / 1000.0), lease_holder = $5::uuid
       FROM chosen WHERE d.notification_id = chosen.notification_id
       RETURNING d.notification_id, d.attempts, d.queued_at, d.correlation_id, d.queued_event_id
     )
     SELECT ${SCHOOL_NOTIFICATION_COLUMNS.split(', ')
       .map((column) => `n.${column}`)
       .join(', ')}, n.school_urn, leased.attempts, leased.queued_at, leased.correlation_id, leased.queued_event_id,
            s.webhook_url, s.secret_key_id, s.secret_sealed,
            (SELECT e.traceparent FROM events e WHERE e.event_id = leased.queued_event_id) AS traceparent
     FROM leased JOIN notifications n USING (notification_id) JOIN schools s ON s.urn = n.school_urn
     ORDER BY n.school_urn, n.inbox_sequence`,
};

/**
 * Extends the leases `holder` still holds on these deliveries (those not yet finished or handed
 * back); returns the ids renewed. One missing from the answer was taken over by another dispatcher
 * after its lease lapsed (this process stalled): it is no longer this dispatcher's to post.
 */
export const renewLeases = async (
  manager: EntityManager,
  holder: string,
  notificationIds: string[],
  leaseMs: number,
): Promise<Set<string>> => {
  const rows: { notification_id: string }[] = await manager.query(
    `UPDATE webhook_deliveries SET leased_until = now() + make_interval(secs => $3::int / 1000.0)
     WHERE notification_id = ANY($2::uuid[]) AND lease_holder = $1::uuid AND state = 'PENDING' AND leased_until IS NOT NULL
     RETURNING notification_id`,
    [holder, notificationIds, leaseMs],
  );
  return new Set(rows.map((row) => row.notification_id));
};

/** Hands back the rest of a lane that stopped at a failure: due now, the next claim takes them (only leases `holder` still holds). */
export const releaseLeases = (manager: EntityManager, holder: string, notificationIds: string[]) =>
  manager.query(
    `UPDATE webhook_deliveries SET leased_until = NULL
     WHERE notification_id = ANY($2::uuid[]) AND lease_holder = $1::uuid AND state = 'PENDING'`,
    [holder, notificationIds],
  );

/** Every delivery's end: prepared once per connection. */
const RECORD_DELIVERED: PreparedStatement = {
  name: 'webhook_record_delivered',
  text: `UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = 'HTTP 2xx'
     WHERE notification_id = $1 AND state = 'PENDING'`,
};

/** Records an attempt's end, once: only a still-pending delivery changes. Returns false if it had already ended. */
export const recordDelivered = async (manager: EntityManager, notificationId: string): Promise<boolean> => {
  // An UPDATE through TypeORM answers [rows, count].
  // An UPDATE through TypeORM answers [rows, count], prepared or not.
  const [, changed] = (await queryPrepared(manager, RECORD_DELIVERED, [notificationId])) as unknown as [unknown[], number];
  return changed > 0;
};

/** Only while `holder` still holds its lease: a lane taken over meanwhile is its new holder's to record (and to unlease). */
export const recordRetry = (manager: EntityManager, holder: string, notificationId: string, retryAt: Date, outcome: string) =>
  manager.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2, leased_until = NULL, last_outcome = $3
     WHERE notification_id = $1 AND state = 'PENDING' AND lease_holder = $4::uuid`,
    [notificationId, retryAt, outcome, holder],
  );

export const recordFailed = async (manager: EntityManager, notificationId: string, outcome: string): Promise<boolean> => {
  const [, changed] = await manager.query(
    `UPDATE webhook_deliveries SET state = 'FAILED', attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = $2
     WHERE notification_id = $1 AND state = 'PENDING'`,
    [notificationId, outcome],
  );
  return changed > 0;
};
