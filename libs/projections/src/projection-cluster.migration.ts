import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which Kafka cluster a projection version read. Its offsets mean something only on that broker's
 * log: on another (a fresh broker, a lost log) they point past the ends of the partitions or at
 * other events, and the version must be rebuilt from offset 0. Null until the version's runner first looks.
 */
export class AddProjectionVersionCluster1767500000001 implements MigrationInterface {
  name = 'AddProjectionVersionCluster1767500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE projection_versions ADD COLUMN cluster_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE projection_versions DROP COLUMN cluster_id`);
  }
}
