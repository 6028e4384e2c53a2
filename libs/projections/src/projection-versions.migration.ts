import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which version of each projection serves (CURRENT), which is being rebuilt beside it (BUILDING),
 * and which were replaced (RETIRED, their tables dropped). At most one of each of the first two.
 */
export class CreateProjectionVersions1766100000000 implements MigrationInterface {
  name = 'CreateProjectionVersions1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_versions (
        projection text NOT NULL,
        version integer NOT NULL,
        state text NOT NULL CHECK (state IN ('CURRENT', 'BUILDING', 'RETIRED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        became_current_at timestamptz,
        retired_at timestamptz,
        PRIMARY KEY (projection, version)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX one_current_version ON projection_versions (projection) WHERE state = 'CURRENT'`);
    await queryRunner.query(`CREATE UNIQUE INDEX one_building_version ON projection_versions (projection) WHERE state = 'BUILDING'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_versions`);
  }
}
