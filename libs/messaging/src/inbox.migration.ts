import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Event ids a consumer group has handled, written in the same transaction as the handler's own writes. */
export class CreateInbox1763800000001 implements MigrationInterface {
  name = 'CreateInbox1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        -- HANDLED, or DEAD_LETTERED when it was parked after its retries (a redelivery must not retry it again).
        outcome text NOT NULL DEFAULT 'HANDLED',
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
  }
}
