import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A school's version, as every other record written over HTTP has one: registering makes version 1,
 * each webhook change adds one. It comes back in the ETag and If-Match names it, so two admins (or
 * the school and an admin) setting the webhook at once cannot overwrite each other unawares.
 */
export class AddSchoolVersion1767300000002 implements MigrationInterface {
  name = 'AddSchoolVersion1767300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE schools ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE schools DROP COLUMN version`);
  }
}
