import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PROJECTION_SCHEMA } from '@csc/projections';
import { appRoleOf } from '../database/database-url';

/**
 * The schema where a service's projection versions make and drop their own tables at run time (a
 * rebuild makes a new version's tables). Its role may create only here: nowhere else, and never the
 * bookkeeping tables (versions, offsets) in public. List it after the app role's migration.
 */
export const projectionSchemaMigration = (serviceName: string): new () => MigrationInterface =>
  class CreateProjectionSchema1766100000001 implements MigrationInterface {
    name = 'CreateProjectionSchema1766100000001';

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE SCHEMA ${PROJECTION_SCHEMA}`);
      await queryRunner.query(`GRANT USAGE, CREATE ON SCHEMA ${PROJECTION_SCHEMA} TO ${appRoleOf(serviceName)}`);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP SCHEMA ${PROJECTION_SCHEMA} CASCADE`);
    }
  };
