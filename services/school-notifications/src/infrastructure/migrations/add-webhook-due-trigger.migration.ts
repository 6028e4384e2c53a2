import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queued delivery wakes the webhook dispatcher (NOTIFY webhooks_due, WEBHOOKS_DUE_CHANNEL), at the
 * commit of whatever statement queued it: the notification's own append queues it as a write
 * alongside, which has no place for a NOTIFY of its own (a SELECT in a WITH runs only if read). A
 * statement-level trigger: one NOTIFY per statement that queued any, none for one that queued nothing.
 */
export class AddWebhookDueTrigger1769100000001 implements MigrationInterface {
  name = 'AddWebhookDueTrigger1769100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION webhook_deliveries_wake_dispatcher() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM queued) THEN
          PERFORM pg_notify('webhooks_due', '');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER webhook_deliveries_queued AFTER INSERT ON webhook_deliveries
      REFERENCING NEW TABLE AS queued
      FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_wake_dispatcher()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER webhook_deliveries_queued ON webhook_deliveries`);
    await queryRunner.query(`DROP FUNCTION webhook_deliveries_wake_dispatcher()`);
  }
}
