import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROJECTION_SCHEMA } from '../projection';
import { AddProjectionBatchStartFunction1768200000000 } from '../projection-batch-start.migration';
import { AddProjectionVersionCluster1767500000001 } from '../projection-cluster.migration';
import { CreateProjectionOffsets1763800000002 } from '../projection-offsets.migration';
import { CreateProjectionVersions1766100000000 } from '../projection-versions.migration';

/** The schema a service's own migration makes for its projections (libs/platform has it; this lib may not import that). */
class CreateProjectionSchema1700000000003 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${PROJECTION_SCHEMA}`);
  }
  async down() {}
}

/** What a database needs before a ProjectionHost can run on it, in the order a service migrates them. */
export const PROJECTION_HOST_MIGRATIONS = [
  CreateProjectionSchema1700000000003,
  CreateProjectionOffsets1763800000002,
  CreateProjectionVersions1766100000000,
  AddProjectionVersionCluster1767500000001,
  AddProjectionBatchStartFunction1768200000000,
];
