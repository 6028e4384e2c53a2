import type { EntityManager } from 'typeorm';
import { queryPrepared, type PreparedStatement, type WriteAlongside } from '@csc/event-store';
import type { SchoolNotificationRow } from '../notifications/school-notification';

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
 * instances take turns (a transaction-scoped advisory lock, held by the claim's own statement), so
 * two claims never split one school. Not to be called inside a transaction: the lock would be held
 * until that transaction ends.
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
  const rows = await queryPrepared<ClaimedDelivery>(manager, CLAIM_DUE_LANES, [lanes, perLane, leaseMs, busySchools, holder]);
  const bySchool = new Map<string, ClaimedDelivery[]>();
  for (const row of rows) bySchool.set(row.school_urn, [...(bySchool.get(row.school_urn) ?? []), row]);
  return [...bySchool.values()];
};

/**
 * The lock and the claim in one statement of their own (WebhookClaimFunction says why a function):
 * parsed and planned once per connection, not at each wake of the dispatcher.
 */
const CLAIM_DUE_LANES: PreparedStatement = {
  name: 'webhook_claim_due_lanes',
  text: `SELECT * FROM webhook_claim_due_lanes($1, $2, $3, $4, $5)`,
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

/**
 * An attempt's end, recorded once: only a still-pending delivery changes, and its event
 * (NotificationDelivered) is appended only if it did (EventStore.appendIfGuardChanges), in one statement.
 */
export const deliveredGuard = (notificationId: string): WriteAlongside => endedGuard(notificationId, 'DELIVERED', 'HTTP 2xx');

/** Only while `holder` still holds its lease: a lane taken over meanwhile is its new holder's to record (and to unlease). */
export const recordRetry = (manager: EntityManager, holder: string, notificationId: string, retryAt: Date, outcome: string) =>
  manager.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2, leased_until = NULL, last_outcome = $3
     WHERE notification_id = $1 AND state = 'PENDING' AND lease_holder = $4::uuid`,
    [notificationId, retryAt, outcome, holder],
  );

/** The last attempt's end: as deliveredGuard, with NotificationFailed. */
export const failedGuard = (notificationId: string, outcome: string): WriteAlongside => endedGuard(notificationId, 'FAILED', outcome);

const endedGuard = (notificationId: string, state: 'DELIVERED' | 'FAILED', outcome: string): WriteAlongside => ({
  text: `UPDATE webhook_deliveries SET state = $2, attempts = attempts + 1, finished_at = now(), leased_until = NULL, last_outcome = $3
     WHERE notification_id = $1 AND state = 'PENDING' RETURNING notification_id`,
  values: [notificationId, state, outcome],
});
