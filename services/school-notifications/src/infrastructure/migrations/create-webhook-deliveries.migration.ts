import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook delivery, and an inbox order that a cursor can trust.
 *
 * - `inbox_sequence`: each school's own counter, taken under a row lock on `school_inboxes` in the
 *   transaction that records the notification, so numbers commit in the order they are given. (A
 *   global bigserial does not: a later number can commit first, and a reader paging with `after`
 *   would step past the earlier one for good.)
 * - `social_worker`: the named social worker's work contact, on plan notifications only.
 * - `webhook_deliveries`: one row per notification for a school with a webhook, its state kept in
 *   the database so that a restart loses nothing. A lease (`leased_until`) marks an attempt in
 *   flight; one that outlives its lease (the process died) is attempted again, with the same id.
 */
export class CreateWebhookDeliveries1766000000000 implements MigrationInterface {
  name = 'CreateWebhookDeliveries1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE school_inboxes (school_urn text PRIMARY KEY, last_sequence bigint NOT NULL)`);
    await queryRunner.query(`ALTER TABLE notifications ADD COLUMN inbox_sequence bigint, ADD COLUMN social_worker jsonb`);
    await queryRunner.query(`
      UPDATE notifications SET inbox_sequence = numbered.sequence
      FROM (SELECT notification_id, row_number() OVER (PARTITION BY school_urn ORDER BY position) AS sequence FROM notifications) numbered
      WHERE notifications.notification_id = numbered.notification_id`);
    await queryRunner.query(`
      INSERT INTO school_inboxes (school_urn, last_sequence)
      SELECT school_urn, max(inbox_sequence) FROM notifications GROUP BY school_urn`);
    await queryRunner.query(`ALTER TABLE notifications ALTER COLUMN inbox_sequence SET NOT NULL`);
    await queryRunner.query(`DROP INDEX notifications_inbox`);
    await queryRunner.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_inbox UNIQUE (school_urn, inbox_sequence)`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        notification_id uuid PRIMARY KEY REFERENCES notifications (notification_id),
        school_urn text NOT NULL,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        queued_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        last_outcome text,
        finished_at timestamptz,
        -- The NotificationQueued event and its correlation: Delivered and Failed follow from them.
        queued_event_id uuid,
        correlation_id text
      )`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_inbox`);
    await queryRunner.query(`CREATE INDEX notifications_inbox ON notifications (school_urn, position)`);
    await queryRunner.query(`ALTER TABLE notifications DROP COLUMN inbox_sequence, DROP COLUMN social_worker`);
    await queryRunner.query(`DROP TABLE school_inboxes`);
  }
}
