import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each projection has read to, per topic partition, kept in the projection's own database
 * (not in Kafka's consumer-group commits) so that view rows and offsets commit together: a crash can
 * neither apply a batch twice nor skip one (docs/architecture.md, "Projections and replay").
 */
export class CreateProjectionOffsets1763800000002 implements MigrationInterface {
  name = 'CreateProjectionOffsets1763800000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_offsets (
        projection text NOT NULL,
        version integer NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, version, topic, partition)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_offsets`);
  }
}
