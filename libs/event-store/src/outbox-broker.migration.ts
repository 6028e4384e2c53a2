import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which Kafka cluster the relay's checkpoint refers to. A checkpoint says "published up to here" only
 * of the broker it was published to: against another one (a fresh broker, a lost log) it would skip
 * the whole history. Null until the relay first compares (rows from before this migration).
 */
export class AddOutboxCheckpointCluster1767500000000 implements MigrationInterface {
  name = 'AddOutboxCheckpointCluster1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_checkpoints ADD COLUMN cluster_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_checkpoints DROP COLUMN cluster_id`);
  }
}
