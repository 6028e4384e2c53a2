import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which cases each child has, and which one is open. The partial unique index is CIN rule 8820 (no
 * overlapping CIN episodes for a child) kept by the database, whatever races the reactions run.
 */
export class CreateChildCases1764000000000 implements MigrationInterface {
  name = 'CreateChildCases1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE child_cases (
        case_id uuid PRIMARY KEY,
        child_id uuid NOT NULL,
        referral_id uuid NOT NULL UNIQUE,
        open boolean NOT NULL DEFAULT true,
        opened_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX child_cases_one_open_per_child ON child_cases (child_id) WHERE open`);
    await queryRunner.query(`CREATE INDEX child_cases_by_child ON child_cases (child_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE child_cases`);
  }
}
