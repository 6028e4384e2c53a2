import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dispatcher's claim of due lanes in one round trip, in a statement of its own (no transaction
 * around it): take the claims' advisory lock, then lease the due deliveries (claimDueLanes says how
 * lanes are chosen). Two statements of one function rather than one statement, because the lease must
 * see the leases that the lock's last holder committed before releasing it: in READ COMMITTED a
 * VOLATILE function takes a fresh snapshot for each statement, so the claim's snapshot is taken after
 * the lock is held (a CTE would claim with the snapshot its statement took before waiting, and could
 * split a school's lane between two dispatchers). The lock is the statement's transaction's: it is
 * let go as the claim commits.
 */
export class WebhookClaimFunction1768100000001 implements MigrationInterface {
  name = 'WebhookClaimFunction1768100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION webhook_claim_due_lanes(lane_limit int, per_lane int, lease_ms int, busy_schools text[], holder uuid)
      RETURNS TABLE (
        notification_id uuid, child_id uuid, referral_id uuid, type text, occurred_at timestamptz, summary text,
        social_worker jsonb, school_urn text, attempts integer, queued_at timestamptz, correlation_id text,
        queued_event_id uuid, webhook_url text, secret_key_id text, secret_sealed text, traceparent text)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('webhook-delivery-claims'));
        RETURN QUERY
          WITH candidates AS (
            SELECT d.notification_id, d.school_urn, d.next_attempt_at FROM webhook_deliveries d
            WHERE d.state = 'PENDING' AND d.next_attempt_at <= now()
              AND (d.leased_until IS NULL OR d.leased_until < now())
              AND d.school_urn <> ALL(busy_schools)
              AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries held
                WHERE held.school_urn = d.school_urn AND held.state = 'PENDING' AND held.leased_until >= now()
              )
            ORDER BY d.next_attempt_at, d.notification_id
            LIMIT lane_limit * per_lane
            FOR UPDATE SKIP LOCKED
          ), lanes AS (
            SELECT c.school_urn FROM candidates c GROUP BY c.school_urn ORDER BY min(c.next_attempt_at) LIMIT lane_limit
          ), chosen AS (
            SELECT ranked.notification_id FROM (
              SELECT c.notification_id, row_number() OVER (PARTITION BY c.school_urn ORDER BY c.next_attempt_at, c.notification_id) AS place
              FROM candidates c JOIN lanes l ON l.school_urn = c.school_urn
            ) ranked WHERE ranked.place <= per_lane
          ), leased AS (
            UPDATE webhook_deliveries d SET leased_until = now() + make_interval(secs => lease_ms / 1000.0), lease_holder = holder
            FROM chosen WHERE d.notification_id = chosen.notification_id
            RETURNING d.notification_id, d.attempts, d.queued_at, d.correlation_id, d.queued_event_id
          )
          SELECT n.notification_id, n.child_id, n.referral_id, n.type, n.occurred_at, n.summary, n.social_worker,
                 n.school_urn, leased.attempts, leased.queued_at, leased.correlation_id, leased.queued_event_id,
                 s.webhook_url, s.secret_key_id, s.secret_sealed,
                 (SELECT e.traceparent FROM events e WHERE e.event_id = leased.queued_event_id)
          FROM leased JOIN notifications n ON n.notification_id = leased.notification_id JOIN schools s ON s.urn = n.school_urn
          ORDER BY n.school_urn, n.inbox_sequence;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION webhook_claim_due_lanes(int, int, int, text[], uuid)`);
  }
}
