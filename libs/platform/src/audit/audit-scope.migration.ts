import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What part of a record a request served, where the route pattern cannot say: a statutory return's
 * collection year or reference day (`year=2025-26`, `asOf=2026-03-31`). Never personal data: the
 * handlers that note it give only such codes and dates. The app role's table grants cover the column.
 */
export class AddAuditScope1767100000000 implements MigrationInterface {
  name = 'AddAuditScope1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN scope text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN scope`);
  }
}
