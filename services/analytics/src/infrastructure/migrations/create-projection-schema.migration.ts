import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRoleOf } from '@csc/platform';
import { PROJECTION_SCHEMA } from '@csc/projections';

/**
 * The schema where projection versions make and drop their own tables at run time (a rebuild makes
 * a new version's tables). The analytics role may create only here: nowhere else, and never the
 * bookkeeping tables (versions, offsets) in public.
 */
export class CreateProjectionSchema1766100000001 implements MigrationInterface {
  name = 'CreateProjectionSchema1766100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA ${PROJECTION_SCHEMA}`);
    await queryRunner.query(`GRANT USAGE, CREATE ON SCHEMA ${PROJECTION_SCHEMA} TO ${appRoleOf('analytics')}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${PROJECTION_SCHEMA} CASCADE`);
  }
}
